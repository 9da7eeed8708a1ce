#pragma once

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

namespace comptoir::accounts {
class Authorizer;
}

namespace comptoir::checkout {

class RefundService;

struct RefundApiDeps {
  RefundService& refunds;
  const accounts::Authorizer& authorizer;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
};

// The staff API's refunds: POST /api/v1/orders/{number}/refunds {amount, reason, note?,
// return_id?} issues one (orders:refund; through Stripe for an order paid online), GET lists an
// order's refunds and what may still be refunded (orders:read).
void add_refund_api(http::Router& router, RefundApiDeps deps);

}  // namespace comptoir::checkout
