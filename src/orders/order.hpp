#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cart/totals.hpp"
#include "core/locale.hpp"

// Orders and the rules of their life: what a number looks like and which changes of state are
// allowed. Pure: orders/order_service applies them to the database.
namespace comptoir::orders {

enum class OrderStatus {
  pending,  // created, stock held, waiting for the payment
  paid,
  fulfilled,  // shipped
  delivered,
  cancelled,
  refunded,
  partially_refunded,
};

std::string_view name(OrderStatus status);
std::optional<OrderStatus> parse_status(std::string_view text);

// pending → paid → fulfilled → delivered; pending → cancelled; paid (or shipped, or delivered:
// goods come back) → refunded or partially_refunded; partially_refunded → refunded, and
// partially_refunded → partially_refunded for a further partial refund.
bool transition_allowed(OrderStatus from, OrderStatus to);

// `prefix` and 8 Crockford base32 characters (no I, L, O, U): 40 random bits. Order numbers
// ("CMP-") and return numbers ("RMA-", orders/returns.hpp) are made so.
std::string new_public_number(std::string_view prefix);
bool is_public_number(std::string_view text, std::string_view prefix);

// "CMP-7K3Q9XAB"
std::string new_order_number();
bool is_order_number(std::string_view text);

enum class PaymentProvider { stripe, manual };
std::string_view name(PaymentProvider provider);

// What the visitor allowed audience measurement to know when placing the order (analytics, docs/
// analytics.md): whether it may be reported at all, and GA4's client id from the _ga cookie (""
// when none), so the purchase the server reports later joins the visit.
struct AnalyticsMark {
  bool consent = false;
  std::string client_id{};
};

struct ShippingAddress {
  std::string full_name{};
  std::string line1{};
  std::string line2{};
  std::string city{};
  std::string region{};
  std::string postal_code{};
  std::string country{};
  std::string phone{};
};

std::string to_json(const ShippingAddress& address);
std::optional<ShippingAddress> address_from_json(std::string_view json);

struct OrderLine {
  std::optional<std::int64_t> variant_id{};
  std::optional<std::int64_t> product_id{};
  std::string sku{};
  std::string name{};
  std::string variant_label{};
  std::int64_t unit_price = 0;
  int quantity = 0;
  std::int64_t amount = 0;
  std::int64_t tax = 0;
  int position = 0;        // its place in the order, which names it (returns refer to it)
  int supplier_units = 0;  // of its units, how many came from the suppliers' stock when placed
};

struct HistoryEntry {
  std::string occurred_at{};  // ISO 8601, UTC
  std::string actor_kind{};
  std::string actor_id{};
  std::string from_status{};
  std::string to_status{};
  std::string note{};
};

struct Order {
  std::int64_t id = 0;
  std::string number{};
  OrderStatus status = OrderStatus::pending;
  std::optional<std::int64_t> user_id{};
  std::string email{};
  core::Locale locale = core::Locale::fr;
  std::string currency = "CAD";
  std::string region_code{};
  std::optional<ShippingAddress> address{};  // nullopt when no key opens it
  cart::Totals totals{};
  PaymentProvider provider = PaymentProvider::manual;
  std::string payment_reference{};
  std::string payment_intent{};
  std::int64_t refunded_amount = 0;
  std::string tracking_url{};
  std::string carrier{};          // orders/shipment.hpp's code, or ""
  std::string tracking_number{};  // or ""
  std::string terms_version{};    // the terms of sale accepted by placing it; "" for older orders
  std::string created_at{};       // ISO 8601, UTC
  std::string reserved_until{};
  std::vector<OrderLine> lines{};
  std::vector<HistoryEntry> history{};
};

// When the order was paid: the time of its first move to `paid` in its history (ISO 8601, UTC);
// nullopt when it never was. An invoice exists from then on, whatever came after.
std::optional<std::string> paid_at(const Order& order);

// An order as the payment side sees it (a provider's event, a refund): what was asked, how it is
// paid and what was refunded.
struct PaymentView {
  std::int64_t id = 0;
  std::string number{};
  OrderStatus status = OrderStatus::pending;
  std::int64_t total = 0;  // in minor units of `currency`
  std::string currency{};  // ISO 4217, upper case
  std::int64_t refunded_amount = 0;
  PaymentProvider provider = PaymentProvider::manual;
  std::string payment_reference{};
  std::string payment_intent{};  // "" until the payment completed
};

// Which id finds an order: the Checkout Session id stored when the session was made, the payment
// (PaymentIntent) id recorded when it completed, or the order's own number.
enum class PaymentKey { reference, intent, number };

}  // namespace comptoir::orders
