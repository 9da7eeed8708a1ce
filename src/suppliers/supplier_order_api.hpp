#pragma once

#include <vector>

#include "http/router.hpp"
#include "i18n/catalog.hpp"

namespace comptoir::accounts {
class Authorizer;
}
namespace comptoir::core {
class SecretKeys;
}
namespace comptoir::db {
class Database;
}

namespace comptoir::suppliers {

struct SupplierOrderApiDeps {
  db::Database& db;
  const core::SecretKeys& keys;  // open the suppliers' signing secrets
  const accounts::Authorizer& authorizer;
  const i18n::Catalog& messages;
  // Around the route (the webhooks' throttle per sending address: what a supplier's server sends
  // is a webhook, and an unsigned flood is refused before its signature costs a database read).
  std::vector<http::Middleware> webhook_middleware{};
};

// POST /api/v1/supplier-orders/{external_id}/events: a supplier's news of an order it was sent —
// confirmed, in production, shipped (carrier, tracking), delivered, cancelled — from the supplier
// itself, signed with its signing secret (Comptoir-Signature, connectors/signature.hpp), or from
// staff with a token of scope orders:write (a supplier that answers by mail). Moves the supplier
// order forward only (supplier_event_allowed); the shop's suppliers.shipments job then ships the
// customer's order. problem+json: 401 (no or bad signature or token), 403, 404, 409 (a move not
// allowed), 415, 400, 422.
void add_supplier_order_api(http::Router& router, SupplierOrderApiDeps deps);

}  // namespace comptoir::suppliers
