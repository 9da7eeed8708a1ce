#include "analytics/event_outbox.hpp"

#include "db/connection.hpp"

namespace comptoir::analytics {
namespace {

constexpr db::Query kEnqueue{
    "analytics_enqueue",
    "INSERT INTO analytics_events (order_id, kind, dedupe_key, event) VALUES ($1, $2, $3, "
    "$4::jsonb) ON CONFLICT (order_id, kind, dedupe_key) DO NOTHING RETURNING id"};
constexpr db::Query kClaim{
    "analytics_claim",
    "SELECT id, order_id, kind, event::text, attempts FROM analytics_events "
    "WHERE sent_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id "
    "LIMIT 1 FOR UPDATE SKIP LOCKED"};
constexpr db::Query kSent{"analytics_sent",
                          "UPDATE analytics_events SET sent_at = now(), attempts = attempts + 1, "
                          "last_error = NULL WHERE id = $1"};
constexpr db::Query kFailed{
    "analytics_failed",
    "UPDATE analytics_events SET attempts = attempts + 1, last_error = $2, next_attempt_at = "
    "CASE WHEN $3 THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => $4::float8) END "
    "WHERE id = $1"};
constexpr db::Query kOfOrder{
    "analytics_of_order",
    "SELECT id, order_id, kind, event::text, attempts, sent_at IS NOT NULL, "
    "next_attempt_at = 'infinity'::timestamptz, coalesce(last_error, '') FROM analytics_events "
    "WHERE order_id = $1 ORDER BY id"};

}  // namespace

bool EventOutbox::enqueue(std::int64_t order_id, EventKind kind, std::string_view key,
                          const Event& event) {
  return !conn_.exec(kEnqueue, order_id, name(kind), key, to_json(event)).empty();
}

std::optional<OutboxRow> EventOutbox::claim_due() {
  auto row = conn_.exec(kClaim);
  if (row.empty()) return std::nullopt;
  return OutboxRow{
      .id = row.get<std::int64_t>(0, 0),
      .order_id = row.get<std::int64_t>(0, 1),
      .kind = parse_kind(row.get<std::string_view>(0, 2)).value_or(EventKind::purchase),
      .event = row.get<std::string>(0, 3),
      .attempts = row.get<std::int32_t>(0, 4)};
}

void EventOutbox::mark_sent(std::int64_t id) {
  conn_.exec(kSent, id);
}

void EventOutbox::mark_failed(std::int64_t id, std::string_view error, bool last, double retry_in) {
  conn_.exec(kFailed, id, error.substr(0, 500), last, std::to_string(retry_in));
}

std::vector<OutboxRow> EventOutbox::of_order(std::int64_t order_id) {
  auto rows = conn_.exec(kOfOrder, order_id);
  std::vector<OutboxRow> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back(
        {.id = rows.get<std::int64_t>(i, 0),
         .order_id = rows.get<std::int64_t>(i, 1),
         .kind = parse_kind(rows.get<std::string_view>(i, 2)).value_or(EventKind::purchase),
         .event = rows.get<std::string>(i, 3),
         .attempts = rows.get<std::int32_t>(i, 4),
         .sent = rows.get<bool>(i, 5),
         .gave_up = rows.get<bool>(i, 6),
         .last_error = rows.get<std::string>(i, 7)});
  return out;
}

}  // namespace comptoir::analytics
