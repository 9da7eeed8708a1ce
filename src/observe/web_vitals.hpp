#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

// Core Web Vitals measured in visitors' browsers (field data): static/js/site.js reports LCP, CLS
// and INP with Google's web-vitals library to POST /vitals, which feeds one Prometheus histogram
// per metric, labelled by the kind of page (<body data-page>). No cookie is read or set and
// nothing about the visitor is kept: a report is a page kind and up to three numbers.
namespace comptoir::observe {

enum class Vital { lcp, cls, inp };

// The kinds of page a report may name; anything else counts as "other", so a forged report
// cannot grow the label set.
inline constexpr std::array<std::string_view, 10> kVitalsPages{
    "home",     "category", "listing", "product", "cart",
    "checkout", "account",  "order",   "legal",   "other"};

struct VitalsReport {
  std::string_view page = "other";  // one of kVitalsPages
  struct Value {
    Vital vital = Vital::lcp;
    double value = 0;  // LCP and INP in milliseconds, as the library gives them; CLS unitless
  };
  std::vector<Value> values{};
};

// Reads a report: {"page": "product", "metrics": [{"name": "LCP", "value": 1234.5}, …]}, at most
// 1 KiB, at most one value per metric, each finite and in range (LCP and INP 0–120 000 ms, CLS
// 0–100). Nothing when it is not one.
std::optional<VitalsReport> parse_vitals(std::string_view body);

class WebVitals {
 public:
  explicit WebVitals(prometheus::Registry& registry);
  void record(const VitalsReport& report);
  void count_refused() { refused_.Increment(); }

 private:
  std::array<prometheus::Histogram*, kVitalsPages.size() * 3> series_{};
  prometheus::Counter& refused_;
};

}  // namespace comptoir::observe
