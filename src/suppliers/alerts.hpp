#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// What needs someone's attention. One open alert per kind, supplier and subject: raising it again
// refreshes its message and when it was last seen.
enum class AlertKind {
  low_stock,
  sync_failed,
  api_failing,
  rate_limited,
  order_stuck,
  order_failed,
  order_unrouted,      // a paid line no supplier could take
  cancel_at_supplier,  // the shop's order was cancelled after its supplier order was sent
  price_conflict       // no supplier in stock leaves the margin floor at the shop's price
};
inline constexpr AlertKind kAlertKinds[] = {
    AlertKind::low_stock,      AlertKind::sync_failed,        AlertKind::api_failing,
    AlertKind::rate_limited,   AlertKind::order_stuck,        AlertKind::order_failed,
    AlertKind::order_unrouted, AlertKind::cancel_at_supplier, AlertKind::price_conflict};
std::string_view to_string(AlertKind kind);
// The kind to_string names; nullopt for a name this program does not know (a newer shop's).
std::optional<AlertKind> parse_alert_kind(std::string_view name);

// An open alert as listed.
struct Alert {
  std::int64_t id = 0;
  std::string kind{};  // LOW_STOCK…, as to_string gives it
  std::optional<std::int64_t> supplier_id{};
  std::string supplier_name{};  // "" when the alert is the shop's
  std::string subject{};
  std::string message{};
  std::string raised_at{};  // first raised, ISO 8601 UTC
  std::string seen_at{};    // last raised again
};

class Alerts {
 public:
  static void raise(db::Connection& conn, AlertKind kind, std::optional<std::int64_t> supplier_id,
                    std::string_view subject, std::string_view message);
  // Closes the open alert, if there is one ("" subject: every subject of that kind and supplier).
  static void resolve(db::Connection& conn, AlertKind kind, std::optional<std::int64_t> supplier_id,
                      std::string_view subject = {});

  // The open alerts, the most recently seen first (at most `limit`).
  static std::vector<Alert> list_open(db::Connection& conn, std::size_t limit = 500);
  // Someone dealt with alert `id`: it is closed (raised anew if its cause is still there). False
  // when it was not open.
  static bool resolve_id(db::Connection& conn, std::int64_t id);
};

}  // namespace comptoir::suppliers
