#include "admin/sales_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/markup.hpp"

namespace comptoir::admin {
namespace {

constexpr int kLeft = 8;
constexpr int kRight = 8;
constexpr int kTop = 8;
constexpr int kBottom = 28;  // room for the day labels

}  // namespace

std::string sales_chart_svg(const std::vector<ChartBar>& bars, const ChartText& text, int width,
                            int height) {
  std::string out;
  const auto title_id = text.id + "-title";
  const auto desc_id = text.id + "-desc";
  fmt::format_to(std::back_inserter(out),
                 R"(<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" )"
                 R"(role="img" aria-labelledby="{} {}">)",
                 width, height, core::xml_escaped(title_id), core::xml_escaped(desc_id));
  fmt::format_to(std::back_inserter(out), R"(<title id="{}">{}</title><desc id="{}">{}</desc>)",
                 core::xml_escaped(title_id), core::xml_escaped(text.title),
                 core::xml_escaped(desc_id), core::xml_escaped(text.description));
  const int plot_width = width - kLeft - kRight;
  const int plot_height = height - kTop - kBottom;
  const int baseline = kTop + plot_height;
  fmt::format_to(std::back_inserter(out),
                 R"(<line class="chart__axis" x1="{}" y1="{}" x2="{}" y2="{}"/>)", kLeft, baseline,
                 kLeft + plot_width, baseline);
  if (bars.empty()) return out + "</svg>";

  std::int64_t largest = 0;
  for (const auto& bar : bars) largest = std::max(largest, bar.value);
  const double slot = static_cast<double>(plot_width) / static_cast<double>(bars.size());
  const double bar_width = std::max(1.0, slot * 0.7);
  // A label every few bars, so they never overlap (about 56 units each).
  const auto label_every = std::max<std::size_t>(1, static_cast<std::size_t>(56.0 / slot) + 1);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& bar = bars[i];
    double bar_height = 0;
    if (largest > 0 && bar.value > 0)
      bar_height = std::max(1.0, static_cast<double>(plot_height) * static_cast<double>(bar.value) /
                                     static_cast<double>(largest));
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar_width) / 2;
    fmt::format_to(std::back_inserter(out),
                   R"(<rect class="chart__bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" )"
                   R"(height="{:.1f}"><title>{}: {}</title></rect>)",
                   x, baseline - bar_height, bar_width, bar_height, core::xml_escaped(bar.label),
                   core::xml_escaped(bar.amount));
    if (i % label_every == 0)
      fmt::format_to(
          std::back_inserter(out),
          R"(<text class="chart__label" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)",
          x + bar_width / 2, height - 8, core::xml_escaped(bar.label));
  }
  out += "</svg>";
  return out;
}

}  // namespace comptoir::admin
