#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "catalog/model.hpp"
#include "seo/sitemap.hpp"

namespace comptoir::seo {

namespace net = boost::asio;

// The sitemaps of one catalog snapshot, rebuilt at most once per `ttl`: a change shows in the
// sitemaps within `ttl`. While one request rebuilds, the others keep serving the previous
// snapshot. Only the entry list is kept; each XML file is written when asked for.
class SitemapCache {
 public:
  using Loader = std::function<net::awaitable<std::vector<catalog::SitemapEntry>>()>;
  using Clock = std::chrono::steady_clock;

  SitemapCache(Loader load, SitemapOptions options, std::chrono::seconds ttl);

  net::awaitable<std::shared_ptr<const Sitemaps>> current();

 private:
  Loader load_;
  SitemapOptions options_;
  std::chrono::seconds ttl_;
  std::mutex mutex_;  // never held across a co_await
  std::shared_ptr<const Sitemaps> cached_;
  Clock::time_point built_at_{};
  bool building_ = false;
};

}  // namespace comptoir::seo
