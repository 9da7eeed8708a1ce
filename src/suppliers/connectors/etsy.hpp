#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

// Etsy's Open API v3 for a maker who sells to the shop through its Etsy shop (docs/suppliers.md,
// "Etsy"): the catalog only. Its active listings, 100 a page with their inventory
// (`includes=Inventory`): each listing is a product, each of its inventory products a variant
// with its SKU, price (the shop's cost) and quantity. Auth: the app's `x-api-key` and an OAuth 2
// access token got from a refresh token (the app's PKCE consent gives the first); Etsy hands out
// a new refresh token with each access token, which the engine keeps sealed (the session). Orders
// to an Etsy supplier go by mail to its contact (the generic dropshipper's workflow): the order
// calls answer `unsupported`. Published limits: 10 requests a second, 10 000 a day, read from the
// x-limit-per-second and x-remaining-* headers.
struct EtsySettings {
  std::string api_base = "https://openapi.etsy.com";
  std::string token_endpoint = "https://api.etsy.com/v3/public/oauth/token";
  std::string keystring{};
  std::string shared_secret{};
  std::string refresh_token{};  // the newest: the session's, else the credentials'
  std::string shop_id{};
  std::string currency = "CAD";
};

ApiPolicy etsy_policy();
std::unique_ptr<Connector> make_etsy(EtsySettings settings, ApiCallSink sink,
                                     SessionSink save_session);

// Reads a page of getListingsByShop with includes=Inventory (pure, for the unit tests).
std::expected<ProductPage, ConnectorError> parse_etsy_listings(std::string_view body,
                                                               std::int64_t offset);

}  // namespace comptoir::suppliers
