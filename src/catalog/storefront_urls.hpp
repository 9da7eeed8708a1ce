#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/locale.hpp"

// Storefront paths, one prefix per locale with localized path words (DESIGN §4). Every link the
// storefront writes comes from here, so a URL change is one edit.
namespace comptoir::catalog::storefront {

using core::Locale;

std::string home_path(Locale locale);                             // "/fr/"
std::string products_path(Locale locale);                         // "/fr/produits", "/en/products"
std::string category_path(Locale locale, std::string_view slug);  // "/fr/categorie/{slug}"
std::string product_path(Locale locale, std::string_view slug);   // "/fr/produit/{slug}"
std::string cart_path(Locale locale);                             // "/fr/panier", "/en/cart"
std::string checkout_path(Locale locale);                         // "/fr/commande", "/en/checkout"
std::string account_path(Locale locale);                          // "/fr/compte", "/en/account"

// Route patterns: "/fr/categorie/{slug}", "/en/product/{slug}".
std::string category_route(Locale locale);
std::string product_route(Locale locale);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// `path` followed by the parameters percent-encoded as a query string, in order; parameters with
// an empty value are left out, and so is the '?' when none remains.
std::string with_query(std::string path, const QueryParams& params);

// The parameters of a raw query string ("a=1&b=%C3%A9"), percent-decoded, '+' read as a space.
QueryParams query_params(std::string_view query);

}  // namespace comptoir::catalog::storefront
