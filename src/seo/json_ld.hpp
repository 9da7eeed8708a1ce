#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/storefront_seo.hpp"
#include "seo/json_writer.hpp"

// schema.org structured data (https://schema.org, Google's product and breadcrumb guides): a page's
// graph, written as the script-safe text of <script type="application/ld+json">.
namespace comptoir::seo {

// {"@context":"https://schema.org","@graph":[…]}, its nodes added in order.
class JsonLdGraph {
 public:
  JsonLdGraph();

  // Product with one Offer per variant (an object when there is one variant, else an array):
  // price as a decimal string, priceCurrency, availability InStock/OutOfStock, url, sku, and gtin
  // when the variant has one (on the Product too when it has one variant).
  void product(const catalog::Product& product, catalog::Locale locale, std::string_view page_url,
               std::string_view origin);
  // BreadcrumbList of absolute URLs, positions from 1.
  void breadcrumbs(const std::vector<catalog::storefront::Crumb>& crumbs, std::string_view origin);
  void organization(std::string_view name, std::string_view origin);
  // WebSite with a SearchAction whose urlTemplate is the locale's products page with ?q=.
  void website(std::string_view name, std::string_view origin, std::string_view home_url,
               std::string_view search_path, std::string_view language_tag);

  bool empty() const { return nodes_ == 0; }
  // The document; "" when no node was added.
  std::string text() &&;

 private:
  JsonWriter& node(std::string_view type);

  JsonWriter json_;
  int nodes_ = 0;
};

// 1299 → "12.99" for a currency with 2 decimals (ICU's count for the ISO code), 500 JPY → "500".
std::string decimal_amount(std::int64_t minor_units, std::string_view iso_currency);

}  // namespace comptoir::seo
