#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "orders/order.hpp"
#include "throttle/throttled.hpp"

namespace comptoir::accounts {
class SessionService;
}

namespace comptoir::checkout {

class CheckoutService;
class StripeEvents;

struct PaymentApiDeps {
  CheckoutService& checkout;
  accounts::SessionService& sessions;
  StripeEvents& events;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  std::string allowed_origin;
  std::string webhook_secrets;  // STRIPE_WEBHOOK_SECRET: "current[,previous]"
  // What a delivery whose signature fails takes from (the per-address throttle: past its limit
  // the answer is 429, not 400). A verified one takes nothing: Stripe retries a 429, so throttling
  // it would only delay the shop's own payments. None: nothing is throttled.
  std::optional<throttle::Throttle> unverified_throttle{};
  // What the order remembers of the visitor's audience-measurement choice (analytics::mark_of,
  // handed in by app); nothing when unset.
  std::function<orders::AnalyticsMark(const http::Context&)> analytics_mark{};
};

// POST /webhooks/stripe (verified, stored, applied once) and POST /api/v1/checkout (the session's
// cart becomes an order). The staff order API is orders' (orders/order_api.hpp).
void add_payment_api(http::Router& router, PaymentApiDeps deps);

}  // namespace comptoir::checkout
