#pragma once

#include <string>

#include "http/router.hpp"
#include "i18n/catalog.hpp"

namespace comptoir::accounts {
class Authorizer;
class SessionService;
}  // namespace comptoir::accounts
namespace comptoir::cart {
class CartService;
}
namespace comptoir::orders {
class OrderService;
}

namespace comptoir::checkout {

class CheckoutService;
class StripeEvents;

struct PaymentApiDeps {
  CheckoutService& checkout;
  orders::OrderService& orders;
  cart::CartService& carts;
  accounts::SessionService& sessions;
  const accounts::Authorizer& authorizer;
  StripeEvents& events;
  const i18n::Catalog& messages;
  std::string allowed_origin;
  std::string webhook_secrets;  // STRIPE_WEBHOOK_SECRET: "current[,previous]"
};

// POST /webhooks/stripe (verified, stored, applied once); POST /api/v1/checkout (the session's
// cart becomes an order); GET /api/v1/orders/{number} (orders:read) and
// POST /api/v1/orders/{number}/transitions (orders:write; refunds need orders:refund).
void add_payment_api(http::Router& router, PaymentApiDeps deps);

}  // namespace comptoir::checkout
