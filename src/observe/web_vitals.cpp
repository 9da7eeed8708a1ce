#include "observe/web_vitals.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace comptoir::observe {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxBody = 1024;

// Google's thresholds sit on bucket edges: LCP good ≤ 2.5 s, poor > 4 s; INP good ≤ 200 ms, poor
// > 500 ms; CLS good ≤ 0.1, poor > 0.25 (https://web.dev/articles/vitals).
const prometheus::Histogram::BucketBoundaries& buckets(Vital vital) {
  static const prometheus::Histogram::BucketBoundaries kLcp{0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 8, 12};
  static const prometheus::Histogram::BucketBoundaries kInp{0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2};
  static const prometheus::Histogram::BucketBoundaries kCls{0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1};
  switch (vital) {
    case Vital::lcp:
      return kLcp;
    case Vital::inp:
      return kInp;
    case Vital::cls:
      return kCls;
  }
  return kCls;
}

std::optional<Vital> vital_named(std::string_view name) {
  if (name == "LCP") return Vital::lcp;
  if (name == "CLS") return Vital::cls;
  if (name == "INP") return Vital::inp;
  return std::nullopt;
}

double upper_bound(Vital vital) {
  return vital == Vital::cls ? 100.0 : 120'000.0;
}

std::string_view page_named(std::string_view name) {
  auto found = std::find(kVitalsPages.begin(), kVitalsPages.end(), name);
  return found == kVitalsPages.end() ? kVitalsPages.back() : *found;
}

std::size_t page_index(std::string_view page) {
  // Not found (never for a parsed report): the last, "other".
  auto last = kVitalsPages.end() - 1;
  return static_cast<std::size_t>(std::find(kVitalsPages.begin(), last, page) -
                                  kVitalsPages.begin());
}

}  // namespace

std::optional<VitalsReport> parse_vitals(std::string_view body) {
  if (body.empty() || body.size() > kMaxBody) return std::nullopt;
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const auto& object = parsed.as_object();
  VitalsReport report;
  if (const auto* page = object.if_contains("page"); page != nullptr) {
    if (!page->is_string()) return std::nullopt;
    report.page = page_named(std::string_view(page->as_string()));
  }
  const auto* metrics = object.if_contains("metrics");
  if (metrics == nullptr || !metrics->is_array() || metrics->as_array().empty() ||
      metrics->as_array().size() > 3)
    return std::nullopt;
  for (const auto& item : metrics->as_array()) {
    if (!item.is_object()) return std::nullopt;
    const auto* name = item.as_object().if_contains("name");
    const auto* value = item.as_object().if_contains("value");
    if (name == nullptr || !name->is_string() || value == nullptr || !value->is_number())
      return std::nullopt;
    auto vital = vital_named(std::string_view(name->as_string()));
    if (!vital) return std::nullopt;
    auto number = value->to_number<double>();
    if (!std::isfinite(number) || number < 0 || number > upper_bound(*vital)) return std::nullopt;
    bool repeated = std::any_of(report.values.begin(), report.values.end(),
                                [&](const auto& seen) { return seen.vital == *vital; });
    if (repeated) return std::nullopt;
    report.values.push_back({.vital = *vital, .value = number});
  }
  return report;
}

WebVitals::WebVitals(prometheus::Registry& registry)
    : refused_(prometheus::BuildCounter()
                   .Name("comptoir_web_vitals_refused_total")
                   .Help("Web Vitals reports refused as malformed or out of range")
                   .Register(registry)
                   .Add({})) {
  struct Family {
    Vital vital;
    const char* name;
    const char* help;
  };
  const std::array families{
      Family{Vital::lcp, "comptoir_web_vitals_lcp_seconds",
             "Largest Contentful Paint seen by visitors, per kind of page"},
      Family{Vital::cls, "comptoir_web_vitals_cls",
             "Cumulative Layout Shift seen by visitors, per kind of page"},
      Family{Vital::inp, "comptoir_web_vitals_inp_seconds",
             "Interaction to Next Paint seen by visitors, per kind of page"},
  };
  // Every series exists from the start (a dashboard shows 0 rather than nothing), and recording
  // is an array lookup: no label map search per report.
  for (const auto& family : families) {
    auto& built =
        prometheus::BuildHistogram().Name(family.name).Help(family.help).Register(registry);
    for (std::size_t page = 0; page < kVitalsPages.size(); ++page)
      series_[static_cast<std::size_t>(family.vital) * kVitalsPages.size() + page] =
          &built.Add({{"page", std::string(kVitalsPages[page])}}, buckets(family.vital));
  }
}

void WebVitals::record(const VitalsReport& report) {
  auto page = page_index(report.page);
  for (const auto& each : report.values) {
    // LCP and INP arrive in milliseconds; Prometheus wants base units.
    auto value = each.vital == Vital::cls ? each.value : each.value / 1000.0;
    series_[static_cast<std::size_t>(each.vital) * kVitalsPages.size() + page]->Observe(value);
  }
}

}  // namespace comptoir::observe
