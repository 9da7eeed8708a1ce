#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

// eBay's Sell Inventory API for a seller who supplies the shop from its eBay stock
// (docs/suppliers.md, "eBay"): the catalog only. Inventory items 100 a page (SKU, title, EAN or
// UPC as the GTIN, the quantity it can ship), each item's offer in the supplier's marketplace for
// its price (the shop's cost). Auth: a User access token got from the seller's refresh token
// (POST /identity/v1/oauth2/token, Basic client id and secret, scope sell.inventory.readonly);
// a 401 asks for a new one once. Orders to an eBay supplier go by mail to its contact (the
// generic workflow).
struct EbaySettings {
  std::string api_base = "https://api.ebay.com";
  std::string client_id{};
  std::string client_secret{};
  std::string refresh_token{};
  std::string marketplace_id{};  // EBAY_CA, EBAY_FR, EBAY_US…
  std::string currency = "CAD";
};

ApiPolicy ebay_policy();
std::unique_ptr<Connector> make_ebay(EbaySettings settings, ApiCallSink sink);

}  // namespace comptoir::suppliers
