#pragma once

#include <memory>
#include <string>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

// Printify's REST API v1 (https://developers.printify.com/): a personal access token as a
// bearer token, the supplier's `account` is the Printify shop id. Catalog: the shop's products
// and their variants with costs (print on demand: no stock count). Orders: created with our
// external_id, then sent to production; status and shipments read back.
// Published limit: 600 requests per minute per token (10/s).
struct PrintifySettings {
  std::string api_base = "https://api.printify.com";
  std::string token{};
  std::string shop_id{};  // may be "" until test() finds the only shop
  std::string currency = "USD";
  int page_size = 100;  // products per page, Printify's maximum
};

ApiPolicy printify_policy();
std::unique_ptr<Connector> make_printify(PrintifySettings settings, ApiCallSink sink);

// Printify's order status → ours (pure, for the unit tests).
RemoteState printify_state(std::string_view status, bool has_shipment, bool delivered);
// Reads a products.json page (pure, for the unit tests): each product, a broken entry kept with
// its error, and the next page's cursor.
std::expected<ProductPage, ConnectorError> parse_printify_products(std::string_view body,
                                                                   std::string_view currency);

}  // namespace comptoir::suppliers
