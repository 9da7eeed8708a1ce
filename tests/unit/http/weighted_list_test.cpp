#include <gtest/gtest.h>

#include <vector>

#include "http/weighted_list.hpp"

namespace comptoir::http {
namespace {

std::vector<WeightedItem> items(std::string_view header) {
  std::vector<WeightedItem> out;
  for_each_weighted(header, [&](const WeightedItem& item) { out.push_back(item); });
  return out;
}

TEST(QValue, ParsesThousandthsWithoutFloatingPoint) {
  EXPECT_EQ(parse_qvalue("1"), 1000);
  EXPECT_EQ(parse_qvalue("0"), 0);
  EXPECT_EQ(parse_qvalue("0.5"), 500);
  EXPECT_EQ(parse_qvalue("0.125"), 125);
  EXPECT_EQ(parse_qvalue("1.000"), 1000);
  for (auto bad : {"", "1.5", "2", "0.1234", "0,5", ".5", "1.0001", "abc"})
    EXPECT_FALSE(parse_qvalue(bad).has_value()) << bad;
}

TEST(WeightedList, SplitsTrimsAndReadsWeights) {
  auto list = items(" text/html , application/json;q=0.9,, */*; q=0.1 ");
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].value, "text/html");
  EXPECT_EQ(list[0].q, 1000);
  EXPECT_EQ(list[1].value, "application/json");
  EXPECT_EQ(list[1].q, 900);
  EXPECT_EQ(list[2].value, "*/*");
  EXPECT_EQ(list[2].q, 100);
}

TEST(WeightedList, FlagsMalformedWeightsAndOtherParameters) {
  auto list = items("fr;q=high, text/html;level=1;q=0.5, en;Q=0.3");
  ASSERT_EQ(list.size(), 3U);
  EXPECT_TRUE(list[0].malformed);
  EXPECT_EQ(list[0].q, 0);
  EXPECT_TRUE(list[1].other_parameters);
  EXPECT_FALSE(list[1].malformed);
  EXPECT_EQ(list[1].q, 500);
  EXPECT_EQ(list[2].q, 300);
}

}  // namespace
}  // namespace comptoir::http
