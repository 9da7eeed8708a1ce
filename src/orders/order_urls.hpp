#pragma once

#include <string>
#include <string_view>

#include "core/locale.hpp"

// Where orders and the checkout live, in each language (DESIGN §4 names the checkout's).
namespace comptoir::orders {

inline std::string checkout_path(core::Locale locale) {
  return locale == core::Locale::fr ? "/fr/commande" : "/en/checkout";
}

inline std::string_view orders_prefix(core::Locale locale) {
  return locale == core::Locale::fr ? "/fr/commandes/" : "/en/orders/";
}

// "/fr/commandes/cmp-7k3q9xab" / "/en/orders/cmp-7k3q9xab": storefront paths are lower case
// (seo::storefront_redirects sends upper-case ones there); the page reads the number back in
// upper case.
inline std::string order_path(core::Locale locale, std::string_view number) {
  std::string path(orders_prefix(locale));
  for (char c : number) path += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return path;
}

}  // namespace comptoir::orders
