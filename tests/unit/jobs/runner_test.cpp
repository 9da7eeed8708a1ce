#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "jobs/runner.hpp"
#include "observe/metrics.hpp"

namespace comptoir::jobs {
namespace {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;
using Clock = std::chrono::system_clock;

// Plain and Stoppable jobs that are not exclusive never touch the database: the runner's
// connections are opened on first use, so no PostgreSQL is needed here.
class RunnerTest : public ::testing::Test {
 protected:
  observe::Metrics metrics_;
  Runner runner_{db::DatabaseOptions{}, metrics_};
};

// Waits until `done()` or `limit` passed; returns done().
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = 3s) {
  auto until = Steady::now() + limit;
  while (!done() && Steady::now() < until) std::this_thread::sleep_for(5ms);
  return done();
}

TEST_F(RunnerTest, RefusesJobsItCouldNotSchedule) {
  auto nothing = [] {};
  EXPECT_THROW(runner_.add({.name = "", .every = 1s, .run = nothing}), std::invalid_argument);
  EXPECT_THROW(runner_.add({.name = "t.zero", .every = 0ms, .run = nothing}),
               std::invalid_argument);
  EXPECT_THROW(runner_.add({.name = "t.jitter", .every = 1s, .jitter = 1s, .run = nothing}),
               std::invalid_argument);
  EXPECT_THROW(runner_.add({.name = "t.negative", .every = 1s, .jitter = -1ms, .run = nothing}),
               std::invalid_argument);
  EXPECT_THROW(runner_.add({.name = "t.offset", .every = 1s, .offset = 1s, .run = nothing}),
               std::invalid_argument);
  runner_.add({.name = "t.ok", .every = 1s, .exclusive = false, .run = nothing});
  EXPECT_THROW(runner_.add({.name = "t.ok", .every = 2s, .exclusive = false, .run = nothing}),
               std::invalid_argument)
      << "two jobs with one name would share a lock and metrics";
  runner_.start();
  EXPECT_THROW(runner_.add({.name = "t.late", .every = 1s, .exclusive = false, .run = nothing}),
               std::logic_error);
  EXPECT_THROW(runner_.run_now("t.unknown"), std::invalid_argument);
}

TEST_F(RunnerTest, RunsAtStartThenOnEachAlignedTick) {
  std::mutex mutex;
  std::vector<Clock::time_point> runs;
  runner_.add({.name = "t.ticks", .every = 300ms, .jitter = 20ms, .exclusive = false, .run = [&] {
                 std::lock_guard lock(mutex);
                 runs.push_back(Clock::now());
               }});
  auto started = Clock::now();
  runner_.start();
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mutex);
    return runs.size() >= 3;
  }));
  runner_.stop();
  std::lock_guard lock(mutex);
  EXPECT_LT(runs.front() - started, 250ms) << "the first run is at start, not a tick later";
  for (std::size_t i = 1; i < runs.size(); ++i) {
    // Each later run starts at a multiple of 300 ms since the epoch, plus at most its jitter
    // (and the scheduling delay of a busy machine, generously).
    auto into_tick =
        std::chrono::duration_cast<std::chrono::milliseconds>(runs[i].time_since_epoch()) % 300ms;
    EXPECT_LE(into_tick, 20ms + 130ms) << "run " << i;
    auto tick = [](Clock::time_point t) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()) / 300ms;
    };
    EXPECT_GT(tick(runs[i]), tick(runs[i - 1])) << "run " << i << " came in the same tick";
  }
}

TEST_F(RunnerTest, StopWakesSleepingJobsAtOnce) {
  std::atomic<int> runs{0};
  runner_.add({.name = "t.hourly", .every = 1h, .exclusive = false, .run = [&] { ++runs; }});
  runner_.start();
  ASSERT_TRUE(eventually([&] { return runs.load() == 1; }));
  auto before = Steady::now();
  runner_.stop();
  EXPECT_LT(Steady::now() - before, 500ms) << "stop waited for the next tick";
  runner_.stop();  // idempotent
  EXPECT_EQ(runs.load(), 1);
}

TEST_F(RunnerTest, StopLetsTheRunInProgressFinish) {
  std::atomic<bool> inside{false};
  std::atomic<bool> finished{false};
  runner_.add({.name = "t.slow", .every = 1s, .exclusive = false, .run = [&] {
                 inside = true;
                 std::this_thread::sleep_for(200ms);
                 finished = true;
               }});
  runner_.start();
  ASSERT_TRUE(eventually([&] { return inside.load(); }));
  runner_.stop();
  EXPECT_TRUE(finished.load()) << "stop returned while the job was still running";
}

TEST_F(RunnerTest, AStoppableJobSeesTheStopBetweenItems) {
  std::atomic<int> items{0};
  runner_.add(
      {.name = "t.drain", .every = 1s, .exclusive = false, .run = [&](std::stop_token stop) {
         while (!stop.stop_requested()) {  // an outbox that never empties
           ++items;
           std::this_thread::sleep_for(5ms);
         }
       }});
  runner_.start();
  ASSERT_TRUE(eventually([&] { return items.load() > 3; }));
  auto before = Steady::now();
  runner_.stop();
  EXPECT_LT(Steady::now() - before, 500ms);
}

TEST_F(RunnerTest, AFailureIsCountedAndTheNextTickTriesAgain) {
  std::atomic<int> calls{0};
  runner_.add({.name = "t.flaky", .every = 50ms, .exclusive = false, .run = [&] {
                 if (++calls == 1) throw std::runtime_error("mail server away");
               }});
  runner_.start();
  ASSERT_TRUE(eventually([&] { return calls.load() >= 3; }));
  runner_.stop();
  auto stats = runner_.stats("t.flaky");
  EXPECT_EQ(stats.failures, 1u);
  EXPECT_EQ(stats.runs, static_cast<std::uint64_t>(calls.load()));
  EXPECT_EQ(stats.skips, 0u);
  auto scrape = metrics_.scrape();
  EXPECT_NE(scrape.find("job_failures_total{job=\"t.flaky\"} 1"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("job_runs_total{job=\"t.flaky\"}"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("job_duration_seconds_count{job=\"t.flaky\"}"), std::string::npos)
      << scrape;
}

TEST_F(RunnerTest, RunNowRunsOnTheCallersThread) {
  std::thread::id ran_on;
  runner_.add({.name = "t.manual", .every = 1h, .exclusive = false, .run = [&] {
                 ran_on = std::this_thread::get_id();
               }});
  EXPECT_EQ(runner_.run_now("t.manual"), Outcome::ran);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  runner_.add({.name = "t.broken", .every = 1h, .exclusive = false, .run = [] {
                 throw std::runtime_error("no");
               }});
  EXPECT_EQ(runner_.run_now("t.broken"), Outcome::failed);
  EXPECT_EQ(runner_.stats("t.manual").runs, 1u);
}

}  // namespace
}  // namespace comptoir::jobs
