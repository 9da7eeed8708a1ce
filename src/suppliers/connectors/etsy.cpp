#include "suppliers/connectors/etsy.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/oauth_token.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
using namespace json_reading;
using Kind = ConnectorError::Kind;
constexpr std::string_view kPlatform = "Etsy";
constexpr int kPageSize = 100;  // Etsy's maximum `limit`

std::unexpected<ConnectorError> error(Kind kind, std::string message) {
  return std::unexpected(ConnectorError{.kind = kind, .message = std::move(message)});
}

// Etsy's Money: {"amount": 1850, "divisor": 100, "currency_code": "CAD"} → 1850 minor units.
std::optional<std::int64_t> money(const json::object* price) {
  if (price == nullptr) return std::nullopt;
  auto amount = integer(*price, "amount");
  auto divisor = integer(*price, "divisor").value_or(100);
  if (!amount || *amount < 0 || divisor <= 0) return std::nullopt;
  return *amount * 100 / divisor;
}

class Etsy final : public CatalogOnlyConnector {
 public:
  Etsy(EtsySettings settings, ApiCallSink sink, SessionSink save_session)
      : CatalogOnlyConnector(
            "orders to an Etsy supplier go by mail to its contact (the generic workflow)"),
        settings_(std::move(settings)),
        save_session_(std::move(save_session)),
        endpoint_("etsy-oauth", settings_.token_endpoint, etsy_policy(),
                  credential_key(settings_.keystring + "/oauth"), sink,
                  {settings_.refresh_token, settings_.shared_secret}),
        api_("etsy", settings_.api_base, etsy_policy(), credential_key(settings_.keystring),
             std::move(sink), {settings_.refresh_token, settings_.shared_secret}),
        token_(
            endpoint_, api_, "Etsy",
            [this] {
              return RefreshedToken::Grant{
                  .form = fmt::format("grant_type=refresh_token&client_id={}&refresh_token={}",
                                      url_encode(settings_.keystring),
                                      url_encode(settings_.refresh_token))};
            },
            [this](const json::object& answer) { keep_refresh_token(answer); }) {}

  std::expected<std::string, ConnectorError> test() override {
    auto page = list_products("");
    if (!page) return std::unexpected(page.error());
    return fmt::format("Etsy shop {}: {} active listings", settings_.shop_id,
                       page->total >= 0 ? page->total : std::int64_t{0});
  }

  std::expected<ProductPage, ConnectorError> list_products(std::string_view cursor) override {
    if (auto ready = configured(); !ready) return std::unexpected(ready.error());
    auto start = offset_cursor(cursor);
    if (!start) return error(Kind::malformed, fmt::format("not an Etsy offset: {}", cursor));
    auto offset = *start;
    auto response =
        call(fmt::format("/v3/application/shops/{}/listings?state=active&limit={}&offset={}"
                         "&includes=Inventory",
                         url_encode(settings_.shop_id), kPageSize, offset));
    if (!response) return std::unexpected(response.error());
    return parse_etsy_listings(response->body, offset);
  }

 private:
  std::expected<void, ConnectorError> configured() const {
    if (settings_.keystring.empty() || settings_.refresh_token.empty())
      return error(Kind::misconfigured,
                   "no Etsy app key or refresh token: set the supplier's credentials "
                   "({\"keystring\", \"shared_secret\", \"refresh_token\"})");
    if (settings_.shop_id.empty())
      return error(Kind::misconfigured, "no Etsy shop id: set the supplier's account");
    return {};
  }

  // Etsy rotates refresh tokens: the new one replaces the old here and in the sealed session.
  void keep_refresh_token(const json::object& answer) {
    auto next = text(answer, "refresh_token");
    if (next.empty() || next == settings_.refresh_token) return;
    settings_.refresh_token = next;
    endpoint_.add_secret(next);
    api_.add_secret(next);
    if (save_session_) save_session_(json::object{{"refresh_token", next}});
  }

