#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

namespace comptoir::accounts {
class SessionService;
}

namespace comptoir::cart {

class CartService;

struct CartApiDeps {
  CartService& carts;
  accounts::SessionService& sessions;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;  // the amounts' "formatted", in the request's language
  std::string allowed_origin;
  // Around PATCH, POST and DELETE only, inside the session middleware: the throttles.
  std::vector<http::Middleware> write_middleware{};
};

// The cart as JSON, for the storefront's scripts and apps, on the same session cookie as the
// pages: GET /api/v1/cart (made on first call; the answer carries the session's csrf_token),
// PATCH /api/v1/cart {"region"}, POST /api/v1/cart/items {"product_id", "variant_id",
// "quantity"}, PATCH /api/v1/cart/items/{variant_id} {"quantity"}, DELETE the same path.
// Every change needs X-CSRF-Token; errors are problem+json with a `code` (cart.out_of_stock …).
void add_cart_api(http::Router& router, CartApiDeps deps);

}  // namespace comptoir::cart
