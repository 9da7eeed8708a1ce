#pragma once

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

namespace comptoir::accounts {
class Authorizer;
}

namespace comptoir::orders {

class OrderService;

struct OrderApiDeps {
  OrderService& orders;
  const accounts::Authorizer& authorizer;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
};

// The staff order API: GET /api/v1/orders/{number} (orders:read) and
// POST /api/v1/orders/{number}/transitions (orders:write). Refunds are not transitions: they are
// issued through POST …/refunds (checkout/refund_api.hpp), which this endpoint points to (409).
void add_order_api(http::Router& router, OrderApiDeps deps);

// GET /api/v1/orders (orders:read): filters status, created_from, created_to (YYYY-MM-DD, UTC),
// payment_provider, q (number, email or customer name), limit (1…200, default 50) and cursor
// (next_cursor of the previous page); newest first.
void add_order_list_api(http::Router& router, OrderApiDeps deps);

}  // namespace comptoir::orders
