#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "catalog/catalog_service.hpp"
#include "core/locale.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "views/views.hpp"

namespace comptoir::seo {

struct SeoRoutesOptions {
  std::string base_url{};
  views::LocaleTags tags{};
  // Per-visitor pages that robots.txt closes to crawlers (the cart, the checkout, the account).
  std::vector<core::Localized> private_pages{};
  // Pages the sitemaps list besides the catalog's (the legal pages).
  std::vector<core::Localized> pages{};
  std::chrono::seconds sitemap_ttl{60};
  // GOOGLE_SITE_VERIFICATION_HTML ("google….html"): served at /google….html; empty: none.
  std::string google_verification_file{};
  // BING_SITE_VERIFICATION's codes: /BingSiteAuth.xml when there is one.
  std::vector<std::string> bing_verification_codes{};
};

// Files per locale that get a route; at 50 000 URLs each, 25 million pages per locale.
inline constexpr std::size_t kMaxSitemapFiles = 500;

// /sitemap.xml (index), /sitemap-{fr|en}-{n}.xml, /robots.txt, and the search engines'
// verification files when configured: /google….html ("google-site-verification: google….html",
// as Google's file holds) and /BingSiteAuth.xml.
void add_routes(http::Router& router, catalog::CatalogService& catalog, SeoRoutesOptions options);

// 301 from trailing-slash and upper-case variants of storefront URLs (GET and HEAD) to the
// canonical form, query kept (see canonical_storefront_path), and 302 from an unknown locale
// prefix to French or to the locale of the same language (locale_fallback_path). Runs before
// routing.
http::Middleware storefront_redirects();

}  // namespace comptoir::seo
