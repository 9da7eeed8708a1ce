#include "jobs/runner.hpp"

#include <fmt/format.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <stdexcept>
#include <thread>

#include "db/connection.hpp"
#include "jobs/schedule.hpp"
#include "observe/error_report.hpp"
#include "observe/log.hpp"
#include "observe/metrics.hpp"

namespace comptoir::jobs {
namespace {

// Transaction-scoped: released by the COMMIT or ROLLBACK that ends the job's transaction, so a
// process that dies mid-job never leaves it locked.
constexpr db::Query kTryLock{"jobs_try_lock", "SELECT pg_try_advisory_xact_lock($1)"};
// The tick is computed from PostgreSQL's clock, not this host's: every process agrees on it even
// when their clocks drift. A row comes back only when this tick was not claimed yet. $2 is the
// interval, $3 the offset of the ticks, both in milliseconds.
constexpr db::Query kClaimTick{
    "jobs_claim_tick",
    "INSERT INTO job_runs AS r (name, tick_at) VALUES ($1, to_timestamp((floor((extract(epoch "
    "FROM now())::float8 * 1000 - $3::float8) / $2::float8) * $2::float8 + $3::float8) / 1000)) "
    "ON CONFLICT (name) DO UPDATE SET tick_at = EXCLUDED.tick_at, claimed_at = now() "
    "WHERE r.tick_at < EXCLUDED.tick_at RETURNING name"};

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

void invoke(const Work& work, db::Connection* conn, std::stop_token stop) {
  std::visit(Overloaded{[&](const InTransaction& fn) { fn(*conn); }, [](const Plain& fn) { fn(); },
                        [&](const Stoppable& fn) { fn(stop); }},
             work);
}

// A failed run as an error report: grouped by job and exception type.
observe::ErrorReport failure_report(const std::string& job, std::string type, std::string what) {
  observe::ErrorReport report;
  report.level = observe::Level::error;
  report.logger = "jobs";
  report.message = "job failed";
  report.exception_type = std::move(type);
  report.exception_value = std::move(what);
  report.transaction = job;
  report.tags = {{"job", job}};
  return report;
}

}  // namespace

struct Runner::Entry {
  Job job;
  std::int64_t key = 0;
  prometheus::Counter* runs = nullptr;
  prometheus::Counter* failures = nullptr;
  prometheus::Counter* skips = nullptr;
  prometheus::Histogram* duration = nullptr;
  std::atomic<std::uint64_t> run_count{0};
  std::atomic<std::uint64_t> failure_count{0};
  std::atomic<std::uint64_t> skip_count{0};
  std::thread thread;
};

Runner::Runner(db::DatabaseOptions database, observe::Metrics& metrics,
               observe::ErrorReporter* reporter)
    : db_(std::move(database)), metrics_(metrics), reporter_(reporter) {}

Runner::~Runner() {
  stop();
}

void Runner::add(Job job) {
  if (started_) throw std::logic_error("jobs::Runner::add after start");
  if (job.name.empty()) throw std::invalid_argument("a job needs a name");
  if (job.every.count() <= 0)
    throw std::invalid_argument(fmt::format("job {}: `every` must be positive", job.name));
  if (job.jitter.count() < 0 || job.jitter >= job.every)
    throw std::invalid_argument(
        fmt::format("job {}: `jitter` must be at least 0 and less than `every`", job.name));
  if (job.offset.count() < 0 || job.offset >= job.every)
    throw std::invalid_argument(
        fmt::format("job {}: `offset` must be at least 0 and less than `every`", job.name));
  if (std::ranges::any_of(entries_, [&](const auto& e) { return e->job.name == job.name; }))
    throw std::invalid_argument(fmt::format("job {} is registered twice", job.name));

  // Registering a family twice returns the one already registered (prometheus-cpp merges), so
  // several runners may share one registry.
  auto& registry = metrics_.registry();
  auto& runs = prometheus::BuildCounter()
                   .Name("job_runs_total")
                   .Help("Periodic job runs (failed ones included), by job")
                   .Register(registry);
  auto& failures = prometheus::BuildCounter()
                       .Name("job_failures_total")
                       .Help("Periodic job runs that threw, by job")
                       .Register(registry);
  auto& skips = prometheus::BuildCounter()
                    .Name("job_skips_total")
                    .Help("Ticks of an exclusive job left to another process, by job")
                    .Register(registry);
  auto& duration = prometheus::BuildHistogram()
                       .Name("job_duration_seconds")
                       .Help("Time a periodic job run took, by job")
                       .Register(registry);
  static const prometheus::Histogram::BucketBoundaries kBuckets{0.005, 0.025, 0.1, 0.5, 1,
                                                                5,     15,    60,  300};
  auto entry = std::make_unique<Entry>();
  prometheus::Labels labels{{"job", job.name}};
  entry->runs = &runs.Add(labels);
  entry->failures = &failures.Add(labels);
  entry->skips = &skips.Add(labels);
  entry->duration = &duration.Add(labels, kBuckets);
  entry->key = lock_key(job.name);
  entry->job = std::move(job);
  entries_.push_back(std::move(entry));
}

void Runner::start() {
  if (started_) return;
  started_ = true;
  for (auto& entry : entries_) entry->thread = std::thread([this, e = entry.get()] { loop(*e); });
}

void Runner::stop() {
  stop_.request_stop();
  wake_.notify_all();
  for (auto& entry : entries_)
    if (entry->thread.joinable()) entry->thread.join();
}

Outcome Runner::run_now(std::string_view name) {
  return execute(find(name), false);
}

JobStats Runner::stats(std::string_view name) const {
  const Entry& entry = find(name);
  return {.runs = entry.run_count.load(),
          .failures = entry.failure_count.load(),
          .skips = entry.skip_count.load()};
}

Runner::Entry& Runner::find(std::string_view name) const {
  auto it = std::ranges::find_if(entries_, [&](const auto& e) { return e->job.name == name; });
  if (it == entries_.end()) throw std::invalid_argument(fmt::format("no job named {}", name));
  return **it;
}

void Runner::loop(Entry& entry) {
  std::minstd_rand random{std::random_device{}()};
  const auto stop = stop_.get_token();
  // The first run is in the current tick: a process that starts does what is due at once.
  auto due = Clock::now() + draw_jitter(entry.job.jitter, random);
  while (true) {
    {
      // A relative wait on the steady clock: a wall-clock jump neither fires nor stalls it.
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, stop, due - Clock::now(), [] { return false; });
    }
    if (stop.stop_requested()) return;
    execute(entry, true);
    due = next_tick(Clock::now(), entry.job.every, entry.job.offset) +
          draw_jitter(entry.job.jitter, random);
  }
}

