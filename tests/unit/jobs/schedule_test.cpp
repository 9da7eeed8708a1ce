#include <gtest/gtest.h>

#include <set>

#include "jobs/schedule.hpp"

namespace comptoir::jobs {
namespace {

using namespace std::chrono_literals;

Clock::time_point at(std::chrono::milliseconds since_epoch) {
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(since_epoch));
}

TEST(Schedule, TicksAreAlignedOnMultiplesOfTheInterval) {
  EXPECT_EQ(next_tick(at(12'345ms), 1s), at(13'000ms));
  EXPECT_EQ(next_tick(at(13'000ms), 1s), at(14'000ms)) << "on a boundary: the next one";
  EXPECT_EQ(next_tick(at(12'999ms), 500ms), at(13'000ms));
  // A 10-minute job ticks at :00, :10, :20… whenever its process started.
  auto ten = std::chrono::duration_cast<std::chrono::milliseconds>(10min);
  EXPECT_EQ(next_tick(at(ten * 7 + 123ms), ten), at(ten * 8));
}

TEST(Schedule, AnOffsetShiftsEveryTick) {
  auto day = std::chrono::duration_cast<std::chrono::milliseconds>(24h);
  auto half_past_three = std::chrono::duration_cast<std::chrono::milliseconds>(3h + 30min);
  // A daily job at 03:30 UTC: at 10:00 on day 100 the next tick is 03:30 on day 101…
  EXPECT_EQ(next_tick(at(day * 100 + 10h), day, half_past_three), at(day * 101 + half_past_three));
  // …at 01:00 it is 03:30 the same day, and on 03:30 itself the next day's.
  EXPECT_EQ(next_tick(at(day * 100 + 1h), day, half_past_three), at(day * 100 + half_past_three));
  EXPECT_EQ(next_tick(at(day * 100 + half_past_three), day, half_past_three),
            at(day * 101 + half_past_three));
  // Before the first offset tick after the epoch.
  EXPECT_EQ(next_tick(at(1h), day, half_past_three), at(half_past_three));
}

TEST(Schedule, JitterStaysWithinItsBoundAndVaries) {
  std::minstd_rand random{42};
  EXPECT_EQ(draw_jitter(0ms, random), 0ms);
  std::set<std::chrono::milliseconds::rep> seen;
  for (int i = 0; i < 200; ++i) {
    auto delay = draw_jitter(100ms, random);
    ASSERT_GE(delay, 0ms);
    ASSERT_LE(delay, 100ms);
    seen.insert(delay.count());
  }
  EXPECT_GT(seen.size(), 20u) << "processes would all start their ticks together";
}

TEST(Schedule, LockKeysAreStableAndDistinct) {
  // The key is part of the contract between processes of different builds: it must not change.
  EXPECT_EQ(lock_key("accounts.housekeeping"), 7833915969809254485);
  EXPECT_EQ(lock_key("orders.release_expired"), lock_key("orders.release_expired"));
  EXPECT_NE(lock_key("orders.release_expired"), lock_key("accounts.housekeeping"));
}

}  // namespace
}  // namespace comptoir::jobs
