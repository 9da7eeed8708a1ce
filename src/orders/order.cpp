#include "orders/order.hpp"

#include <sodium.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>

namespace comptoir::orders {
namespace {

namespace json = boost::json;

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::string_view kNumberPrefix = "CMP-";
constexpr std::size_t kNumberSymbols = 8;

constexpr std::array kStatusNames{
    std::pair{OrderStatus::pending, std::string_view("pending")},
    std::pair{OrderStatus::paid, std::string_view("paid")},
    std::pair{OrderStatus::fulfilled, std::string_view("fulfilled")},
    std::pair{OrderStatus::delivered, std::string_view("delivered")},
    std::pair{OrderStatus::cancelled, std::string_view("cancelled")},
    std::pair{OrderStatus::refunded, std::string_view("refunded")},
    std::pair{OrderStatus::partially_refunded, std::string_view("partially_refunded")},
};

std::string member(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string{};
}

}  // namespace

std::string_view name(OrderStatus status) {
  for (const auto& [value, text] : kStatusNames)
    if (value == status) return text;
  return "pending";
}

std::optional<OrderStatus> parse_status(std::string_view text) {
  for (const auto& [value, known] : kStatusNames)
    if (known == text) return value;
  return std::nullopt;
}

bool transition_allowed(OrderStatus from, OrderStatus to) {
  using enum OrderStatus;
  switch (from) {
    case pending:
      return to == paid || to == cancelled;
    case paid:
      return to == fulfilled || to == refunded || to == partially_refunded;
    case fulfilled:
      return to == delivered || to == refunded || to == partially_refunded;
    case delivered:
      return to == refunded || to == partially_refunded;
    case partially_refunded:
      return to == refunded || to == partially_refunded;
    case cancelled:
    case refunded:
      return false;
  }
  return false;
}

std::string new_public_number(std::string_view prefix) {
  std::array<unsigned char, 5> bytes{};  // 40 bits: 8 symbols of 5 bits
  randombytes_buf(bytes.data(), bytes.size());
  std::uint64_t bits = 0;
  for (auto byte : bytes) bits = (bits << 8) | byte;
  std::string number(prefix);
  for (std::size_t i = 0; i < kNumberSymbols; ++i)
    number += kCrockford[(bits >> (5 * (kNumberSymbols - 1 - i))) & 31];
  return number;
}

bool is_public_number(std::string_view text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return text.size() == kNumberSymbols && std::ranges::all_of(text, [](char c) {
           return kCrockford.find(c) != std::string_view::npos;
         });
}

std::optional<std::string> paid_at(const Order& order) {
  auto paid = std::ranges::find(order.history, name(OrderStatus::paid), &HistoryEntry::to_status);
  if (paid == order.history.end()) return std::nullopt;
  return paid->occurred_at;
}

std::string new_order_number() {
  return new_public_number(kNumberPrefix);
}

bool is_order_number(std::string_view text) {
  return is_public_number(text, kNumberPrefix);
}

std::string_view name(PaymentProvider provider) {
  return provider == PaymentProvider::stripe ? "stripe" : "manual";
}

std::string to_json(const ShippingAddress& address) {
  return json::serialize(json::object{{"full_name", address.full_name},
                                      {"line1", address.line1},
                                      {"line2", address.line2},
                                      {"city", address.city},
                                      {"region", address.region},
                                      {"postal_code", address.postal_code},
                                      {"country", address.country},
                                      {"phone", address.phone}});
}

std::optional<ShippingAddress> address_from_json(std::string_view text) {
  boost::system::error_code error;
  auto value = json::parse(text, error);
  if (error || !value.is_object()) return std::nullopt;
  const auto& object = value.as_object();
  return ShippingAddress{.full_name = member(object, "full_name"),
                         .line1 = member(object, "line1"),
                         .line2 = member(object, "line2"),
                         .city = member(object, "city"),
                         .region = member(object, "region"),
                         .postal_code = member(object, "postal_code"),
                         .country = member(object, "country"),
                         .phone = member(object, "phone")};
}

}  // namespace comptoir::orders
