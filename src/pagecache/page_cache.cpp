#include "pagecache/page_cache.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <utility>

#include "observe/metrics.hpp"

namespace comptoir::pagecache {
namespace {

// Cache-Status (RFC 9211): how the cache took part in this answer.
constexpr std::string_view kHit = "comptoir; hit";
constexpr std::string_view kStored = "comptoir; fwd=miss; stored";
constexpr std::string_view kMiss = "comptoir; fwd=miss";
constexpr std::string_view kBypass = "comptoir; fwd=bypass";
// Answered with the page another request's miss rendered and kept (RFC 9211's `collapsed`).
constexpr std::string_view kCollapsed = "comptoir; fwd=miss; collapsed";

prometheus::Counter& counter(observe::Metrics& metrics, const std::string& name,
                             const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(metrics.registry()).Add({});
}

// Pages dropped because what they show changed: `by` tags (a product, a category) or by a new
// generation (everything).
prometheus::Counter& invalidated(observe::Metrics& metrics, const std::string& by) {
  return prometheus::BuildCounter()
      .Name("page_cache_invalidated_total")
      .Help("Pages the page cache dropped because what they show changed, by tags or generation")
      .Register(metrics.registry())
      .Add({{"by", by}});
}

prometheus::Gauge& gauge(observe::Metrics& metrics, const std::string& name,
                         const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(metrics.registry()).Add({});
}

}  // namespace

struct PageCache::Flight {
  explicit Flight(const http::net::any_io_executor& executor) : landed(executor) {}

  // Closed when the rendering is over, whatever became of it: wakes every request waiting.
  http::net::experimental::concurrent_channel<void(boost::system::error_code)> landed;
  // What the rendering kept, set before `landed` closes; null when it kept nothing (an answer
  // that may not be kept, a drop of what it shows while it ran, an error): the waiters then
  // render the page themselves.
  std::shared_ptr<const CachedPage> page;
  std::size_t waiting = 0;  // requests that joined it (under flights_mutex_)
};

// The leader's side of a flight: lands it once, at the latest when the leader's frame goes (an
// exception, a connection dropped mid-rendering), so no request waits for a rendering that ended.
class PageCache::Landing {
 public:
  Landing(PageCache& cache, FlightKey key, std::shared_ptr<Flight> flight)
      : cache_(cache), key_(std::move(key)), flight_(std::move(flight)) {}
  Landing(const Landing&) = delete;
  Landing& operator=(const Landing&) = delete;
  ~Landing() { land(nullptr); }

  // Whether a request waits for this rendering: the page was asked for again meanwhile.
  bool awaited() const {
    std::lock_guard lock(cache_.flights_mutex_);
    return flight_ && flight_->waiting > 0;
  }

  // Ends the flight; its waiters are answered with `page`, or render it themselves (null).
  void land(std::shared_ptr<const CachedPage> page) {
    if (!flight_) return;
    flight_->page = std::move(page);
    {
      std::lock_guard lock(cache_.flights_mutex_);
      auto found = cache_.flights_.find(key_);
      if (found != cache_.flights_.end() && found->second == flight_) cache_.flights_.erase(found);
    }
    flight_->landed.close();
    flight_.reset();
  }

