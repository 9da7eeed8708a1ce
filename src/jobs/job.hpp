#pragma once

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>
#include <variant>

namespace comptoir::db {
class Connection;
}

namespace comptoir::jobs {

// What a job does at each tick, in one of three forms:
// - void(db::Connection&): runs inside a transaction on the runner's connections; when the job is
//   exclusive, its work commits (or rolls back) together with the claim of the tick.
// - void(): does its own I/O (its module's db::Database, a mail server, files).
// - void(std::stop_token): the same, for a job that works through many items and should stop
//   between two of them when the server stops (the token is the runner's).
using InTransaction = std::function<void(db::Connection&)>;
using Plain = std::function<void()>;
using Stoppable = std::function<void(std::stop_token)>;
using Work = std::variant<InTransaction, Plain, Stoppable>;

// A periodic job. With several `comptoir serve` processes on one database:
// - exclusive (the default): each tick runs in one process only. The runner takes a PostgreSQL
//   advisory lock keyed by the job's name (pg_try_advisory_xact_lock: a process that finds it
//   taken skips the tick) and claims the tick in job_runs (a process that comes later in the same
//   tick, once the lock is free again, finds it claimed and skips too). For work that must not run
//   twice at once or that is wasted when repeated (purges, expiries, backups).
// - not exclusive: every process runs every tick. Only for work that shares itself out row by row
//   (FOR UPDATE SKIP LOCKED, or a row lock and a check that the row is still to do), where more
//   processes simply mean more hands (the email outbox, stored Stripe events).
struct Job {
  std::string name;  // "module.what": the metrics label, the log field and the lock's key
  std::chrono::milliseconds every{0};   // ticks start on multiples of it since the Unix epoch…
  std::chrono::milliseconds offset{0};  // …shifted by this much (in [0, every)): a daily job at
                                        // 03:30 UTC is every = 24 h, offset = 3 h 30 min
  std::chrono::milliseconds jitter{0};  // each tick starts up to this much later (below `every`)
  bool exclusive = true;
  Work run;
};

}  // namespace comptoir::jobs
