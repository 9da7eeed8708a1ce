#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analytics_settings.hpp"
#include "orders/order.hpp"

// The events the server reports itself (a purchase when an order is paid, a refund when money
// goes back), provider-neutral as the outbox stores them, and the request bodies of the two
// services' server APIs: GA4's Measurement Protocol and Plausible's Events API. Money is minor
// units here and exact major units on the wire ("12.34"), never a binary fraction.
namespace comptoir::analytics {

enum class EventKind { purchase, refund };
std::string_view name(EventKind kind);
std::optional<EventKind> parse_kind(std::string_view text);

struct EventItem {
  std::string id{};  // the SKU, or "variant-<id>" when the line has none
  std::string name{};
  std::string variant{};
  std::int64_t price = 0;  // unit price, minor units
  int quantity = 0;
};

struct Event {
  EventKind kind = EventKind::purchase;
  std::string transaction_id{};  // the order's number
  std::string currency{};        // ISO 4217
  std::int64_t value = 0;        // purchase: the order's total; refund: this refund's amount
  std::int64_t tax = 0;
  std::int64_t shipping = 0;
  std::vector<EventItem> items{};  // a purchase's lines; none for a refund
  std::string client_id{};         // GA4's, from the visitor's _ga cookie at checkout
  std::string url{};               // the page it is reported on (Plausible needs one)
};

// The outbox's stored form, and back (nullopt for a row it cannot read).
std::string to_json(const Event& event);
std::optional<Event> event_from_json(std::string_view text);

// A purchase from the order as it was paid; a refund of `amount` of it. `url`: where Plausible
// files them (the checkout page in the order's language).
Event purchase_event(const orders::Order& order, std::string client_id, std::string url);
Event refund_event(const orders::Order& order, std::int64_t amount, std::string client_id,
                   std::string url);

// POST /mp/collect?measurement_id=…&api_secret=… body: {"client_id", "consent", "events": [{name,
// params}]}, with items for a purchase.
std::string ga4_body(const Event& event);
// POST /api/event body: {"name": "Purchase" | "Refund", "url", "domain", "props"}, and "revenue"
// for a purchase.
std::string plausible_body(const Event& event, std::string_view domain);

}  // namespace comptoir::analytics
