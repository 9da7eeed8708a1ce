#include "suppliers/connectors/amazon.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>

#include "core/text.hpp"
#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/oauth_token.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
using namespace json_reading;
using Kind = ConnectorError::Kind;
constexpr std::string_view kPlatform = "Amazon";
constexpr std::string_view kOrders = "/fba/outbound/2020-07-01/fulfillmentOrders";

std::unexpected<ConnectorError> error(Kind kind, std::string message) {
  return std::unexpected(ConnectorError{.kind = kind, .message = std::move(message)});
}

std::string utc_now() {
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

// The payload of getFulfillmentOrder.
RemoteOrder read_order(const json::object& payload, std::string_view currency) {
  RemoteOrder order;
  order.currency = std::string(currency);
  const auto* head = object(payload, "fulfillmentOrder");
  if (head) {
    order.external_id = text(*head, "sellerFulfillmentOrderId");
    order.number = order.external_id;  // Amazon knows the order by our id
  }
  bool shipped = false;
  if (const auto* shipments = array(payload, "fulfillmentShipments")) {
    for (const auto& shipment : *shipments) {
      if (!shipment.is_object()) continue;
      const auto& s = shipment.as_object();
      if (core::lower_ascii(text(s, "fulfillmentShipmentStatus")) != "shipped") continue;
      shipped = true;
      if (const auto* packages = array(s, "fulfillmentShipmentPackage");
          packages && !packages->empty() && packages->back().is_object()) {
        order.carrier = text(packages->back().as_object(), "carrierCode");
        order.tracking_number = text(packages->back().as_object(), "trackingNumber");
      }
    }
  }
  order.state = amazon_state(head ? text(*head, "fulfillmentOrderStatus") : "", shipped);
  return order;
}

class Amazon final : public Connector {
 public:
  Amazon(AmazonSettings settings, ApiCallSink sink)
      : settings_(std::move(settings)),
        lwa_("amazon-lwa", settings_.lwa_endpoint, amazon_policy(),
             credential_key(settings_.refresh_token + "/lwa"), sink,
             {settings_.refresh_token, settings_.client_secret}),
        api_("amazon", settings_.api_base, amazon_policy(), credential_key(settings_.refresh_token),
             std::move(sink), {settings_.refresh_token, settings_.client_secret}),
        token_(lwa_, api_, "Login with Amazon", [this] {
          return RefreshedToken::Grant{
              .form = fmt::format(
                  "grant_type=refresh_token&refresh_token={}&client_id={}&client_secret={}",
                  url_encode(settings_.refresh_token), url_encode(settings_.client_id),
                  url_encode(settings_.client_secret))};
        }) {}

  std::expected<std::string, ConnectorError> test() override {
    auto page = list_products("");
    if (!page) return std::unexpected(page.error());
    return fmt::format("Amazon marketplace {}: {} FBA items on the first page",
                       settings_.marketplace_id, page->products.size());
  }

  std::expected<ProductPage, ConnectorError> list_products(std::string_view cursor) override {
    if (auto ready = configured(); !ready) return std::unexpected(ready.error());
    const auto& m = settings_.marketplace_id;
    auto path = fmt::format(
        "/fba/inventory/v1/summaries?details=true&granularityType=Marketplace&granularityId={}"
        "&marketplaceIds={}",
        url_encode(m), url_encode(m));
    if (!cursor.empty()) path += "&nextToken=" + url_encode(cursor);
    auto response = call("GET", path);
    if (!response) return std::unexpected(response.error());
    return parse_amazon_inventory(response->body, settings_.currency);
  }

  std::expected<RemoteOrder, ConnectorError> create_order(const OrderRequest& r) override {
    if (auto ready = configured(); !ready) return std::unexpected(ready.error());
    if (r.maybe_sent) {
      auto found = find_order(r.external_id);
      if (!found) return std::unexpected(found.error());
      if (*found) return **found;
    }
    json::array items;
    int k = 0;
    for (const auto& item : r.items)
      items.push_back({{"sellerSku", item.sku.empty() ? item.variant_external_id : item.sku},
                       {"sellerFulfillmentOrderItemId", fmt::format("{}-{}", r.external_id, ++k)},
                       {"quantity", item.quantity}});
    const auto& a = r.address;
    json::object address{{"name", fmt::format("{} {}", a.first_name, a.last_name)},
                         {"addressLine1", a.line1},
                         {"city", a.city},
                         {"stateOrRegion", a.region},
                         {"postalCode", a.postal_code},
                         {"countryCode", a.country}};
    if (!a.line2.empty()) address["addressLine2"] = a.line2;
    if (!a.phone.empty()) address["phone"] = a.phone;
    json::object body{{"marketplaceId", settings_.marketplace_id},
                      {"sellerFulfillmentOrderId", r.external_id},
                      {"displayableOrderId", r.label.empty() ? r.external_id : r.label},
                      {"displayableOrderDate", utc_now()},
                      {"displayableOrderComment", fmt::format("Order {}", r.label)},
                      {"shippingSpeedCategory", "Standard"},
                      {"destinationAddress", std::move(address)},
                      {"items", std::move(items)}};
    auto made = call("POST", std::string(kOrders), json::serialize(body), /*idempotent=*/false);
    if (!made) {
      // No answer, a 5xx, or "already exists": the order may be there; look before failing.
      bool may_exist = made.error().kind == Kind::unavailable ||
                       (made.error().kind == Kind::rejected &&
                        made.error().message.find("already") != std::string::npos);
      if (!may_exist) return std::unexpected(made.error());
      auto found = find_order(r.external_id);
      if (found && *found) return **found;
      return std::unexpected(made.error());
    }
    auto order = order_status(r.external_id);
    if (!order) return order;
    return order;
  }

  std::expected<std::optional<RemoteOrder>, ConnectorError> find_order(
      std::string_view external_id) override {
    if (auto ready = configured(); !ready) return std::unexpected(ready.error());
    auto response = call("GET", fmt::format("{}/{}", kOrders, url_encode(external_id)));
    if (!response && response.error().status == 404) return std::optional<RemoteOrder>{};
    if (!response) return std::unexpected(response.error());
    auto order = parse(*response);
    if (!order) return std::unexpected(order.error());
    return std::optional<RemoteOrder>{*order};
  }

  std::expected<RemoteOrder, ConnectorError> order_status(std::string_view number) override {
    if (auto ready = configured(); !ready) return std::unexpected(ready.error());
    auto response = call("GET", fmt::format("{}/{}", kOrders, url_encode(number)));
    if (!response) return std::unexpected(response.error());
    return parse(*response);
  }

  std::expected<void, ConnectorError> cancel_order(std::string_view number) override {
    if (auto ready = configured(); !ready) return std::unexpected(ready.error());
    auto response = call("PUT", fmt::format("{}/{}/cancel", kOrders, url_encode(number)));
    if (!response) return std::unexpected(response.error());
    return {};
  }

 private:
  std::expected<RemoteOrder, ConnectorError> parse(const ApiResponse& response) const {
    auto body = parse_body(response, kPlatform);
    if (!body) return std::unexpected(body.error());
    const auto* payload = body->is_object() ? object(body->as_object(), "payload") : nullptr;
    if (payload == nullptr || object(*payload, "fulfillmentOrder") == nullptr)
      return error(Kind::malformed, "Amazon's fulfillment order has no payload.fulfillmentOrder");
    return read_order(*payload, settings_.currency);
  }

  std::expected<void, ConnectorError> configured() const {
    if (settings_.refresh_token.empty() || settings_.client_id.empty() ||
        settings_.client_secret.empty())
      return error(Kind::misconfigured,
                   "no Login with Amazon credentials: set the supplier's credentials "
                   "({\"client_id\", \"client_secret\", \"refresh_token\"})");
    if (settings_.marketplace_id.empty())
      return error(Kind::misconfigured,
                   "no marketplace: set the supplier's account (A2EUQ1WTGCTBG2 for Canada)");
    return {};
  }

  // One SP-API call with the access token; a 403 gets a fresh token and one more try.
  std::expected<ApiResponse, ConnectorError> call(std::string method, std::string path,
                                                  std::string body = {}, bool idempotent = true) {
    return send_with_token(api_, token_,
                           {.method = std::move(method),
                            .path = std::move(path),
                            .body = std::move(body),
                            .idempotent = idempotent},
                           "x-amz-access-token: ", 403, kPlatform);
  }

  AmazonSettings settings_;
  ApiClient lwa_;
  ApiClient api_;
  RefreshedToken token_;
};

}  // namespace

