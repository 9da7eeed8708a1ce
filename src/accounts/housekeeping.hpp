#pragma once

#include <cstddef>

#include "accounts/session.hpp"
#include "jobs/job.hpp"

namespace comptoir::accounts {

struct PurgeCounts {
  std::size_t sessions = 0;
  std::size_t email_tokens = 0;
};

// Deletes what can no longer be used: sessions past their lifetime or idle limit (guest sessions
// pile up from every visit to a form) and email tokens used or expired a day ago (rate-limit
// buckets are the throttle module's: throttle.housekeeping). Safe to run from several processes
// at once.
PurgeCounts purge_expired(db::Connection& conn, const SessionPolicy& policy);

// accounts.housekeeping: purge_expired every 10 minutes, in one process per tick (exclusive), and
// a log line of what it removed.
jobs::Job housekeeping_job(SessionPolicy policy);

}  // namespace comptoir::accounts
