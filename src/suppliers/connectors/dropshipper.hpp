#pragma once

#include <memory>
#include <string>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

// A generic dropshipper reached by a signed JSON POST (docs/suppliers.md, "Generic dropshipper"):
// every message goes to one URL, the supplier's `api_base`, signed with its `signing_secret`
// (connectors/signature.hpp) and carrying `Idempotency-Key: <external id>` for orders, so a
// message sent again after a lost answer is the same order to the supplier. Messages:
//   {"type": "ping"}                                    test()
//   {"type": "purchase_order", "external_id", "label", "currency", "items": [{sku, quantity,
//    product_id, variant_id}], "ship_to": {name, email, phone, line1, line2, city, region,
//    postal_code, country}}                              create_order()
//   {"type": "cancel", "external_id", "number"}         cancel_order()
// A 2xx answer may carry {"id": "<its order number>", "status": "accepted"}. The supplier sends
// its confirmations and tracking back to the shop's endpoint (suppliers/supplier_order_api.hpp):
// there is nothing to poll, so order_status() and the catalog are `unsupported` (a price list
// gives the catalog).
struct DropshipperSettings {
  std::string url{};  // where messages go
  std::string signing_secret{};
  // What the supplier's server takes (credentials' "requests_per_second", 0.1 to 1000): a small
  // business's server by default.
  double requests_per_second = 2;
};

ApiPolicy dropshipper_policy(double requests_per_second = 2);
std::unique_ptr<Connector> make_dropshipper(DropshipperSettings settings, ApiCallSink sink);

}  // namespace comptoir::suppliers
