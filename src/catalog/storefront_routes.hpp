#pragma once

#include <vector>

#include "catalog/catalog_service.hpp"
#include "catalog/storefront_seo.hpp"
#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "views/views.hpp"

namespace comptoir::catalog::storefront {

// What the storefront pages need, built once in serve(); everything must outlive the router.
struct StorefrontDeps {
  CatalogService& catalog;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  const PageSeo& seo;
  // Around each storefront page: the page cache's middleware, when app turns it on (their answers
  // are the same for every visitor: no session, no cookie, the cart count filled in by site.js).
  std::vector<http::Middleware> page_middleware{};
  // The header field that tells the page cache what a page shows (its tags: cache_drop.hpp);
  // empty: none is set (no page cache to strip it before the answer leaves).
  std::string_view cache_tags_field{};
};

// Per locale (design.md §4): the home (/fr/, /en/), category pages (/fr/categorie/{slug}),
// all products and search (/fr/produits?q=), product pages (/fr/produit/{slug}). An unknown slug,
// or a product that is not active, is a 404; an old slug is a 301 to the current URL.
void add_routes(http::Router& router, StorefrontDeps deps);

}  // namespace comptoir::catalog::storefront
