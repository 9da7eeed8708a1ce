#pragma once

#include <vector>

#include "http/router.hpp"

namespace comptoir::core {
class SecretKeys;
}
namespace comptoir::db {
class Database;
}

namespace comptoir::suppliers {

struct PrintifyWebhookDeps {
  db::Database& db;
  const core::SecretKeys& keys;  // open the supplier's session, which holds the webhook secret
  // Around the route (the webhooks' throttle per sending address: an unsigned flood is refused
  // before its signature costs a database read).
  std::vector<http::Middleware> webhook_middleware{};
};

// POST /webhooks/printify/{supplier_id}: Printify's order events for that supplier
// (`comptoir suppliers webhooks` subscribes them), verified with X-Pfy-Signature (sha256= hex
// HMAC-SHA-256 of the body under the secret stored, sealed, in the supplier's session), so news
// comes at once instead of at the next poll: order:shipment:created records the carrier and
// tracking (the order SHIPPED; the shop's suppliers.shipments job ships the customer's order),
// order:shipment:delivered marks it DELIVERED, order:sent-to-production CONFIRMED, and any other
// order event makes the order due for the next dispatch. Forward moves only; an event for an order
// the shop does not know is acknowledged and ignored. Answers 200 {"status": "applied"|"ignored"},
// 401 for a missing or wrong signature, 404 for an unknown supplier, 400 for a body that is not an
// event.
void add_printify_webhooks(http::Router& router, PrintifyWebhookDeps deps);

}  // namespace comptoir::suppliers
