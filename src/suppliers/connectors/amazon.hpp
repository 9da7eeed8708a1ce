#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

// Amazon's Selling Partner API for a seller whose stock is in Amazon's warehouses (FBA), which
// ships the shop's orders through Multi-Channel Fulfillment (docs/suppliers.md, "Amazon"):
// - auth: a Login with Amazon refresh token exchanged for an hour-long access token
//   (POST https://api.amazon.com/auth/o2/token, grant_type=refresh_token), sent as
//   `x-amz-access-token`; a 403 asks for a new one once;
// - catalog: FBA inventory summaries of the marketplace (the supplier's `account`), paginated by
//   nextToken: each seller SKU is one product of one variant whose stock is its fulfillable
//   quantity (Amazon gives no cost here);
// - orders: createFulfillmentOrder with our external id as sellerFulfillmentOrderId (Amazon
//   refuses a second order with the same id, and getFulfillmentOrder finds the first), status and
//   packages (carrier, tracking) from getFulfillmentOrder, cancelFulfillmentOrder.
// Published limits: 2 requests a second (burst 2 to 30) per operation; the x-amzn-RateLimit-Limit
// header slows the client further.
struct AmazonSettings {
  std::string api_base = "https://sellingpartnerapi-na.amazon.com";
  std::string lwa_endpoint = "https://api.amazon.com/auth/o2/token";
  std::string client_id{};
  std::string client_secret{};
  std::string refresh_token{};
  std::string marketplace_id{};
  std::string currency = "CAD";
};

ApiPolicy amazon_policy();
std::unique_ptr<Connector> make_amazon(AmazonSettings settings, ApiCallSink sink);

// MCF's fulfillmentOrderStatus (and whether a shipment left) → ours (pure, for the unit tests).
RemoteState amazon_state(std::string_view status, bool shipped);
// Reads an inventory summaries page (pure, for the unit tests).
std::expected<ProductPage, ConnectorError> parse_amazon_inventory(std::string_view body,
                                                                  std::string_view currency);

}  // namespace comptoir::suppliers
