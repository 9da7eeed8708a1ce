#include "suppliers/connectors/printify.hpp"

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>

#include "suppliers/connectors/json_reading.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
using namespace json_reading;
using Kind = ConnectorError::Kind;

constexpr std::string_view kPlatform = "Printify";
// How many pages of recent orders (10 each, Printify's maximum) find_order reads before
// concluding there is none.
constexpr int kOrderPagesSearched = 30;

std::unexpected<ConnectorError> error(Kind kind, std::string message) {
  return std::unexpected(ConnectorError{.kind = kind, .message = std::move(message)});
}

// An order object (GET orders/{id}.json or an entry of orders.json).
RemoteOrder read_order(const json::object& o, std::string_view fallback_currency) {
  RemoteOrder order;
  order.number = text(o, "id");
  order.external_id = text(o, "external_id");
  if (const auto* metadata = object(o, "metadata"); order.external_id.empty() && metadata)
    order.external_id = text(*metadata, "shop_order_id");
  bool has_shipment = false;
  bool delivered = false;
  if (const auto* shipments = array(o, "shipments"); shipments && !shipments->empty()) {
    const auto& last = shipments->back();
    if (last.is_object()) {
      const auto& s = last.as_object();
      order.carrier = text(s, "carrier");
      order.tracking_number = text(s, "number");
      order.tracking_url = text(s, "url");
      has_shipment = !order.tracking_number.empty() || !order.carrier.empty();
      delivered = !text(s, "delivered_at").empty();
    }
  }
  order.state = printify_state(text(o, "status"), has_shipment, delivered);
  order.items_cost = integer(o, "total_price").value_or(0);
  order.shipping_cost = integer(o, "total_shipping").value_or(0);
  order.currency = std::string(fallback_currency);
  return order;
}

class Printify final : public Connector {
 public:
  Printify(PrintifySettings settings, ApiCallSink sink)
      : settings_(std::move(settings)),
        client_("printify", settings_.api_base, printify_policy(), credential_key(settings_.token),
                std::move(sink), {settings_.token}) {}

  std::expected<std::string, ConnectorError> test() override {
    auto shops = call("GET", "/v1/shops.json");
    if (!shops) return std::unexpected(shops.error());
    if (!shops->is_array()) return error(Kind::malformed, "Printify's shops.json is not a list");
    std::vector<std::string> found;
    for (const auto& entry : shops->as_array()) {
      if (!entry.is_object()) continue;
      auto id = text(entry.as_object(), "id");
      auto title = text(entry.as_object(), "title");
      if (id == settings_.shop_id) return fmt::format("Printify shop '{}' ({})", title, id);
      found.push_back(fmt::format("'{}' ({})", title, id));
    }
    if (settings_.shop_id.empty())
      return error(Kind::misconfigured,
                   fmt::format("say which Printify shop (the supplier's account): this token "
                               "reaches {}",
                               found.empty() ? std::string("no shop")
                                             : fmt::format("{}", fmt::join(found, ", "))));
    return error(Kind::misconfigured,
                 fmt::format("this token does not reach Printify shop {}", settings_.shop_id));
  }

  std::expected<ProductPage, ConnectorError> list_products(std::string_view cursor) override {
    if (auto ready = ready_for_shop(); !ready) return std::unexpected(ready.error());
    auto page = cursor.empty() ? std::string("1") : std::string(cursor);
    auto response =
        client_.send(request("GET", fmt::format("/v1/shops/{}/products.json?page={}&limit={}",
                                                settings_.shop_id, page, settings_.page_size)));
    if (response.status < 200 || response.status >= 300)
      return std::unexpected(failure(response, kPlatform));
    return parse_printify_products(response.body, settings_.currency);
  }

