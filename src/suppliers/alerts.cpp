#include "suppliers/alerts.hpp"

#include "db/connection.hpp"

namespace comptoir::suppliers {
namespace {

constexpr db::Query kRaise{
    "supplier_alerts_raise",
    "INSERT INTO supplier_alerts (supplier_id, kind, subject, message) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (kind, coalesce(supplier_id, 0), subject) WHERE resolved_at IS NULL "
    "DO UPDATE SET message = EXCLUDED.message, seen_at = now()"};
constexpr db::Query kResolve{
    "supplier_alerts_resolve",
    "UPDATE supplier_alerts SET resolved_at = now() WHERE resolved_at IS NULL AND kind = $2 "
    "AND coalesce(supplier_id, 0) = coalesce($1::bigint, 0) AND ($3 = '' OR subject = $3)"};

}  // namespace

std::string_view to_string(AlertKind kind) {
  switch (kind) {
    case AlertKind::low_stock:
      return "LOW_STOCK";
    case AlertKind::sync_failed:
      return "SYNC_FAILED";
    case AlertKind::api_failing:
      return "API_FAILING";
    case AlertKind::rate_limited:
      return "RATE_LIMITED";
    case AlertKind::order_stuck:
      return "ORDER_STUCK";
    case AlertKind::order_failed:
      return "ORDER_FAILED";
    case AlertKind::order_unrouted:
      return "ORDER_UNROUTED";
    case AlertKind::cancel_at_supplier:
      return "CANCEL_AT_SUPPLIER";
    case AlertKind::price_conflict:
      return "PRICE_CONFLICT";
  }
  return "";
}

void Alerts::raise(db::Connection& conn, AlertKind kind, std::optional<std::int64_t> supplier_id,
                   std::string_view subject, std::string_view message) {
  conn.exec(kRaise, supplier_id, to_string(kind), subject, message);
}

void Alerts::resolve(db::Connection& conn, AlertKind kind, std::optional<std::int64_t> supplier_id,
                     std::string_view subject) {
  conn.exec(kResolve, supplier_id, to_string(kind), subject);
}

}  // namespace comptoir::suppliers
