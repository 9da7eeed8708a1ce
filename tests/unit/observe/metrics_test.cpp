#include "observe/metrics.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace comptoir::observe {
namespace {

// The value of one series in the scrape ("name{labels} value"); -1 when it is not there.
double series(const Metrics& metrics, std::string_view name_and_labels) {
  const auto text = metrics.scrape();
  const std::string prefix = std::string(name_and_labels) + " ";
  for (std::size_t at = 0; at < text.size();) {
    auto end = text.find('\n', at);
    auto line = std::string_view(text).substr(at, end - at);
    if (line.starts_with(prefix)) return std::stod(std::string(line.substr(prefix.size())));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return -1;
}

TEST(Metrics, EachMethodRouteAndStatusCountsInItsOwnSeries) {
  Metrics metrics;
  metrics.observe_request("GET", "/fr/produit/{slug}", 200, 0.001);
  metrics.observe_request("GET", "/fr/produit/{slug}", 200, 0.002);
  metrics.observe_request("GET", "/fr/produit/{slug}", 404, 0.003);
  metrics.observe_request("HEAD", "/fr/produit/{slug}", 200, 0.004);
  metrics.observe_request("GET", "/fr/", 200, 0.005);
  EXPECT_EQ(series(metrics,
                   R"(http_requests_total{method="GET",route="/fr/produit/{slug}",status="200"})"),
            2);
  EXPECT_EQ(series(metrics,
                   R"(http_requests_total{method="GET",route="/fr/produit/{slug}",status="404"})"),
            1);
  EXPECT_EQ(series(metrics,
                   R"(http_requests_total{method="HEAD",route="/fr/produit/{slug}",status="200"})"),
            1);
  EXPECT_EQ(series(metrics, R"(http_requests_total{method="GET",route="/fr/",status="200"})"), 1);
  // The latency is per method and route, whatever the status.
  EXPECT_EQ(
      series(metrics,
             R"(http_request_duration_seconds_count{method="GET",route="/fr/produit/{slug}"})"),
      3);
}

TEST(Metrics, SeriesFoundAgainFromSeveralThreads) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 1000; ++i)
        metrics.observe_request("GET", i % 2 == 0 ? "/a" : "/b", 200, 0.001);
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(series(metrics, R"(http_requests_total{method="GET",route="/a",status="200"})"), 2000);
  EXPECT_EQ(series(metrics, R"(http_requests_total{method="GET",route="/b",status="200"})"), 2000);
}

}  // namespace
}  // namespace comptoir::observe
