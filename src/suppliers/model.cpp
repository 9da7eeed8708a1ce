#include "suppliers/model.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace comptoir::suppliers {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> find(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         std::string_view text) {
  for (const auto& [value, name] : names)
    if (name == text) return value;
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  for (const auto& [candidate, name] : names)
    if (candidate == value) return name;
  return {};
}

constexpr std::array<std::pair<SupplierType, std::string_view>, 6> kTypes{{
    {SupplierType::printify, "PRINTIFY"},
    {SupplierType::amazon, "AMAZON"},
    {SupplierType::etsy, "ETSY"},
    {SupplierType::ebay, "EBAY"},
    {SupplierType::dropshipper, "DROPSHIPPER"},
    {SupplierType::local_stock, "LOCAL_STOCK"},
}};
constexpr std::array<std::pair<SupplierType, std::string_view>, 6> kCliTypes{{
    {SupplierType::printify, "printify"},
    {SupplierType::amazon, "amazon"},
    {SupplierType::etsy, "etsy"},
    {SupplierType::ebay, "ebay"},
    {SupplierType::dropshipper, "dropshipper"},
    {SupplierType::local_stock, "local"},
}};
constexpr std::array<std::pair<FulfillmentType, std::string_view>, 4> kFulfillments{{
    {FulfillmentType::dropshipping, "DROPSHIPPING"},
    {FulfillmentType::print_on_demand, "PRINT_ON_DEMAND"},
    {FulfillmentType::local_stock, "LOCAL_STOCK"},
    {FulfillmentType::hybrid, "HYBRID"},
}};
constexpr std::array<std::pair<SupplierOrderState, std::string_view>, 8> kStates{{
    {SupplierOrderState::pending, "PENDING"},
    {SupplierOrderState::sent_to_supplier, "SENT_TO_SUPPLIER"},
    {SupplierOrderState::confirmed, "CONFIRMED"},
    {SupplierOrderState::in_production, "IN_PRODUCTION"},
    {SupplierOrderState::shipped, "SHIPPED"},
    {SupplierOrderState::delivered, "DELIVERED"},
    {SupplierOrderState::cancelled, "CANCELLED"},
    {SupplierOrderState::failed, "FAILED"},
}};

}  // namespace

std::string_view to_string(SupplierType type) {
  return name_of(kTypes, type);
}
std::optional<SupplierType> parse_supplier_type(std::string_view text) {
  return find(kTypes, text);
}
std::string_view cli_name(SupplierType type) {
  return name_of(kCliTypes, type);
}
std::optional<SupplierType> parse_cli_type(std::string_view text) {
  return find(kCliTypes, text);
}
std::string_view to_string(FulfillmentType type) {
  return name_of(kFulfillments, type);
}
std::optional<FulfillmentType> parse_fulfillment_type(std::string_view text) {
  return find(kFulfillments, text);
}
std::string_view to_string(SupplierOrderState state) {
  return name_of(kStates, state);
}
std::optional<SupplierOrderState> parse_supplier_order_state(std::string_view text) {
  return find(kStates, text);
}

FulfillmentType default_fulfillment(SupplierType type) {
  switch (type) {
    case SupplierType::printify:
      return FulfillmentType::print_on_demand;
    case SupplierType::local_stock:
      return FulfillmentType::local_stock;
    case SupplierType::amazon:
    case SupplierType::etsy:
    case SupplierType::ebay:
    case SupplierType::dropshipper:
      break;
  }
  return FulfillmentType::dropshipping;
}

bool supplier_event_allowed(SupplierOrderState from, SupplierOrderState to) {
  using enum SupplierOrderState;
  if (to == pending || to == sent_to_supplier || to == failed) return false;
  if (from == to) return true;
  if (from == delivered || from == cancelled) return false;
  if (to == cancelled) return from != shipped;
  if (from == failed) return true;
  return static_cast<int>(to) > static_cast<int>(from);
}

std::string plain_amount(std::int64_t minor, std::string_view currency) {
  return fmt::format("{}.{:02} {}", minor / 100, minor % 100, currency);
}

}  // namespace comptoir::suppliers