 private:
  PageCache& cache_;
  FlightKey key_;
  std::shared_ptr<Flight> flight_;
};

PageCache::PageCache(PageCacheOptions options, observe::Metrics& metrics)
    : options_(std::move(options)),
      store_(options_.budget),
      doorkeeper_(options_.doorkeeper_slots),
      hits_(&counter(metrics, "page_cache_hits_total",
                     "Storefront pages answered from the page cache (304s included)")),
      misses_(&counter(metrics, "page_cache_misses_total",
                       "Storefront pages the page cache did not hold: the route rendered them")),
      first_misses_(&counter(metrics, "page_cache_first_misses_total",
                             "Misses not kept: the page had not missed before (its doorkeeper)")),
      coalesced_(&counter(metrics, "page_cache_coalesced_total",
                          "Misses answered with the page another request was rendering, kept "
                          "when it was done, instead of rendering it again")),
      evictions_(&counter(metrics, "page_cache_evictions_total",
                          "Pages the page cache dropped to stay within its byte budget")),
      dropped_by_tags_(&invalidated(metrics, "tags")),
      dropped_by_generation_(&invalidated(metrics, "generation")),
      bytes_(&gauge(metrics, "page_cache_bytes",
                    "Bytes the page cache holds (bodies, compressed variants, keys, bookkeeping)")),
      pages_(&gauge(metrics, "page_cache_pages", "Pages the page cache holds")) {
  gauge(metrics, "page_cache_budget_bytes", "The page cache's byte budget")
      .Set(static_cast<double>(options_.budget));
}

http::Middleware PageCache::middleware() {
  return [this](http::Context& ctx, const http::Handler& next) { return handle(ctx, next); };
}

http::net::awaitable<http::Response> PageCache::handle(http::Context& ctx,
                                                       const http::Handler& next) {
  const auto method = ctx.request.method();
  const auto generation = options_.generation ? options_.generation() : 0;
  if (generation == 0 || (method != http::Method::get && method != http::Method::head)) {
    auto res = co_await next(ctx);
    take_tags(res);
    res.set("Cache-Status", kBypass);
    co_return res;
  }
  auto key = page_key(ctx.locale, ctx.path, ctx.query);
  std::size_t outdated = 0;
  if (auto page = store_.find(generation, key, &outdated)) {
    hits_->Increment();
    auto accept_encoding = ctx.request[http::Field::accept_encoding];
    page = made_for(accept_encoding, generation, key, std::move(page));
    co_return answer(*page, ctx.request, accept_encoding, kHit);
  }
  // A miss: join the rendering of this page under way, or lead one.
  FlightKey flight_key{generation, key};
  std::shared_ptr<Flight> flight;
  bool leads = false;
  {
    std::lock_guard lock(flights_mutex_);
    auto& entry = flights_[flight_key];
    if (entry) {
      ++entry->waiting;
    } else {
      entry = std::make_shared<Flight>(ctx.executor);
      leads = true;
    }
    flight = entry;
  }
  if (leads) {
    Landing landing(*this, std::move(flight_key), std::move(flight));
    co_return co_await render(ctx, next, generation, key, outdated, &landing);
  }
  boost::system::error_code closed;
  co_await flight->landed.async_receive(
      http::net::redirect_error(http::net::use_awaitable, closed));
  if (flight->page) {
    coalesced_->Increment();
    publish(0, outdated);
    auto accept_encoding = ctx.request[http::Field::accept_encoding];
    auto page = made_for(accept_encoding, generation, key, flight->page);
    co_return answer(*page, ctx.request, accept_encoding, kCollapsed);
  }
  co_return co_await render(ctx, next, generation, key, outdated, nullptr);
}

http::net::awaitable<http::Response> PageCache::render(http::Context& ctx,
                                                       const http::Handler& next,
                                                       std::uint64_t generation,
                                                       const std::string& key, std::size_t outdated,
                                                       Landing* flight) {
  misses_->Increment();
  // Read before rendering: a drop of tags while the route runs may concern what it reads.
  const auto drops = store_.drops();
  auto res = co_await next(ctx);
  auto tags = take_tags(res);
  if (!storable(res)) {
    publish(0, outdated);  // the lookup may have dropped an older generation's pages
    res.set("Cache-Status", kMiss);
    co_return res;
  }
  // A page asked for again while it rendered has missed twice: kept, as the doorkeeper would.
  if (!doorkeeper_.admit(key) && (flight == nullptr || !flight->awaited())) {
    first_misses_->Increment();
    publish(0, outdated);
    res.set("Cache-Status", kMiss);
    co_return res;
  }
  auto made = std::make_shared<CachedPage>(CachedPage::of(std::move(res)));
  auto accept_encoding = ctx.request[http::Field::accept_encoding];
  made->make_for(accept_encoding, options_.levels);
  std::shared_ptr<const CachedPage> page = std::move(made);
  auto stored = store_.store(generation, key, page, std::move(tags), drops);
  if (flight != nullptr && stored.stored) flight->land(page);
  publish(stored.evicted, outdated + stored.outdated);
  co_return answer(*page, ctx.request, accept_encoding, stored.stored ? kStored : kMiss);
}

std::shared_ptr<const CachedPage> PageCache::made_for(std::string_view accept_encoding,
                                                      std::uint64_t generation,
                                                      const std::string& key,
                                                      std::shared_ptr<const CachedPage> page) {
  if (!page->lacks(accept_encoding)) return page;
  // Two requests may make the same variant at once: one copy takes the page's place, and each
  // answers from its own.
  auto made = std::make_shared<CachedPage>(*page);
  made->make_for(accept_encoding, options_.levels);
  std::shared_ptr<const CachedPage> copy = std::move(made);
  publish(store_.replace(generation, key, page, copy));
  return copy;
}

void PageCache::drop_tags(const std::vector<std::string>& tags) {
  if (tags.empty()) return;
  auto dropped = store_.drop_tags(tags);
  if (dropped > 0) dropped_by_tags_->Increment(static_cast<double>(dropped));
  publish(0);
}

void PageCache::publish(std::size_t evicted, std::size_t outdated) {
  if (evicted > 0) evictions_->Increment(static_cast<double>(evicted));
  if (outdated > 0) dropped_by_generation_->Increment(static_cast<double>(outdated));
  bytes_->Set(static_cast<double>(store_.bytes()));
  pages_->Set(static_cast<double>(store_.size()));
}

}  // namespace comptoir::pagecache
