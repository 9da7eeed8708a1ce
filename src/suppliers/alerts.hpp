#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
std::string_view to_string(AlertKind kind);

class Alerts {
 public:
  static void raise(db::Connection& conn, AlertKind kind, std::optional<std::int64_t> supplier_id,
                    std::string_view subject, std::string_view message);
  // Closes the open alert, if there is one ("" subject: every subject of that kind and supplier).
  static void resolve(db::Connection& conn, AlertKind kind, std::optional<std::int64_t> supplier_id,
                      std::string_view subject = {});
};

}  // namespace comptoir::suppliers