  std::expected<RemoteOrder, ConnectorError> create_order(const OrderRequest& r) override {
    if (auto ready = ready_for_shop(); !ready) return std::unexpected(ready.error());
    // A first attempt whose answer was lost may have made it: never make a second one.
    std::optional<RemoteOrder> existing;
    if (r.maybe_sent) {
      auto found = find_order(r.external_id);
      if (!found) return std::unexpected(found.error());
      existing = std::move(*found);
    }
    std::string number;
    if (existing) {
      number = existing->number;
    } else {
      json::array items;
      for (const auto& item : r.items) {
        json::object line{{"quantity", item.quantity}};
        std::int64_t variant = 0;
        auto [end, parse] = std::from_chars(
            item.variant_external_id.data(),
            item.variant_external_id.data() + item.variant_external_id.size(), variant);
        if (!item.product_external_id.empty() && parse == std::errc{} &&
            end == item.variant_external_id.data() + item.variant_external_id.size()) {
          line["product_id"] = item.product_external_id;
          line["variant_id"] = variant;
        } else {
          line["sku"] = item.sku;
        }
        items.push_back(std::move(line));
      }
      const auto& a = r.address;
      json::object body{{"external_id", r.external_id},
                        {"label", r.label},
                        {"line_items", std::move(items)},
                        {"shipping_method", 1},
                        {"send_shipping_notification", false},
                        {"address_to",
                         {{"first_name", a.first_name},
                          {"last_name", a.last_name},
                          {"email", a.email},
                          {"phone", a.phone},
                          {"country", a.country},
                          {"region", a.region},
                          {"address1", a.line1},
                          {"address2", a.line2},
                          {"city", a.city},
                          {"zip", a.postal_code}}}};
      auto create = request("POST", orders_path(".json"), json::serialize(body));
      create.idempotent = false;
      auto response = client_.send(create);
      if (response.status == 0 || response.status >= 500) {
        // The order may exist although the answer was lost: look before saying it failed.
        auto again = find_order(r.external_id);
        if (again && *again) {
          number = (*again)->number;
        } else {
          return std::unexpected(failure(response, kPlatform));
        }
      } else {
        auto created = parse_body(response, kPlatform);
        if (!created) return std::unexpected(created.error());
        if (!created->is_object() || text(created->as_object(), "id").empty())
          return error(Kind::malformed, "Printify created an order without an id");
        number = text(created->as_object(), "id");
      }
    }
    auto order = order_status(number);
    if (!order) return order;
    if (order->state == RemoteState::waiting) {
      // Created but waiting: send it to production (Printify holds orders until told).
      auto sent = call("POST", orders_path(fmt::format("/{}/send_to_production.json", number)));
      if (!sent) return std::unexpected(sent.error());
      order = order_status(number);
    }
    return order;
  }

  std::expected<std::optional<RemoteOrder>, ConnectorError> find_order(
      std::string_view external_id) override {
    if (auto ready = ready_for_shop(); !ready) return std::unexpected(ready.error());
    for (int page = 1; page <= kOrderPagesSearched; ++page) {
      auto listing = call("GET", orders_path(fmt::format(".json?page={}&limit=10", page)));
      if (!listing) return std::unexpected(listing.error());
      const auto* envelope = listing->if_object();
      const auto* data = envelope ? array(*envelope, "data") : nullptr;
      if (data == nullptr) return error(Kind::malformed, "Printify's orders.json has no data list");
      for (const auto& entry : *data) {
        if (!entry.is_object()) continue;
        auto order = read_order(entry.as_object(), settings_.currency);
        if (order.external_id == external_id) return order;
      }
      auto last = integer(*envelope, "last_page").value_or(page);
      if (page >= last || data->empty()) break;
    }
    return std::optional<RemoteOrder>{};
  }

  std::expected<RemoteOrder, ConnectorError> order_status(std::string_view number) override {
    if (auto ready = ready_for_shop(); !ready) return std::unexpected(ready.error());
    auto order = call("GET", orders_path(fmt::format("/{}.json", number)));
    if (!order) return std::unexpected(order.error());
    if (!order->is_object() || text(order->as_object(), "id").empty())
      return error(Kind::malformed, "Printify's order has no id");
    return read_order(order->as_object(), settings_.currency);
  }

  // Printify's order topics, each a webhook to `url` with `secret` (X-Pfy-Signature); the
  // webhooks already pointing at `url` are deleted first, so subscribing twice leaves one set.
  std::expected<std::string, ConnectorError> subscribe(std::string_view url,
                                                       std::string_view secret) override {
    if (auto ready = ready_for_shop(); !ready) return std::unexpected(ready.error());
    auto existing = call("GET", fmt::format("/v1/shops/{}/webhooks.json", settings_.shop_id));
    if (!existing) return std::unexpected(existing.error());
    if (const auto* hooks = existing->if_array())
      for (const auto& hook : *hooks)
        if (hook.is_object() && text(hook.as_object(), "url") == url) {
          auto removed =
              call("DELETE", fmt::format("/v1/shops/{}/webhooks/{}.json", settings_.shop_id,
                                         text(hook.as_object(), "id")));
          if (!removed) return std::unexpected(removed.error());
        }
    static constexpr std::string_view kTopics[] = {"order:sent-to-production",
                                                   "order:shipment:created",
                                                   "order:shipment:delivered", "order:updated"};
    for (auto topic : kTopics) {
      json::object body{{"topic", topic}, {"url", url}, {"secret", secret}};
      auto made = call("POST", fmt::format("/v1/shops/{}/webhooks.json", settings_.shop_id),
                       json::serialize(body));
      if (!made) return std::unexpected(made.error());
    }
    return fmt::format("{} Printify order topics sent to {}", std::size(kTopics), url);
  }

  std::expected<void, ConnectorError> cancel_order(std::string_view number) override {
    if (auto ready = ready_for_shop(); !ready) return std::unexpected(ready.error());
    auto cancelled = call("POST", orders_path(fmt::format("/{}/cancel.json", number)));
    if (!cancelled) return std::unexpected(cancelled.error());
    return {};
  }

