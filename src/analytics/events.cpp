#include "analytics/events.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

namespace comptoir::analytics {
namespace {

namespace json = boost::json;

// A JSON string literal of `text`, escaped.
std::string json_string(std::string_view text) {
  return json::serialize(json::string(text));
}

// An exact decimal number in major units: 1234 CAD → 12.34 (a JSON number, written as text so no
// binary fraction ever rounds it).
std::string money(std::int64_t minor, std::string_view currency) {
  return core::major_units(minor, currency);
}

std::int64_t int_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_int64() ? value->as_int64() : 0;
}

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string{};
}

std::string ga4_items(const Event& event) {
  std::string out = "[";
  for (std::size_t i = 0; i < event.items.size(); ++i) {
    const auto& item = event.items[i];
    out += fmt::format("{}{{\"item_id\":{},\"item_name\":{},", i ? "," : "", json_string(item.id),
                       json_string(item.name));
    if (!item.variant.empty())
      out += fmt::format("\"item_variant\":{},", json_string(item.variant));
    out += fmt::format("\"price\":{},\"quantity\":{}}}", money(item.price, event.currency),
                       item.quantity);
  }
  return out + "]";
}

Event base_event(EventKind kind, const orders::Order& order, std::string client_id,
                 std::string url) {
  Event event;
  event.kind = kind;
  event.transaction_id = order.number;
  event.currency = order.currency;
  event.client_id = std::move(client_id);
  event.url = std::move(url);
  return event;
}

}  // namespace

std::string_view name(EventKind kind) {
  return kind == EventKind::purchase ? "purchase" : "refund";
}

std::optional<EventKind> parse_kind(std::string_view text) {
  if (text == "purchase") return EventKind::purchase;
  if (text == "refund") return EventKind::refund;
  return std::nullopt;
}

std::string to_json(const Event& event) {
  json::array items;
  for (const auto& item : event.items)
    items.push_back(json::object{{"id", item.id},
                                 {"name", item.name},
                                 {"variant", item.variant},
                                 {"price", item.price},
                                 {"quantity", item.quantity}});
  return json::serialize(json::object{{"kind", name(event.kind)},
                                      {"transaction_id", event.transaction_id},
                                      {"currency", event.currency},
                                      {"value", event.value},
                                      {"tax", event.tax},
                                      {"shipping", event.shipping},
                                      {"items", std::move(items)},
                                      {"client_id", event.client_id},
                                      {"url", event.url}});
}

std::optional<Event> event_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const auto& object = parsed.get_object();
  auto kind = parse_kind(text_of(object, "kind"));
  if (!kind) return std::nullopt;
  Event event;
  event.kind = *kind;
  event.transaction_id = text_of(object, "transaction_id");
  event.currency = text_of(object, "currency");
  event.value = int_of(object, "value");
  event.tax = int_of(object, "tax");
  event.shipping = int_of(object, "shipping");
  event.client_id = text_of(object, "client_id");
  event.url = text_of(object, "url");
  if (const auto* items = object.if_contains("items"); items && items->is_array()) {
    for (const auto& each : items->get_array()) {
      if (!each.is_object()) return std::nullopt;
      const auto& item = each.get_object();
      event.items.push_back({.id = text_of(item, "id"),
                             .name = text_of(item, "name"),
                             .variant = text_of(item, "variant"),
                             .price = int_of(item, "price"),
                             .quantity = static_cast<int>(int_of(item, "quantity"))});
    }
  }
  if (event.transaction_id.empty() || event.currency.size() != 3) return std::nullopt;
  return event;
}

Event purchase_event(const orders::Order& order, std::string client_id, std::string url) {
  auto event = base_event(EventKind::purchase, order, std::move(client_id), std::move(url));
  event.value = order.totals.total;
  event.tax = order.totals.tax;
  event.shipping = order.totals.shipping;
  for (const auto& line : order.lines) {
    std::string id = line.sku;
    if (id.empty() && line.variant_id) id = fmt::format("variant-{}", *line.variant_id);
    event.items.push_back({.id = std::move(id),
                           .name = line.name,
                           .variant = line.variant_label,
                           .price = line.unit_price,
                           .quantity = line.quantity});
  }
  return event;
}

Event refund_event(const orders::Order& order, std::int64_t amount, std::string client_id,
                   std::string url) {
  auto event = base_event(EventKind::refund, order, std::move(client_id), std::move(url));
  event.value = amount;
  return event;
}

std::string ga4_body(const Event& event) {
  std::string params =
      fmt::format("\"currency\":{},\"transaction_id\":{},\"value\":{}", json_string(event.currency),
                  json_string(event.transaction_id), money(event.value, event.currency));
  if (event.kind == EventKind::purchase)
    params +=
        fmt::format(",\"tax\":{},\"shipping\":{},\"items\":{}", money(event.tax, event.currency),
                    money(event.shipping, event.currency), ga4_items(event));
  // The visitor allowed measurement, not advertising: GA4 must not use these for ads.
  return fmt::format(
      "{{\"client_id\":{},\"consent\":{{\"ad_user_data\":\"DENIED\",\"ad_personalization\":"
      "\"DENIED\"}},\"events\":[{{\"name\":{},\"params\":{{{}}}}}]}}",
      json_string(event.client_id), json_string(name(event.kind)), params);
}

std::string plausible_body(const Event& event, std::string_view domain) {
  auto amount = money(event.value, event.currency);
  if (event.kind == EventKind::purchase) {
    int units = 0;
    for (const auto& item : event.items) units += item.quantity;
    return fmt::format(
        "{{\"name\":\"Purchase\",\"url\":{},\"domain\":{},\"props\":{{\"order\":{},\"items\":"
        "\"{}\"}},\"revenue\":{{\"currency\":{},\"amount\":{}}}}}",
        json_string(event.url), json_string(domain), json_string(event.transaction_id), units,
        json_string(event.currency), amount);
  }
  // Plausible's revenue is never negative: a refund is a custom event with its amount as a prop.
  return fmt::format(
      "{{\"name\":\"Refund\",\"url\":{},\"domain\":{},\"props\":{{\"order\":{},\"amount\":\"{}\","
      "\"currency\":{}}}}}",
      json_string(event.url), json_string(domain), json_string(event.transaction_id), amount,
      json_string(event.currency));
}

}  // namespace comptoir::analytics
