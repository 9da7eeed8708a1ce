#pragma once

#include <cstdint>
#include <string>
#include <vector>

// The dashboard's daily sales chart, drawn on the server as SVG: no script, readable by a screen
// reader (role="img" with a title and a description; each bar has its own title), and printed as
// it is shown. The page puts the same figures in a table beside it.
namespace comptoir::admin {

struct ChartBar {
  std::string label{};   // shown under the bar for some days, and in its title: "12-02"
  std::string amount{};  // the formatted value, in the bar's title: "1 234,50 $"
  std::int64_t value = 0;
};

struct ChartText {
  std::string id{};  // prefix of the title and description ids, unique on the page
  std::string title{};
  std::string description{};
};

// One bar per entry, left to right, scaled to the largest value (an all-zero series draws a flat
// baseline). Text is XML-escaped. Width and height are the viewBox's; the CSS scales it.
std::string sales_chart_svg(const std::vector<ChartBar>& bars, const ChartText& text,
                            int width = 720, int height = 240);

}  // namespace comptoir::admin
