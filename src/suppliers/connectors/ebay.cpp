#include "suppliers/connectors/ebay.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/oauth_token.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
using namespace json_reading;
using Kind = ConnectorError::Kind;
constexpr std::string_view kPlatform = "eBay";
constexpr int kPageSize = 100;
constexpr std::string_view kScope = "https://api.ebay.com/oauth/api_scope/sell.inventory.readonly";

std::unexpected<ConnectorError> error(Kind kind, std::string message) {
  return std::unexpected(ConnectorError{.kind = kind, .message = std::move(message)});
}

std::string base64(std::string_view text) {
  std::string out(sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

class Ebay final : public CatalogOnlyConnector {
 public:
  Ebay(EbaySettings settings, ApiCallSink sink)
      : CatalogOnlyConnector(
            "orders to an eBay supplier go by mail to its contact (the generic workflow)"),
        settings_(std::move(settings)),
        endpoint_("ebay-oauth", settings_.api_base + "/identity/v1/oauth2/token", ebay_policy(),
                  credential_key(settings_.refresh_token + "/oauth"), sink,
                  {settings_.refresh_token, settings_.client_secret}),
        api_("ebay", settings_.api_base, ebay_policy(), credential_key(settings_.refresh_token),
             std::move(sink), {settings_.refresh_token, settings_.client_secret}),
        token_(endpoint_, api_, "eBay", [this] {
          return RefreshedToken::Grant{
              .form = fmt::format("grant_type=refresh_token&refresh_token={}&scope={}",
                                  url_encode(settings_.refresh_token), url_encode(kScope)),
              .headers = {"Authorization: Basic " +
                          base64(settings_.client_id + ":" + settings_.client_secret)}};
        }) {}

  std::expected<std::string, ConnectorError> test() override {
    auto page = list_products("");
    if (!page) return std::unexpected(page.error());
    return fmt::format("eBay {}: {} inventory items", settings_.marketplace_id,
                       page->total >= 0 ? page->total : std::int64_t{0});
  }

  std::expected<ProductPage, ConnectorError> list_products(std::string_view cursor) override {
    if (auto ready = configured(); !ready) return std::unexpected(ready.error());
    auto start = offset_cursor(cursor);
    if (!start) return error(Kind::malformed, fmt::format("not an eBay offset: {}", cursor));
    auto offset = *start;
    auto response = call(
        fmt::format("/sell/inventory/v1/inventory_item?limit={}&offset={}", kPageSize, offset));
    if (!response) return std::unexpected(response.error());
    boost::system::error_code ec;
    auto document = json::parse(response->body, ec);
    const auto* envelope = !ec && document.is_object() ? &document.as_object() : nullptr;
    if (envelope == nullptr)
      return error(Kind::malformed, "eBay's inventory page is not a JSON object");
    const auto* items = array(*envelope, "inventoryItems");
    ProductPage page;
    page.total = integer(*envelope, "total").value_or(-1);
    if (items != nullptr)
      for (const auto& entry : *items) {
        auto product = read_item(entry);
        if (!product) return std::unexpected(product.error());
        page.products.push_back(std::move(*product));
      }
    if (items != nullptr && !items->empty() && envelope->contains("next"))
      page.next = std::to_string(offset + static_cast<std::int64_t>(items->size()));
    return page;
  }

 private:
  std::expected<void, ConnectorError> configured() const {
    if (settings_.client_id.empty() || settings_.client_secret.empty() ||
        settings_.refresh_token.empty())
      return error(Kind::misconfigured,
                   "no eBay keys or refresh token: set the supplier's credentials "
                   "({\"client_id\", \"client_secret\", \"refresh_token\"})");
    if (settings_.marketplace_id.empty())
      return error(Kind::misconfigured,
                   "no eBay marketplace: set the supplier's account (EBAY_CA)");
    return {};
  }

  // One inventory item as a product of one variant, priced by its offer (none: cost unknown).
  std::expected<RemoteProduct, ConnectorError> read_item(const json::value& entry) {
    RemoteProduct product;
    if (!entry.is_object()) {
      product.error = "an inventory item that is not an object";
      return product;
    }
    const auto& item = entry.as_object();
    auto sku = text(item, "sku");
    product.external_id = sku;
    product.raw = json::serialize(item);
    if (sku.empty()) {
      product.error = "an inventory item without a sku";
      return product;
    }
    RemoteVariant variant{.external_id = sku, .sku = sku, .currency = settings_.currency};
    if (const auto* p = object(item, "product")) {
      product.title = text(*p, "title");
      for (auto key : {"ean", "upc", "isbn"})
        if (const auto* codes = array(*p, key);
            variant.gtin.empty() && codes && !codes->empty() && codes->front().is_string())
          variant.gtin = std::string(codes->front().as_string());
    }
    variant.title = product.title;
    int stock = 0;
    if (const auto* availability = object(item, "availability"))
      if (const auto* ship = object(*availability, "shipToLocationAvailability"))
        stock = static_cast<int>(std::max<std::int64_t>(0, integer(*ship, "quantity").value_or(0)));
    variant.stock = stock;
    variant.available = stock > 0;
    auto offers = call(fmt::format("/sell/inventory/v1/offer?sku={}&marketplace_id={}",
                                   url_encode(sku), url_encode(settings_.marketplace_id)));
    if (!offers && offers.error().status != 404) return std::unexpected(offers.error());
    if (offers) {
      boost::system::error_code ec;
      auto document = json::parse(offers->body, ec);
      const auto* list =
          !ec && document.is_object() ? array(document.as_object(), "offers") : nullptr;
      if (list && !list->empty() && list->front().is_object()) {
        const auto* summary = object(list->front().as_object(), "pricingSummary");
        const auto* price = summary ? object(*summary, "price") : nullptr;
        if (price) {
          variant.cost = decimal_minor(price->if_contains("value"));
          if (auto currency = text(*price, "currency"); !currency.empty())
            variant.currency = currency;
        }
      }
    }
    product.variants.push_back(std::move(variant));
    return product;
  }

  // One call with the access token; a 401 gets a new token and one more try.
  std::expected<ApiResponse, ConnectorError> call(std::string path) {
    return send_with_token(api_, token_,
                           {.method = "GET",
                            .path = std::move(path),
                            .headers = {"X-EBAY-C-MARKETPLACE-ID: " + settings_.marketplace_id}},
                           "Authorization: Bearer ", 401, kPlatform);
  }

  EbaySettings settings_;
  ApiClient endpoint_;
  ApiClient api_;
  RefreshedToken token_;
};

}  // namespace

ApiPolicy ebay_policy() {
  ApiPolicy policy;
  policy.requests_per_second = 5;
  policy.burst = 5;
  return policy;
}

std::unique_ptr<Connector> make_ebay(EbaySettings settings, ApiCallSink sink) {
  return std::make_unique<Ebay>(std::move(settings), std::move(sink));
}

}  // namespace comptoir::suppliers
