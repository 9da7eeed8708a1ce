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

constexpr db::Query kListOpen{
    "supplier_alerts_list_open",
    "SELECT a.id, a.kind, a.supplier_id, coalesce(s.name, ''), a.subject, a.message, "
    "to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(a.seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
    "FROM supplier_alerts a LEFT JOIN suppliers s ON s.id = a.supplier_id "
    "WHERE a.resolved_at IS NULL ORDER BY a.seen_at DESC, a.id DESC LIMIT $1"};
constexpr db::Query kResolveId{
    "supplier_alerts_resolve_id",
    "UPDATE supplier_alerts SET resolved_at = now() WHERE id = $1 AND resolved_at IS NULL"};

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

std::optional<AlertKind> parse_alert_kind(std::string_view name) {
  for (auto kind : kAlertKinds)
    if (to_string(kind) == name) return kind;
  return std::nullopt;
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

namespace comptoir::suppliers {

std::vector<Alert> Alerts::list_open(db::Connection& conn, std::size_t limit) {
  auto rows = conn.exec(kListOpen, static_cast<std::int64_t>(limit));
  std::vector<Alert> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({.id = rows.get<std::int64_t>(i, 0),
                   .kind = rows.get<std::string>(i, 1),
                   .supplier_id = rows.get<std::optional<std::int64_t>>(i, 2),
                   .supplier_name = rows.get<std::string>(i, 3),
                   .subject = rows.get<std::string>(i, 4),
                   .message = rows.get<std::string>(i, 5),
                   .raised_at = rows.get<std::string>(i, 6),
                   .seen_at = rows.get<std::string>(i, 7)});
  return out;
}

bool Alerts::resolve_id(db::Connection& conn, std::int64_t id) {
  return conn.exec(kResolveId, id).affected_rows() == 1;
}

}  // namespace comptoir::suppliers
