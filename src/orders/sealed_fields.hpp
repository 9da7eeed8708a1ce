#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <fmt/format.h>

#include "db/sealed_columns.hpp"

// The associated data that binds an order's sealed shipping address to its row (core::seal/open):
// placing an order, reading it and `comptoir keys rotate` use this and nothing else.
namespace comptoir::orders::sealed_fields {

inline std::string order_shipping_address(std::int64_t order_id) {
  return fmt::format("orders:{}:shipping_address", order_id);
}

}  // namespace comptoir::orders::sealed_fields

namespace comptoir::orders {

// The sealed columns of orders' tables for `keys rotate` (app adds them to its
// db::SealedColumnRegistry): orders.shipping_address.
std::span<const db::SealedColumn> sealed_columns();

}  // namespace comptoir::orders
