#include "admin/sales_chart.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace comptoir::admin {
namespace {

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The height of the bar whose title starts with `label`.
double height_of(const std::string& svg, const std::string& label) {
  std::regex bar(R"re(height="([0-9.]+)"><title>)re" + label + ":");
  std::smatch match;
  if (!std::regex_search(svg, match, bar)) return -1;
  return std::stod(match[1]);
}

TEST(SalesChart, IsAnAccessibleImageWithATitleAndADescription) {
  auto svg = sales_chart_svg({{"12-01", "10,00 $", 1000}},
                             {.id = "c", .title = "Ventes", .description = "Un bâton par jour"});
  EXPECT_TRUE(svg.starts_with("<svg class=\"chart\""));
  EXPECT_NE(svg.find(R"(role="img" aria-labelledby="c-title c-desc")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<title id="c-title">Ventes</title>)"), std::string::npos);
  EXPECT_NE(svg.find(R"(<desc id="c-desc">Un bâton par jour</desc>)"), std::string::npos);
  EXPECT_TRUE(svg.ends_with("</svg>"));
}

TEST(SalesChart, DrawsOneBarPerDayScaledToTheLargest) {
  std::vector<ChartBar> bars{{"11-30", "0", 0}, {"12-01", "50", 50}, {"12-02", "100", 100}};
  auto svg = sales_chart_svg(bars, {.id = "c"}, 720, 240);
  EXPECT_EQ(count(svg, "<rect class=\"chart__bar\""), 3);
  double full = height_of(svg, "12-02");
  EXPECT_DOUBLE_EQ(full, 240 - 8 - 28);  // the plot's whole height
  EXPECT_NEAR(height_of(svg, "12-01"), full / 2, 0.1);
  EXPECT_DOUBLE_EQ(height_of(svg, "11-30"), 0);
}

TEST(SalesChart, ATinyValueStillShowsAndAnEmptySeriesDrawsOnlyTheBaseline) {
  auto svg = sales_chart_svg({{"a", "1", 1}, {"b", "1000000", 1'000'000}}, {.id = "c"});
  EXPECT_GE(height_of(svg, "a"), 1.0);
  auto zero = sales_chart_svg({{"a", "0", 0}, {"b", "0", 0}}, {.id = "c"});
  EXPECT_EQ(height_of(zero, "a"), 0);
  auto none = sales_chart_svg({}, {.id = "c"});
  EXPECT_EQ(count(none, "<rect"), 0);
  EXPECT_EQ(count(none, "<line class=\"chart__axis\""), 1);
}

TEST(SalesChart, EscapesEveryText) {
  auto svg = sales_chart_svg({{"<b>", "1 & 2", 5}},
                             {.id = "x\"y", .title = "<script>", .description = "a'b"});
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("1 &amp; 2"), std::string::npos);
  EXPECT_NE(svg.find("x&quot;y-title"), std::string::npos);
}

TEST(SalesChart, LabelsThirtyDaysWithoutCrowding) {
  std::vector<ChartBar> bars;
  for (int i = 0; i < 30; ++i) bars.push_back({std::to_string(i), "v", i});
  auto svg = sales_chart_svg(bars, {.id = "c"});
  EXPECT_EQ(count(svg, "<rect class=\"chart__bar\""), 30);
  auto labels = count(svg, "<text class=\"chart__label\"");
  EXPECT_GE(labels, 5);
  EXPECT_LE(labels, 15);
}

}  // namespace
}  // namespace comptoir::admin
