#include "observe/metrics.hpp"

#include <prometheus/text_serializer.h>

#include <array>
#include <charconv>
#include <mutex>

#include "core/build_info.hpp"

namespace comptoir::observe {

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      requests_(prometheus::BuildCounter()
                    .Name("http_requests_total")
                    .Help("HTTP requests answered, by method, route pattern and status")
                    .Register(*registry_)),
      latency_(prometheus::BuildHistogram()
                   .Name("http_request_duration_seconds")
                   .Help("Time from request parsed to response ready, by method and route")
                   .Register(*registry_)),
      pool_size_(prometheus::BuildGauge()
                     .Name("db_pool_connections_max")
                     .Help("Connections the database pool may open")
                     .Register(*registry_)),
      pool_open_(prometheus::BuildGauge()
                     .Name("db_pool_connections_open")
                     .Help("Connections currently open in the database pool")
                     .Register(*registry_)),
      pool_in_use_(prometheus::BuildGauge()
                       .Name("db_pool_connections_in_use")
                       .Help("Connections currently running a query or transaction")
                       .Register(*registry_)),
      pool_waiting_(prometheus::BuildGauge()
                        .Name("db_pool_waiting")
                        .Help("Database tasks queued for a free connection")
                        .Register(*registry_)) {
  prometheus::BuildGauge()
      .Name("comptoir_build_info")
      .Help("Build of the running comptoir binary")
      .Register(*registry_)
      .Add({{"version", core::build::kVersion}, {"commit", core::build::commit()}})
      .Set(1);
}

void Metrics::observe_request(std::string_view method, std::string_view route, unsigned status,
                              double seconds) {
  thread_local std::string key;
  key.clear();
  key.append(method);
  key += ' ';
  std::array<char, 12> digits{};
  key.append(digits.data(),
             std::to_chars(digits.data(), digits.data() + digits.size(), status).ptr);
  key += ' ';
  key.append(route);
  RequestSeries series{};
  {
    std::shared_lock lock(series_mutex_);
    if (auto it = series_.find(std::string_view(key)); it != series_.end()) series = it->second;
  }
  if (series.count == nullptr) {
    std::unique_lock lock(series_mutex_);
    auto [it, inserted] = series_.try_emplace(key, RequestSeries{});
    if (inserted) {
      static const prometheus::Histogram::BucketBoundaries kBuckets{
          0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
      it->second.count = &requests_.Add({{"method", std::string(method)},
                                         {"route", std::string(route)},
                                         {"status", std::to_string(status)}});
      it->second.latency =
          &latency_.Add({{"method", std::string(method)}, {"route", std::string(route)}}, kBuckets);
    }
    series = it->second;
  }
  series.count->Increment();
  series.latency->Observe(seconds);
}

void Metrics::set_db_pool(std::string_view pool, const PoolGauges& gauges) {
  prometheus::Labels labels{{"pool", std::string(pool)}};
  pool_size_.Add(labels).Set(gauges.size);
  pool_open_.Add(labels).Set(gauges.open);
  pool_in_use_.Add(labels).Set(gauges.in_use);
  pool_waiting_.Add(labels).Set(gauges.waiting);
}

std::string Metrics::scrape() const {
  return prometheus::TextSerializer{}.Serialize(registry_->Collect());
}

}  // namespace comptoir::observe