  std::string api_key() const {
    return settings_.shared_secret.empty()
               ? settings_.keystring
               : fmt::format("{}:{}", settings_.keystring, settings_.shared_secret);
  }

  // One call with the app key and the access token; a 401 gets a new token and one more try.
  std::expected<ApiResponse, ConnectorError> call(std::string path) {
    return send_with_token(
        api_, token_,
        {.method = "GET", .path = std::move(path), .headers = {"x-api-key: " + api_key()}},
        "Authorization: Bearer ", 401, kPlatform);
  }

  EtsySettings settings_;
  SessionSink save_session_;
  ApiClient endpoint_;
  ApiClient api_;
  RefreshedToken token_;
};

}  // namespace

ApiPolicy etsy_policy() {
  ApiPolicy policy;
  policy.requests_per_second = 10;
  policy.burst = 10;
  return policy;
}

std::unique_ptr<Connector> make_etsy(EtsySettings settings, ApiCallSink sink,
                                     SessionSink save_session) {
  return std::make_unique<Etsy>(std::move(settings), std::move(sink), std::move(save_session));
}

std::expected<ProductPage, ConnectorError> parse_etsy_listings(std::string_view body,
                                                               std::int64_t offset) {
  boost::system::error_code ec;
  auto document = json::parse(body, ec);
  const auto* envelope = !ec && document.is_object() ? &document.as_object() : nullptr;
  const auto* results = envelope ? array(*envelope, "results") : nullptr;
  if (results == nullptr) return error(Kind::malformed, "Etsy's listings page has no results");
  ProductPage page;
  page.total = integer(*envelope, "count").value_or(-1);
  for (const auto& entry : *results) {
    RemoteProduct product;
    if (!entry.is_object()) {
      product.error = "a listing that is not an object";
      page.products.push_back(std::move(product));
      continue;
    }
    auto listing = entry.as_object();
    product.external_id = text(listing, "listing_id");
    product.title = text(listing, "title");
    const auto* inventory = object(listing, "inventory");
    const auto* products = inventory ? array(*inventory, "products") : nullptr;
    if (product.external_id.empty() || products == nullptr) {
      product.error = product.external_id.empty() ? "a listing without a listing_id"
                                                  : "a listing without its inventory";
      page.products.push_back(std::move(product));
      continue;
    }
    for (const auto& item : *products) {
      if (!item.is_object() || flag(item.as_object(), "is_deleted", false)) continue;
      const auto& p = item.as_object();
      RemoteVariant variant{.external_id = text(p, "product_id"),
                            .sku = text(p, "sku"),
                            .title = product.title,
                            .raw = json::serialize(p)};
      int stock = 0;
      bool enabled = false;
      if (const auto* offerings = array(p, "offerings")) {
        for (const auto& offer : *offerings) {
          if (!offer.is_object()) continue;
          const auto& o = offer.as_object();
          if (flag(o, "is_deleted", false) || !flag(o, "is_enabled", true)) continue;
          enabled = true;
          stock += static_cast<int>(std::max<std::int64_t>(0, integer(o, "quantity").value_or(0)));
          const auto* price = object(o, "price");
          if (!variant.cost) variant.cost = money(price);
          if (variant.currency.empty() && price) variant.currency = text(*price, "currency_code");
        }
      }
      variant.stock = stock;
      variant.available = enabled && stock > 0;
      if (variant.external_id.empty()) {
        product.error = "an inventory product without a product_id";
        break;
      }
      product.variants.push_back(std::move(variant));
    }
    listing.erase("inventory");
    product.raw = json::serialize(listing);
    page.products.push_back(std::move(product));
  }
  auto next = offset + static_cast<std::int64_t>(results->size());
  if (!results->empty() && page.total >= 0 && next < page.total) page.next = std::to_string(next);
  return page;
}

}  // namespace comptoir::suppliers
