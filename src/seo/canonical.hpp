#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/storefront_seo.hpp"
#include "views/views.hpp"

// Which URL is the one search engines should index, and its translations.
namespace comptoir::seo {

using catalog::Locale;
using catalog::PerLocale;
using catalog::storefront::PageKind;

// The query string kept in canonical (and hreflang) URLs, "" when none. Only parameters that
// select different content stay: `page` when > 1 (category and listing pages; page 1 is the bare
// URL) and `q` on the all-products/search page. Sort and filters only reorder or narrow the same
// collection, so their variants point at the unfiltered URL; tracking parameters (utm_*, gclid,
// fbclid, …) and anything unknown are dropped.
std::string canonical_query(PageKind kind, std::string_view raw_query);

// BASE_URL without its trailing slashes: "https://shop.example/" → "https://shop.example".
std::string origin_of(std::string_view base_url);

// origin + path + ("?" + query when not empty).
std::string absolute_url(std::string_view origin, std::string_view path,
                         std::string_view query = {});

// One <link rel="alternate"> per locale with a page (tag from `tags`), then x-default pointing at
// the French page (design.md §4: French is the default), or the first locale with a page.
std::vector<views::AlternateLink> hreflang_links(std::string_view origin,
                                                 const PerLocale<std::string>& paths,
                                                 std::string_view query,
                                                 const views::LocaleTags& tags);

// "fr-CA" → "fr_CA", as Open Graph writes locales.
std::string og_locale(std::string_view tag);

// Trailing-slash and upper-case variants of a storefront path (/fr/…, /en/…, any case) map to
// the canonical lower-case form without a trailing slash — except the locale homes, which keep
// theirs (/FR → /fr/). Percent escapes keep their hex digits. nullopt when `path` is canonical or
// is not a storefront path.
std::optional<std::string> canonical_storefront_path(std::string_view path);

// A path under a locale prefix the shop does not have falls back to French (design.md §4): the
// first segment looks like a BCP 47 tag with a two-letter language ("de", "es-MX", "fr-FR",
// "zh-Hant"; three-letter ones would shadow paths such as /api/) and is not a locale
// of ours. A tag whose language we have goes to that locale ("/en-GB/product/x" →
// "/en/product/x"), any other to French ("/de/produkt" → "/fr/produkt"). nullopt otherwise.
std::optional<std::string> locale_fallback_path(std::string_view path);

}  // namespace comptoir::seo
