#pragma once

#include <string>
#include <string_view>

#include "core/locale.hpp"

// Where a customer sees orders, in each language (orders/order_pages.hpp serves them); the order
// mail and the checkout link to them. Below, the staff API's paths other modules serve.
namespace comptoir::orders::urls {

// Followed by the order's number: "/fr/commandes/cmp-7k3q9xab".
inline constexpr core::Localized kOrderPrefix{"/fr/commandes/", "/en/orders/"};
// The signed-in customer's orders, in the account area.
inline constexpr core::Localized kMine{"/fr/compte/commandes", "/en/account/orders"};

// "/fr/commandes/cmp-7k3q9xab" / "/en/orders/cmp-7k3q9xab": storefront paths are lower case
// (seo::storefront_redirects sends upper-case ones there); the page reads the number back in
// upper case.
inline std::string order(core::Locale locale, std::string_view number) {
  std::string path(kOrderPrefix[locale]);
  for (char c : number) path += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return path;
}

// The route pattern of an order's page: "/fr/commandes/{number}".
inline std::string order_route(core::Locale locale) {
  return std::string(kOrderPrefix[locale]).append("{number}");
}

// Where the order page's "cancel and go back to the cart" form posts, after a payment left
// unfinished: "/fr/commandes/cmp-7k3q9xab/annuler".
inline constexpr core::Localized kAbandonSuffix{"/annuler", "/cancel"};
inline std::string abandon(core::Locale locale, std::string_view number) {
  return order(locale, number).append(kAbandonSuffix[locale]);
}
inline std::string abandon_route(core::Locale locale) {
  return order_route(locale).append(kAbandonSuffix[locale]);
}

// Where the order page's return form posts (its signed-in customer asks to send units back):
// "/fr/commandes/cmp-7k3q9xab/retours".
inline constexpr core::Localized kReturnsSuffix{"/retours", "/returns"};
inline std::string returns(core::Locale locale, std::string_view number) {
  return order(locale, number).append(kReturnsSuffix[locale]);
}
inline std::string returns_route(core::Locale locale) {
  return order_route(locale).append(kReturnsSuffix[locale]);
}

// The staff API's refunds of an order, "/api/v1/orders/CMP-7K3Q9XAB/refunds": checkout serves it
// (checkout/refund_api.hpp); the transitions endpoint sends refunds there.
inline constexpr std::string_view kApiRefundsRoute = "/api/v1/orders/{number}/refunds";
inline std::string api_refunds(std::string_view number) {
  return std::string("/api/v1/orders/").append(number).append("/refunds");
}

}  // namespace comptoir::orders::urls
