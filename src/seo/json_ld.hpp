#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/storefront_seo.hpp"

// schema.org structured data (https://schema.org, Google's product and breadcrumb guides), built
// as Boost.JSON values and written so it can sit inside <script type="application/ld+json">.
namespace comptoir::seo {

// `json` with '<', '>', '&', U+2028 and U+2029 written as \u escapes. These characters only occur
// inside JSON strings, where the escapes mean the same thing, so the JSON is unchanged while the
// text can neither close the <script> element ("</script>") nor start a comment ("<!--").
std::string script_safe(std::string_view json);

// {"@context": "https://schema.org", "@graph": nodes}, serialized and made script-safe.
std::string json_ld_text(const boost::json::array& nodes);

// 1299 → "12.99" for a currency with 2 decimals (ICU's count for the ISO code), 500 JPY → "500".
std::string decimal_amount(std::int64_t minor_units, std::string_view iso_currency);

// Product with one Offer per variant (an object when there is one variant, else an array):
// price as a decimal string, priceCurrency, availability InStock/OutOfStock, url, sku, and gtin
// when the variant has one (on the Product too when it has one variant).
boost::json::object product_node(const catalog::Product& product, catalog::Locale locale,
                                 std::string_view page_url, std::string_view origin);

// BreadcrumbList of absolute URLs, positions from 1.
boost::json::object breadcrumb_node(const std::vector<catalog::storefront::Crumb>& crumbs,
                                    std::string_view origin);

boost::json::object organization_node(std::string_view name, std::string_view origin);

// WebSite with a SearchAction whose urlTemplate is the locale's products page with ?q=.
boost::json::object website_node(std::string_view name, std::string_view origin,
                                 std::string_view home_url, std::string_view search_path,
                                 std::string_view language_tag);

}  // namespace comptoir::seo
