#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "http/types.hpp"
#include "observe/metrics.hpp"
#include "pagecache/page_cache.hpp"

// What the page cache's tests share: the options of a cache whose generation the test moves, the
// context a request gets, and the cache's counters read back from /metrics' text.
namespace comptoir::pagecache::test_support {

inline PageCacheOptions options(const std::atomic<std::uint64_t>& generation,
                                std::size_t doorkeeper_slots) {
  PageCacheOptions options;
  options.budget = 1 << 20;
  options.generation = [&generation] { return generation.load(); };
  options.doorkeeper_slots = doorkeeper_slots;
  return options;
}

// The context the server would give `request`: its target split into path and query.
inline http::Context context_of(http::Request& request, http::net::any_io_executor executor) {
  std::string_view target = request.target();
  auto question = target.find('?');
  return {request, std::move(executor), target.substr(0, question),
          question == std::string_view::npos ? std::string_view{} : target.substr(question + 1)};
}

// The value of the unlabelled series `name`, -1 when absent.
inline double metric(const observe::Metrics& metrics, std::string_view name) {
  auto text = metrics.scrape();
  auto at = text.find(std::string("\n") + std::string(name) + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + name.size() + 2));
}

}  // namespace comptoir::pagecache::test_support
