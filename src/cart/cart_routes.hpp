#pragma once

#include <string>
#include <vector>

#include "core/locale.hpp"
#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "views/views.hpp"

namespace comptoir::accounts {
class SessionService;
}

namespace comptoir::cart {

class CartService;

struct CartDeps {
  CartService& carts;
  accounts::SessionService& sessions;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  core::Localized checkout_url;  // where the cart page's button leads (checkout::urls)
  std::string allowed_origin;    // BASE_URL's origin, for the CSRF checks
  // Around the forms (POST) only, inside the session middleware: the throttles. The page
  // itself (GET) never pays for them.
  std::vector<http::Middleware> write_middleware{};
};

// The cart page (cart_urls.hpp: /fr/panier, /en/cart) and its forms: add (from the product page),
// change a quantity (0 removes), choose the destination. Plain forms and 303 redirects, no
// JavaScript.
void add_cart_routes(http::Router& router, CartDeps deps);

// The options of the cart's routes, pages and API alike: its reads run in the session middleware;
// its writes also in `write_middleware` (the throttles), inside it.
struct CartRouteOptions {
  http::RouteOptions reads;
  http::RouteOptions writes;
};
CartRouteOptions cart_route_options(accounts::SessionService& sessions,
                                    const std::vector<http::Middleware>& write_middleware);

}  // namespace comptoir::cart
