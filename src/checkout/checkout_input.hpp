#pragma once

#include <string_view>

#include "accounts/address_book.hpp"
#include "orders/order.hpp"

// What the checkout page and POST /api/v1/checkout both ask of the customer, read the same way.
namespace comptoir::checkout {

// One "@" with something on each side, no spaces or separators, at most 254 bytes: what
// orders.email accepts (anything else would reach PostgreSQL's CHECK and fail as a 500).
bool plausible_email(std::string_view email);

// The typed address sent to a destination: its country and province come from the tax region
// ("CA-QC" → CA, QC; "FR" → FR), so they cannot disagree with the taxes charged.
accounts::Address for_destination(accounts::Address address, std::string_view region);

orders::ShippingAddress shipping_address(const accounts::Address& address);

}  // namespace comptoir::checkout