Outcome Runner::execute(Entry& entry, bool claim_tick) {
  const Job& job = entry.job;
  const auto stop = stop_.get_token();
  const auto started = std::chrono::steady_clock::now();
  bool failed = false;
  try {
    bool ran = true;
    if (job.exclusive) {
      ran = db_.transact_sync([&](db::Connection& conn) {
        if (!conn.exec(kTryLock, entry.key).one<bool>()) return false;
        if (claim_tick &&
            conn.exec(kClaimTick, job.name, job.every.count(), job.offset.count()).empty())
          return false;
        invoke(job.run, &conn, stop);
        return true;
      });
    } else if (std::holds_alternative<InTransaction>(job.run)) {
      db_.transact_sync([&](db::Connection& conn) { invoke(job.run, &conn, stop); });
    } else {
      invoke(job.run, nullptr, stop);
    }
    if (!ran) {
      entry.skips->Increment();
      entry.skip_count.fetch_add(1);
      return Outcome::skipped;
    }
  } catch (const std::exception& e) {
    // The database may be away for a while, a mail server down: the next tick tries again.
    observe::warn("job failed", {{"job", job.name}, {"error", e.what()}});
    if (reporter_)
      reporter_->report(failure_report(job.name, observe::exception_type(e), e.what()));
    failed = true;
  } catch (...) {
    observe::warn("job failed", {{"job", job.name}, {"error", "not a std::exception"}});
    if (reporter_) reporter_->report(failure_report(job.name, "(not a std::exception)", ""));
    failed = true;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  entry.duration->Observe(took.count());
  entry.runs->Increment();
  entry.run_count.fetch_add(1);
  if (!failed) return Outcome::ran;
  entry.failures->Increment();
  entry.failure_count.fetch_add(1);
  return Outcome::failed;
}

}  // namespace comptoir::jobs
