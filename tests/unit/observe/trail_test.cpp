#include <gtest/gtest.h>

#include <string>

#include "observe/log.hpp"
#include "observe/trail.hpp"

namespace comptoir::observe {
namespace {

TEST(RequestTrails, KeepsTheLastLinesOfAFollowedRequestOnly) {
  RequestTrails trails;
  EXPECT_FALSE(trails.any_open());
  ASSERT_TRUE(trails.open("req-a"));
  EXPECT_TRUE(trails.any_open());
  trails.record("req-a", "one");
  trails.record("req-b", "not followed");
  trails.record("req-a", "two");
  EXPECT_EQ(trails.lines("req-a"), (std::vector<std::string>{"one", "two"}));
  EXPECT_TRUE(trails.lines("req-b").empty());
  for (int i = 0; i < 30; ++i) trails.record("req-a", "line " + std::to_string(i));
  auto lines = trails.lines("req-a");
  ASSERT_EQ(lines.size(), RequestTrails::kDepth);
  EXPECT_EQ(lines.front(), "line 10");
  EXPECT_EQ(lines.back(), "line 29");
  trails.close("req-a");
  EXPECT_FALSE(trails.any_open());
  EXPECT_TRUE(trails.lines("req-a").empty());
}

TEST(RequestTrails, AReopenedSlotStartsEmptyAndFullTableRefuses) {
  RequestTrails trails;
  for (std::size_t i = 0; i < RequestTrails::kSlots; ++i)
    ASSERT_TRUE(trails.open("r" + std::to_string(i))) << i;
  EXPECT_FALSE(trails.open("one-too-many"));
  trails.record("r7", "old");
  trails.close("r7");
  ASSERT_TRUE(trails.open("new"));
  EXPECT_TRUE(trails.lines("new").empty());
  trails.record("new", "fresh");
  EXPECT_EQ(trails.lines("new"), std::vector<std::string>{"fresh"});
  // Every other request is still found after the closes and reopenings.
  for (std::size_t i = 0; i < RequestTrails::kSlots; ++i) {
    if (i == 7) continue;
    trails.record("r" + std::to_string(i), "x");
    ASSERT_EQ(trails.lines("r" + std::to_string(i)).size(), 1U) << i;
  }
  for (std::size_t i = 0; i < RequestTrails::kSlots; ++i) trails.close("r" + std::to_string(i));
  trails.close("new");
  EXPECT_FALSE(trails.any_open());
}

TEST(RequestTrails, TheLoggerFeedsTheRequestsLinesRedacted) {
  init_logging("info", core::Redactor{});
  {
    TrailScope scope("trail-test-1");
    info("first", {{"request_id", "trail-test-1"}, {"step", 1}});
    info("elsewhere", {{"request_id", "another"}});
    info("no request");
    debug("below the level", {{"request_id", "trail-test-1"}});
    warn("second", {{"request_id", "trail-test-1"}});
    auto lines = request_trails().lines("trail-test-1");
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_NE(lines[0].find("\"msg\":\"first\""), std::string::npos) << lines[0];
    EXPECT_NE(lines[1].find("\"level\":\"warn\""), std::string::npos) << lines[1];
  }
  EXPECT_TRUE(request_trails().lines("trail-test-1").empty());
}

}  // namespace
}  // namespace comptoir::observe
