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
constexpr db::Query kOpen{
    "supplier_alerts_open",
    "SELECT id, supplier_id, kind, subject, message, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
    "FROM supplier_alerts WHERE resolved_at IS NULL ORDER BY seen_at DESC, id DESC LIMIT $1"};

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

std::vector<Alert> Alerts::open(db::Connection& conn, int limit) {
  auto r = conn.exec(kOpen, limit);
  std::vector<Alert> out;
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back(Alert{.id = r.get<std::int64_t>(i, 0),
                        .supplier_id = r.get<std::optional<std::int64_t>>(i, 1),
                        .kind = r.get<std::string>(i, 2),
                        .subject = r.get<std::string>(i, 3),
                        .message = r.get<std::string>(i, 4),
                        .created_at = r.get<std::string>(i, 5),
                        .seen_at = r.get<std::string>(i, 6)});
  return out;
}

}  // namespace comptoir::suppliers
