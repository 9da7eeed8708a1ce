#include <gtest/gtest.h>

#include "throttle/rate_limiter.hpp"

namespace comptoir::throttle {
namespace {

using std::chrono::seconds;

TEST(ProgressiveDelay, DoublesWithEveryRefusalInARow) {
  EXPECT_EQ(progressive_delay(0), seconds{0});
  EXPECT_EQ(progressive_delay(1), seconds{1});
  EXPECT_EQ(progressive_delay(2), seconds{2});
  EXPECT_EQ(progressive_delay(5), seconds{16});
}

TEST(ProgressiveDelay, StopsAtFifteenMinutes) {
  EXPECT_EQ(progressive_delay(11), seconds{900});
  EXPECT_EQ(progressive_delay(12), seconds{900});
  EXPECT_EQ(progressive_delay(1'000'000), seconds{900});
}

}  // namespace
}  // namespace comptoir::throttle