 private:
  ApiRequest request(std::string method, std::string path, std::string body = {}) const {
    return ApiRequest{.method = std::move(method),
                      .path = std::move(path),
                      .body = std::move(body),
                      .headers = {"Authorization: Bearer " + settings_.token}};
  }

  std::string orders_path(std::string_view rest) const {
    return fmt::format("/v1/shops/{}/orders{}", settings_.shop_id, rest);
  }

  std::expected<json::value, ConnectorError> call(std::string method, std::string path,
                                                  std::string body = {}) {
    auto response = client_.send(request(std::move(method), std::move(path), std::move(body)));
    return parse_body(response, kPlatform);
  }

  std::expected<void, ConnectorError> ready_for_shop() const {
    if (settings_.token.empty())
      return error(Kind::misconfigured,
                   "no Printify token: set the supplier's credentials "
                   "({\"token\": \"…\"})");
    if (settings_.shop_id.empty())
      return error(Kind::misconfigured,
                   "no Printify shop id: set the supplier's account (`suppliers test` lists them)");
    return {};
  }

  PrintifySettings settings_;
  ApiClient client_;
};

}  // namespace

ApiPolicy printify_policy() {
  ApiPolicy policy;
  policy.requests_per_second = 10;  // 600 per minute
  policy.burst = 10;
  return policy;
}

std::unique_ptr<Connector> make_printify(PrintifySettings settings, ApiCallSink sink) {
  return std::make_unique<Printify>(std::move(settings), std::move(sink));
}

RemoteState printify_state(std::string_view status, bool has_shipment, bool delivered) {
  if (status == "canceled" || status == "cancelled") return RemoteState::cancelled;
  if (delivered) return RemoteState::delivered;
  if (has_shipment || status == "fulfilled" || status == "partially-fulfilled" ||
      status == "shipped")
    return RemoteState::shipped;
  if (status == "in-production") return RemoteState::in_production;
  if (status == "sending-to-production") return RemoteState::confirmed;
  if (status == "had-issues" || status == "has-issues") return RemoteState::failed;
  // pending, on-hold, payment-not-received…: made, waiting to be sent to production.
  return RemoteState::waiting;
}

std::expected<ProductPage, ConnectorError> parse_printify_products(std::string_view body,
                                                                   std::string_view currency) {
  boost::system::error_code ec;
  auto document = json::parse(body, ec);
  if (ec || !document.is_object())
    return error(Kind::malformed, "Printify's products page is not a JSON object");
  const auto& envelope = document.as_object();
  const auto* data = array(envelope, "data");
  if (data == nullptr) return error(Kind::malformed, "Printify's products page has no data list");
  ProductPage page;
  page.total = integer(envelope, "total").value_or(-1);
  auto current = integer(envelope, "current_page");
  auto last = integer(envelope, "last_page");
  if (!current || !last)
    return error(Kind::malformed, "Printify's products page has no current_page or last_page");
  if (*current < *last) page.next = std::to_string(*current + 1);
  page.products.reserve(data->size());
  for (const auto& entry : *data) {
    RemoteProduct product;
    if (!entry.is_object()) {
      product.error = "an entry of the products list is not an object";
      page.products.push_back(std::move(product));
      continue;
    }
    const auto& o = entry.as_object();
    product.external_id = text(o, "id");
    product.title = text(o, "title");
    if (product.external_id.empty()) {
      product.error = "a product without an id";
      page.products.push_back(std::move(product));
      continue;
    }
    json::object kept = o;
    kept.erase("variants");
    kept.erase("images");
    kept.erase("print_areas");
    kept.erase("description");
    product.raw = json::serialize(kept);
    const auto* variants = array(o, "variants");
    if (variants == nullptr) {
      product.error = "no variants list";
      page.products.push_back(std::move(product));
      continue;
    }
    for (const auto& item : *variants) {
      if (!item.is_object()) {
        product.error = "a variant is not an object";
        break;
      }
      const auto& v = item.as_object();
      RemoteVariant variant;
      variant.external_id = text(v, "id");
      if (variant.external_id.empty()) {
        product.error = "a variant without an id";
        break;
      }
      variant.sku = text(v, "sku");
      variant.title = text(v, "title");
      variant.cost = integer(v, "cost");
      if (variant.cost && *variant.cost < 0) variant.cost.reset();
      variant.suggested_price = integer(v, "price");
      if (variant.suggested_price && *variant.suggested_price < 0) variant.suggested_price.reset();
      variant.currency = std::string(currency);
      if (auto quantity = integer(v, "quantity");
          quantity && *quantity >= 0 && *quantity < 1'000'000'000)
        variant.stock = static_cast<int>(*quantity);
      variant.available = flag(v, "is_enabled", true) && flag(v, "is_available", true);
      variant.raw = json::serialize(v);
      product.variants.push_back(std::move(variant));
    }
    if (!product.error.empty()) product.variants.clear();
    page.products.push_back(std::move(product));
  }
  return page;
}

}  // namespace comptoir::suppliers
