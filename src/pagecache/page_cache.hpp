#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "http/types.hpp"
#include "pagecache/doorkeeper.hpp"
#include "pagecache/page_store.hpp"
#include "staticfiles/encoded_body.hpp"

namespace prometheus {
class Counter;
class Gauge;
}  // namespace prometheus

namespace comptoir::observe {
class Metrics;
}

// The cache of whole storefront pages (docs/storefront.md, "The page cache"): routes whose answer
// is the same for every visitor opt in with PageCache::middleware(); their 200s are kept with
// gzip and brotli bodies and an ETag, keyed by locale, path and normalized query within the
// current generation, and answered again without running the handler. Requests that miss a page
// another request is rendering wait for that rendering instead of running the handler again.
namespace comptoir::pagecache {

struct PageCacheOptions {
  std::size_t budget = 0;  // bytes (COMPTOIR_PAGE_CACHE_BYTES)
  // What the pages are made of, as one number that moves whenever any part of it changes
  // (app adds the catalog's cache generation and the shop name's); 0 while it cannot be known
  // (the catalog's cache is off), and then nothing is kept or answered from the cache.
  std::function<std::uint64_t()> generation;
  // A page's variants are compressed on the request's thread, each the first time a client that
  // prefers it is answered from the page (cached_page.hpp): cheap levels keep that request cheap.
  staticfiles::EncodedBody::Levels levels{.brotli = 5, .gzip = 6};
  // Slots of the doorkeeper (doorkeeper.hpp): a page is kept from its second miss. 0: from the
  // first (app sets kDoorkeeperSlots).
  std::size_t doorkeeper_slots = 0;
};

// 65 536 remembered pages (512 KiB): more than a shop's pages that are asked for twice between
// two catalog changes, far fewer than a million-product catalog's pages.
inline constexpr std::size_t kDoorkeeperSlots = std::size_t{1} << 16U;

class PageCache {
 public:
  // Registers page_cache_{hits,misses,first_misses,coalesced,evictions}_total,
  // page_cache_invalidated_total{by}, page_cache_bytes and page_cache_pages.
  PageCache(PageCacheOptions options, observe::Metrics& metrics);
  PageCache(const PageCache&) = delete;
  PageCache& operator=(const PageCache&) = delete;

  // Route middleware: a hit answers from the store; a miss runs the route and keeps a storable
  // answer (cached_page.hpp), while the misses of the same page that come meanwhile wait for it
  // and get what it kept. Every answer says how in Cache-Status. Refers to this object: it must
  // outlive the router.
  http::Middleware middleware();

  const PageStore& store() const { return store_; }

  // Drops the pages that show one of `tags` (a product, a category: catalog/cache_drop.hpp), and
  // keeps none rendered before this call. Thread-safe.
  void drop_tags(const std::vector<std::string>& tags);

 private:
  // One rendering of a page that missed: the requests for the same page (same generation) that
  // miss while it runs wait for it to land instead of rendering the page again.
  struct Flight;
  using FlightKey = std::pair<std::uint64_t, std::string>;  // generation, page_key()
  class Landing;

  http::net::awaitable<http::Response> handle(http::Context& ctx, const http::Handler& next);
  // Runs the route for a page that missed and keeps its answer when it may; `flight` is the one
  // this request leads (null when it renders alone).
  http::net::awaitable<http::Response> render(http::Context& ctx, const http::Handler& next,
                                              std::uint64_t generation, const std::string& key,
                                              std::size_t outdated, Landing* flight);
  // `page`, or a copy of it holding the variant `accept_encoding` prefers when `page` has not
  // made it yet; the copy takes its place in the store.
  std::shared_ptr<const CachedPage> made_for(std::string_view accept_encoding,
                                             std::uint64_t generation, const std::string& key,
                                             std::shared_ptr<const CachedPage> page);
  // The store's figures into the gauges, with the pages evicted and outdated (dropped by a newer
  // generation) since.
  void publish(std::size_t evicted, std::size_t outdated = 0);

  PageCacheOptions options_;
  PageStore store_;
  Doorkeeper doorkeeper_;
  prometheus::Counter* hits_;
  prometheus::Counter* misses_;
  prometheus::Counter* first_misses_;
  prometheus::Counter* coalesced_;
  prometheus::Counter* evictions_;
  prometheus::Counter* dropped_by_tags_;
  prometheus::Counter* dropped_by_generation_;
  prometheus::Gauge* bytes_;
  prometheus::Gauge* pages_;
  std::mutex flights_mutex_;
  std::map<FlightKey, std::shared_ptr<Flight>> flights_;  // the renderings under way
};

}  // namespace comptoir::pagecache
