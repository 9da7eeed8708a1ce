#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "jobs/job.hpp"

namespace comptoir::observe {
class Metrics;
class ErrorReporter;
}  // namespace comptoir::observe

namespace comptoir::jobs {

enum class Outcome {
  ran,      // the job ran and returned
  skipped,  // exclusive: another process holds its lock, or already ran this tick
  failed,   // it threw: logged as a warning with the job's name, reported to the error reporter;
            // the next tick tries again
};

struct JobStats {
  std::uint64_t runs = 0;  // ran or failed
  std::uint64_t failures = 0;
  std::uint64_t skips = 0;
};

// Runs the process's periodic jobs. The accounts housekeeping, the order expiry, stored Stripe
// events, the email outbox and scheduled backups register here (app/serve_steps.cpp); the supplier
// engine will too. Each job gets a thread of its own: jobs block (libpq, an SMTP server, a
// supplier's feed), and a slow one must not delay the others' ticks; there are a handful of them,
// so threads are cheap and each job's cadence stays independent. Metrics per job: job_runs_total,
// job_failures_total, job_skips_total (labelled by job) and the job_duration_seconds histogram.
class Runner {
 public:
  // `database`: the runner's own connections (in-transaction jobs, locks, tick claims), so a slow
  // job never holds a connection a request is waiting for. Opened on first use. `reporter`, when
  // given, hears of every failed run (logger "jobs", the job's name as transaction and tag).
  Runner(db::DatabaseOptions database, observe::Metrics& metrics,
         observe::ErrorReporter* reporter = nullptr);
  ~Runner();  // stop()
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Registers a job, before start(). Throws std::invalid_argument for an empty or taken name, an
  // interval that is not positive, or a jitter outside [0, every).
  void add(Job job);
  // Starts one thread per job. Each job runs at once (in the current tick, after its jitter), then
  // at each tick.
  void start();
  // Wakes the sleeping threads, lets the jobs in progress finish (a Stoppable job sees its token
  // stop), and joins. Idempotent; the destructor calls it.
  void stop();

  // Runs a job once now on the calling thread, without claiming a tick (an exclusive job still
  // takes its lock): for tests and commands. Throws std::invalid_argument for an unknown name.
  Outcome run_now(std::string_view name);
  JobStats stats(std::string_view name) const;

 private:
  struct Entry;
  Entry& find(std::string_view name) const;
  void loop(Entry& entry);
  Outcome execute(Entry& entry, bool claim_tick);

  db::Database db_;
  observe::Metrics& metrics_;
  observe::ErrorReporter* reporter_;
  std::vector<std::unique_ptr<Entry>> entries_;
  bool started_ = false;
  std::stop_source stop_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
};

}  // namespace comptoir::jobs
