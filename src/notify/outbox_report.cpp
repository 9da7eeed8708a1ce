#include "notify/outbox_report.hpp"

#include "db/connection.hpp"

namespace comptoir::notify {
namespace {

// email_outbox_due_idx covers the unsent rows: a large history of sent mail is never walked.
constexpr db::Query kHealth{
    "outbox_health",
    "SELECT count(*), count(*) FILTER (WHERE attempts > 0), "
    "coalesce(to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
    "coalesce((SELECT last_error FROM email_outbox WHERE sent_at IS NULL AND attempts > 0 "
    "          AND last_error IS NOT NULL ORDER BY next_attempt_at DESC LIMIT 1), '') "
    "FROM email_outbox WHERE sent_at IS NULL"};

}  // namespace

OutboxHealth outbox_health(db::Connection& conn) {
  auto row = conn.exec(kHealth);
  return {.waiting = row.get<std::int64_t>(0, 0),
          .failing = row.get<std::int64_t>(0, 1),
          .oldest_waiting_at = row.get<std::string>(0, 2),
          .last_error = row.get<std::string>(0, 3)};
}

}  // namespace comptoir::notify
