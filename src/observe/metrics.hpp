#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace comptoir::observe {

struct PoolGauges {
  double size = 0;
  double open = 0;
  double in_use = 0;
  double waiting = 0;
};

// The process's Prometheus registry and the metrics the foundation owns.
class Metrics {
 public:
  Metrics();

  // Labels use the route pattern (/fr/produit/{slug}), never the raw path: bounded cardinality.
  void observe_request(std::string_view method, std::string_view route, unsigned status,
                       double seconds);
  void set_db_pool(std::string_view pool, const PoolGauges& gauges);
  std::string scrape() const;  // Prometheus text exposition format 0.0.4
  prometheus::Registry& registry() { return *registry_; }

 private:
  struct RequestSeries {
    prometheus::Counter* count;
    prometheus::Histogram* latency;
  };

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Family<prometheus::Gauge>& pool_size_;
  prometheus::Family<prometheus::Gauge>& pool_open_;
  prometheus::Family<prometheus::Gauge>& pool_in_use_;
  prometheus::Family<prometheus::Gauge>& pool_waiting_;
  // Looked up by a string_view of "METHOD STATUS ROUTE" built in a buffer the thread keeps: a
  // request allocates nothing once its series exists.
  struct KeyHash {
    // The standard's name for "finds by string_view too".
    using is_transparent = void;  // NOLINT(readability-identifier-naming)
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>{}(key);
    }
  };
  mutable std::shared_mutex series_mutex_;
  std::unordered_map<std::string, RequestSeries, KeyHash, std::equal_to<>> series_;
};

}  // namespace comptoir::observe
