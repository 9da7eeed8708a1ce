#include <gtest/gtest.h>

#include <string>

#include "observe/sampler.hpp"

namespace comptoir::observe {
namespace {

using std::chrono::seconds;

TEST(FloodSampler, LetsNOfOneFingerprintThroughAMinute) {
  FloodSampler sampler(3);
  const auto t0 = FloodSampler::Clock::time_point{} + std::chrono::hours{1};
  int admitted = 0;
  for (int i = 0; i < 200; ++i)
    admitted += sampler.admit("http\nDbError\n/fr", t0 + seconds{i % 50}) ? 1 : 0;
  EXPECT_EQ(admitted, 3);
  // Another error still gets through during the flood.
  EXPECT_TRUE(sampler.admit("jobs\njob failed\norders.expiry", t0 + seconds{10}));
  // A new minute, counted from the first report of the previous one, lets N more through.
  EXPECT_TRUE(sampler.admit("http\nDbError\n/fr", t0 + seconds{60}));
  EXPECT_TRUE(sampler.admit("http\nDbError\n/fr", t0 + seconds{61}));
  EXPECT_TRUE(sampler.admit("http\nDbError\n/fr", t0 + seconds{62}));
  EXPECT_FALSE(sampler.admit("http\nDbError\n/fr", t0 + seconds{63}));
}

TEST(FloodSampler, AFullTableSharesOneBucketUntilMinutesEnd) {
  FloodSampler sampler(2, 4);
  const auto t0 = FloodSampler::Clock::time_point{} + std::chrono::hours{1};
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(sampler.admit("k" + std::to_string(i), t0));
  // Table full, nothing expired: new fingerprints share the overflow bucket.
  EXPECT_TRUE(sampler.admit("new-1", t0 + seconds{1}));
  EXPECT_TRUE(sampler.admit("new-2", t0 + seconds{1}));
  EXPECT_FALSE(sampler.admit("new-3", t0 + seconds{1}));
  // Once their minute has ended, the old ones are forgotten and a new one has its own window.
  EXPECT_TRUE(sampler.admit("new-3", t0 + seconds{70}));
  EXPECT_TRUE(sampler.admit("new-3", t0 + seconds{71}));
  EXPECT_FALSE(sampler.admit("new-3", t0 + seconds{72}));
}

}  // namespace
}  // namespace comptoir::observe
