#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::suppliers {

// Which platform a supplier is reached through: each has its connector (connectors/).
enum class SupplierType { printify, amazon, etsy, ebay, dropshipper, local_stock };
// How the supplier fulfils: ships for us, prints on demand, holds our stock, or several.
enum class FulfillmentType { dropshipping, print_on_demand, local_stock, hybrid };

// PRINTIFY, AMAZON…: as stored and as the JSON export writes them.
std::string_view to_string(SupplierType type);
std::optional<SupplierType> parse_supplier_type(std::string_view text);
// The command line's spelling: printify, amazon, etsy, ebay, dropshipper, local.
std::string_view cli_name(SupplierType type);
std::optional<SupplierType> parse_cli_type(std::string_view text);
std::string_view to_string(FulfillmentType type);
std::optional<FulfillmentType> parse_fulfillment_type(std::string_view text);
// What a type of supplier does unless told otherwise (Printify prints on demand…).
FulfillmentType default_fulfillment(SupplierType type);

// A supplier of one shop, without its secrets: those stay sealed in the database and only the
// engine's connectors open them (SupplierService::credentials).
struct Supplier {
  std::int64_t id = 0;
  std::string name{};
  SupplierType type = SupplierType::dropshipper;
  FulfillmentType fulfillment = FulfillmentType::dropshipping;
  bool active = true;
  std::string api_base{};  // "" = the platform's own
  std::string account{};   // the account at the platform (Printify's shop id…)
  std::string currency = "CAD";
  std::int64_t minimum_order_amount = 0;  // minor units of `currency`
  int default_shipping_days = 7;
  std::string contact_name{};
  std::string contact_email{};
  std::string notes{};
  bool has_credentials = false;
  int version = 1;
  std::string created_at{};  // ISO 8601, UTC
  std::string updated_at{};
};

// What a new supplier or an edit says; absent fields keep their value (or take the default).
struct SupplierInput {
  std::optional<std::string> name{};
  std::optional<SupplierType> type{};
  std::optional<FulfillmentType> fulfillment{};
  std::optional<bool> active{};
  std::optional<std::string> api_base{};
  std::optional<std::string> account{};
  std::optional<std::string> currency{};
  std::optional<std::int64_t> minimum_order_amount{};
  std::optional<int> default_shipping_days{};
  std::optional<std::string> contact_name{};
  std::optional<std::string> contact_email{};
  std::optional<std::string> notes{};
};

// "12.50 CAD": an amount in minor units as the engine's commands and alerts write it, the same
// in every language.
std::string plain_amount(std::int64_t minor, std::string_view currency);

// The states of a supplier order, in the order they are normally reached.
enum class SupplierOrderState {
  pending,
  sent_to_supplier,
  confirmed,
  in_production,
  shipped,
  delivered,
  cancelled,
  failed,
};
std::string_view to_string(SupplierOrderState state);
std::optional<SupplierOrderState> parse_supplier_order_state(std::string_view text);
// Whether news from the supplier (or staff) may move an order from `from` to `to`: forward along
// CONFIRMED → IN_PRODUCTION → SHIPPED → DELIVERED, or CANCELLED before it shipped; never out of
// DELIVERED or CANCELLED. A FAILED order may still be recorded as made (the supplier did it after
// all). The same state again is allowed (its details are updated).
bool supplier_event_allowed(SupplierOrderState from, SupplierOrderState to);
// Every state, for consolidated counts.
inline constexpr SupplierOrderState kSupplierOrderStates[] = {
    SupplierOrderState::pending,   SupplierOrderState::sent_to_supplier,
    SupplierOrderState::confirmed, SupplierOrderState::in_production,
    SupplierOrderState::shipped,   SupplierOrderState::delivered,
    SupplierOrderState::cancelled, SupplierOrderState::failed,
};

}  // namespace comptoir::suppliers