ApiPolicy amazon_policy() {
  ApiPolicy policy;
  policy.requests_per_second = 2;  // every operation this connector uses: 2/s
  policy.burst = 2;
  return policy;
}

std::unique_ptr<Connector> make_amazon(AmazonSettings settings, ApiCallSink sink) {
  return std::make_unique<Amazon>(std::move(settings), std::move(sink));
}

RemoteState amazon_state(std::string_view status, bool shipped) {
  // The reference's enum is "Received", its examples say "RECEIVED": either is read.
  auto s = core::lower_ascii(status);
  if (s == "cancelled") return RemoteState::cancelled;
  if (s == "invalid" || s == "unfulfillable") return RemoteState::failed;
  if (shipped || s == "complete" || s == "completepartialled") return RemoteState::shipped;
  if (s == "processing") return RemoteState::in_production;
  if (s == "received" || s == "planning") return RemoteState::confirmed;
  return RemoteState::waiting;
}

std::expected<ProductPage, ConnectorError> parse_amazon_inventory(std::string_view body,
                                                                  std::string_view currency) {
  boost::system::error_code ec;
  auto document = json::parse(body, ec);
  const auto* envelope = !ec && document.is_object() ? &document.as_object() : nullptr;
  const auto* payload = envelope ? object(*envelope, "payload") : nullptr;
  const auto* summaries = payload ? array(*payload, "inventorySummaries") : nullptr;
  if (summaries == nullptr)
    return error(Kind::malformed, "Amazon's inventory page has no payload.inventorySummaries");
  ProductPage page;
  for (const auto& entry : *summaries) {
    RemoteProduct product;
    if (!entry.is_object()) {
      product.error = "an inventory summary that is not an object";
      page.products.push_back(std::move(product));
      continue;
    }
    const auto& s = entry.as_object();
    auto sku = text(s, "sellerSku");
    product.external_id = sku;
    product.title = text(s, "productName");
    product.raw = json::serialize(s);
    if (sku.empty()) {
      product.error = "an inventory summary without a sellerSku";
      page.products.push_back(std::move(product));
      continue;
    }
    int stock = 0;
    if (const auto* details = object(s, "inventoryDetails"))
      stock = static_cast<int>(
          std::max<std::int64_t>(0, integer(*details, "fulfillableQuantity").value_or(0)));
    product.variants.push_back({.external_id = sku,
                                .sku = sku,
                                .title = product.title,
                                .currency = std::string(currency),
                                .stock = stock,
                                .available = stock > 0,
                                .raw = product.raw});
    page.products.push_back(std::move(product));
  }
  if (const auto* pagination = object(*envelope, "pagination"))
    page.next = text(*pagination, "nextToken");
  return page;
}

}  // namespace comptoir::suppliers
