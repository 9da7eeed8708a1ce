#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "jobs/runner.hpp"
#include "migrated_database_test.hpp"
#include "observe/metrics.hpp"

namespace comptoir::jobs {
namespace {

using namespace std::chrono_literals;

// Several `comptoir serve` processes on one database, played by several runners.
class JobsRunnerTest : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    sql("CREATE TABLE test_ticks (tick bigint NOT NULL, runner text NOT NULL)");
  }

  std::unique_ptr<Runner> runner(observe::Metrics& metrics) {
    return std::make_unique<Runner>(db::DatabaseOptions{.primary_url = url(), .pool_size = 2},
                                    metrics);
  }

  // The tick of PostgreSQL's clock, as the runner claims it, and who ran it.
  static InTransaction record(std::string who, std::chrono::milliseconds every) {
    static constexpr db::Query kRecord{
        "test_record_tick",
        "INSERT INTO test_ticks SELECT floor(extract(epoch FROM now())::float8 * 1000 / "
        "$1::float8)::bigint, $2"};
    return [who = std::move(who), every](db::Connection& conn) {
      conn.exec(kRecord, every.count(), who);
    };
  }

  std::int64_t count(std::string_view query) {
    return connect().exec(db::Query{"test_count", query}).one<std::int64_t>();
  }
};

TEST_F(JobsRunnerTest, TwoRunnersRunAnExclusiveJobOncePerTick) {
  observe::Metrics metrics_a;
  observe::Metrics metrics_b;
  auto a = runner(metrics_a);
  auto b = runner(metrics_b);
  // The jitter spreads the two processes inside each tick: the second finds the lock free again
  // but the tick claimed, and skips.
  auto add = [](Runner& r, std::string who) {
    r.add({.name = "test.exclusive",
           .every = 200ms,
           .jitter = 60ms,
           .exclusive = true,
           .run = record(std::move(who), 200ms)});
  };
  add(*a, "a");
  add(*b, "b");
  a->start();
  b->start();
  std::this_thread::sleep_for(1500ms);
  a->stop();
  b->stop();

  auto runs = count("SELECT count(*) FROM test_ticks");
  EXPECT_GE(runs, 5) << "about one run per 200 ms tick";
  EXPECT_EQ(count("SELECT count(DISTINCT tick) FROM test_ticks"), runs)
      << "a tick ran in both processes";
  auto sa = a->stats("test.exclusive");
  auto sb = b->stats("test.exclusive");
  EXPECT_EQ(sa.failures + sb.failures, 0u);
  EXPECT_EQ(static_cast<std::int64_t>(sa.runs + sb.runs), runs);
  // A process that came second to a claimed tick skipped it. Not one skip per tick: a process the
  // scheduler holds back for a whole tick (a loaded CI machine) never comes to that tick at all.
  EXPECT_GE(sa.skips + sb.skips, 1u) << "no process ever came second to a tick";
  EXPECT_GE(sa.runs + sa.skips, 1u) << "a never tried the job";
  EXPECT_GE(sb.runs + sb.skips, 1u) << "b never tried the job";
}

TEST_F(JobsRunnerTest, AJobRunningInOneProcessIsSkippedByTheOthers) {
  observe::Metrics metrics;
  auto a = runner(metrics);
  auto b = runner(metrics);  // one registry: the families are shared
  std::promise<void> inside;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<bool> first{true};
  for (auto* r : {a.get(), b.get()})
    r->add({.name = "test.backup", .every = 1h, .run = [&] {
              if (first.exchange(false)) inside.set_value();
              released.wait();
            }});
  auto running = std::async(std::launch::async, [&] { return a->run_now("test.backup"); });
  inside.get_future().wait();
  EXPECT_EQ(b->run_now("test.backup"), Outcome::skipped) << "it ran twice at once";
  release.set_value();
  EXPECT_EQ(running.get(), Outcome::ran);
  EXPECT_EQ(b->stats("test.backup").skips, 1u);
  // Once the first run is over, run_now (which claims no tick) may run it again.
  EXPECT_EQ(b->run_now("test.backup"), Outcome::ran);
}

TEST_F(JobsRunnerTest, AJobThatIsNotExclusiveRunsInEveryProcess) {
  observe::Metrics metrics_a;
  observe::Metrics metrics_b;
  auto a = runner(metrics_a);
  auto b = runner(metrics_b);
  a->add({.name = "test.shared", .every = 1h, .exclusive = false, .run = record("a", 1h)});
  b->add({.name = "test.shared", .every = 1h, .exclusive = false, .run = record("b", 1h)});
  a->start();
  b->start();
  ASSERT_TRUE([&] {
    for (int i = 0; i < 300 && count("SELECT count(*) FROM test_ticks") < 2; ++i)
      std::this_thread::sleep_for(10ms);
    return count("SELECT count(*) FROM test_ticks") == 2;
  }());
  EXPECT_EQ(count("SELECT count(DISTINCT runner) FROM test_ticks"), 2);
}

TEST_F(JobsRunnerTest, AFailedRunRollsBackItsWork) {
  observe::Metrics metrics;
  auto a = runner(metrics);
  auto record_then_fail = record("a", 1h);
  a->add({.name = "test.failing", .every = 1h, .run = [&](db::Connection& conn) {
            record_then_fail(conn);
            throw std::runtime_error("supplier feed unreachable");
          }});
  EXPECT_EQ(a->run_now("test.failing"), Outcome::failed);
  EXPECT_EQ(count("SELECT count(*) FROM test_ticks"), 0) << "the job's writes were kept";
  EXPECT_EQ(a->stats("test.failing").failures, 1u);
}

TEST_F(JobsRunnerTest, AnOffsetScheduleClaimsTicksShiftedByIt) {
  // A daily job at 03:30 UTC: the tick it claims at start is today's (or yesterday's) 03:30, as
  // PostgreSQL's clock says, in every process.
  observe::Metrics metrics_a;
  observe::Metrics metrics_b;
  auto a = runner(metrics_a);
  auto b = runner(metrics_b);
  std::atomic<int> runs{0};
  for (auto* r : {a.get(), b.get()})
    r->add({.name = "test.daily", .every = 24h, .offset = 3h + 30min, .run = [&](db::Connection&) {
              runs.fetch_add(1);
            }});
  a->start();
  b->start();
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (a->stats("test.daily").runs + a->stats("test.daily").skips + b->stats("test.daily").runs +
                 b->stats("test.daily").skips <
             2 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  a->stop();
  b->stop();
  EXPECT_EQ(runs.load(), 1) << "the current tick runs once across processes";
  EXPECT_EQ(
      count("SELECT count(*) FROM job_runs WHERE name = 'test.daily' AND tick_at <= now() "
            "AND tick_at > now() - interval '24 hours' AND extract(epoch FROM tick_at)::bigint "
            "% 86400 = 12600"),
      1)
      << "the tick claimed is not the last 03:30 UTC";
}

}  // namespace
}  // namespace comptoir::jobs
