#include "accounts/housekeeping.hpp"

#include "db/connection.hpp"
#include "observe/log.hpp"

namespace comptoir::accounts {
namespace {

constexpr db::Query kPurgeSessions{
    "housekeeping_purge_sessions",
    "DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - "
    "make_interval(secs => CASE WHEN staff THEN $1::float8 ELSE $2::float8 END)"};
constexpr db::Query kPurgeEmailTokens{
    "housekeeping_purge_email_tokens",
    "DELETE FROM email_tokens WHERE coalesce(used_at, expires_at) < now() - interval '1 day'"};

}  // namespace

PurgeCounts purge_expired(db::Connection& conn, const SessionPolicy& policy) {
  return {.sessions = conn.exec(kPurgeSessions, std::to_string(policy.staff_idle.count()),
                                std::to_string(policy.customer_idle.count()))
                          .affected_rows(),
          .email_tokens = conn.exec(kPurgeEmailTokens).affected_rows()};
}

jobs::Job housekeeping_job(SessionPolicy policy) {
  return {.name = "accounts.housekeeping",
          .every = std::chrono::minutes{10},
          .jitter = std::chrono::seconds{30},
          .exclusive = true,
          .run = [policy](db::Connection& conn) {
            auto counts = purge_expired(conn, policy);
            if (counts.sessions + counts.email_tokens > 0)
              observe::info("expired account data purged",
                            {{"sessions", counts.sessions}, {"email_tokens", counts.email_tokens}});
          }};
}

}  // namespace comptoir::accounts
