#pragma once

#include <string>
#include <string_view>

#include "core/locale.hpp"

// The storefront's paths (design.md §4): one prefix per locale with localized path words. Every
// link to a catalog page, in this module or another, is built here, so a URL change is one edit.
namespace comptoir::catalog::urls {

inline constexpr core::Localized kHome{"/fr/", "/en/"};
// Every product, and the search (?q=…).
inline constexpr core::Localized kProducts{"/fr/produits", "/en/products"};
// Followed by a category's or a product's slug in that locale.
inline constexpr core::Localized kCategoryPrefix{"/fr/categorie/", "/en/category/"};
inline constexpr core::Localized kProductPrefix{"/fr/produit/", "/en/product/"};

inline std::string home(core::Locale locale) {
  return std::string(kHome[locale]);
}

inline std::string products(core::Locale locale) {
  return std::string(kProducts[locale]);
}

// "/fr/categorie/the", "/en/category/tea"
inline std::string category(core::Locale locale, std::string_view slug) {
  return std::string(kCategoryPrefix[locale]).append(slug);
}

// "/fr/produit/theiere-en-fonte", "/en/product/cast-iron-teapot"
inline std::string product(core::Locale locale, std::string_view slug) {
  return std::string(kProductPrefix[locale]).append(slug);
}

// Route patterns: "/fr/categorie/{slug}", "/en/product/{slug}".
inline std::string category_route(core::Locale locale) {
  return category(locale, "{slug}");
}

inline std::string product_route(core::Locale locale) {
  return product(locale, "{slug}");
}

}  // namespace comptoir::catalog::urls
