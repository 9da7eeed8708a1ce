#pragma once

#include <cstdint>
#include <string>

#include "core/locale.hpp"

// The cart's paths in each language (design.md §4 fixes the cart page's): the page, where its forms
// post, and what other modules link to (the product page's form, the layout, the checkout).
namespace comptoir::cart::urls {

// The cart page; a POST there adds an item.
inline constexpr core::Localized kCart{"/fr/panier", "/en/cart"};
// Followed by a variant's id: a POST there changes its quantity (0 removes it).
inline constexpr core::Localized kItemPrefix{"/fr/panier/articles/", "/en/cart/items/"};
// A POST there chooses the destination (the tax region).
inline constexpr core::Localized kRegion{"/fr/panier/destination", "/en/cart/destination"};

inline std::string item(core::Locale locale, std::int64_t variant_id) {
  return std::string(kItemPrefix[locale]).append(std::to_string(variant_id));
}

// The route pattern of an item: "/fr/panier/articles/{variant}".
inline std::string item_route(core::Locale locale) {
  return std::string(kItemPrefix[locale]).append("{variant}");
}

}  // namespace comptoir::cart::urls
