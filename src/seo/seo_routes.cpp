#include "seo/seo_routes.hpp"

#include <utility>

#include "seo/canonical.hpp"
#include "seo/sitemap_cache.hpp"

namespace comptoir::seo {
namespace {

using http::Context;
using http::Response;
using http::Status;

Response xml(std::string body) {
  auto res = http::text(Status::ok, std::move(body), "application/xml; charset=utf-8");
  res.set(http::Field::cache_control, "public, max-age=300");
  return res;
}

}  // namespace

void add_routes(http::Router& router, catalog::CatalogService& catalog, SeoRoutesOptions options) {
  auto cache = std::make_shared<SitemapCache>(
      [&catalog]() { return catalog.sitemap_entries(); },
      SitemapOptions{.base_url = options.base_url, .tags = options.tags, .pages = options.pages},
      options.sitemap_ttl);

  router.get("/sitemap.xml", [cache](Context&) -> net::awaitable<Response> {
    auto sitemaps = co_await cache->current();
    co_return xml(sitemaps->index_xml());
  });
  for (auto locale : core::kLocales) {
    for (std::size_t number = 1; number <= kMaxSitemapFiles; ++number) {
      router.get("/" + Sitemaps::file_name(locale, number),
                 [cache, locale, number](Context&) -> net::awaitable<Response> {
                   auto sitemaps = co_await cache->current();
                   auto file = sitemaps->file_xml(locale, number);
                   if (!file) throw http::HttpError(Status::not_found);
                   co_return xml(std::move(*file));
                 });
    }
  }
  if (!options.google_verification_file.empty()) {
    router.get("/" + options.google_verification_file,
               [body = "google-site-verification: " +
                       options.google_verification_file](Context&) -> net::awaitable<Response> {
                 co_return http::text(Status::ok, body, "text/html; charset=utf-8");
               });
  }
  if (!options.bing_verification_codes.empty()) {
    std::string body = "<?xml version=\"1.0\"?>\n<users>\n";
    for (const auto& code : options.bing_verification_codes)
      body += "\t<user>" + code + "</user>\n";
    body += "</users>\n";
    router.get("/BingSiteAuth.xml", [body = std::move(body)](Context&) -> net::awaitable<Response> {
      co_return xml(body);
    });
  }
  router.get("/robots.txt",
             [robots = robots_txt(options.base_url, options.private_pages)](
                 Context&) -> net::awaitable<Response> {
               auto res = http::text(Status::ok, robots);
               res.set(http::Field::cache_control, "public, max-age=3600");
               co_return res;
             });
}

http::Middleware storefront_redirects() {
  return [](Context& ctx, const http::Handler& next) -> net::awaitable<Response> {
    auto method = ctx.request.method();
    if (method == http::Method::get || method == http::Method::head) {
      auto with_query = [&ctx](std::string target) {
        if (!ctx.query.empty()) {
          target += '?';
          target += ctx.query;
        }
        return target;
      };
      if (auto target = canonical_storefront_path(ctx.path))
        co_return http::redirect(Status::moved_permanently, with_query(std::move(*target)));
      // 302, not 301: a locale the shop adds later must not be shadowed by a cached redirect.
      if (auto target = locale_fallback_path(ctx.path))
        co_return http::redirect(Status::found, with_query(std::move(*target)));
    }
    co_return co_await next(ctx);
  };
}

}  // namespace comptoir::seo
