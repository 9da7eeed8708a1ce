#include "seo/sitemap_cache.hpp"

#include <utility>

namespace comptoir::seo {

SitemapCache::SitemapCache(Loader load, SitemapOptions options, std::chrono::seconds ttl)
    : load_(std::move(load)), options_(std::move(options)), ttl_(ttl) {}

net::awaitable<std::shared_ptr<const Sitemaps>> SitemapCache::current() {
  {
    std::lock_guard lock(mutex_);
    if (cached_ && (Clock::now() - built_at_ < ttl_ || building_)) co_return cached_;
    building_ = true;
  }
  std::shared_ptr<const Sitemaps> fresh;
  try {
    auto entries = co_await load_();
    fresh = std::make_shared<const Sitemaps>(entries, options_);
  } catch (...) {
    std::lock_guard lock(mutex_);
    building_ = false;
    throw;
  }
  std::lock_guard lock(mutex_);
  cached_ = fresh;
  built_at_ = Clock::now();
  building_ = false;
  co_return fresh;
}

}  // namespace comptoir::seo
