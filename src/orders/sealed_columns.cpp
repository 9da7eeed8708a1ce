#include "orders/sealed_fields.hpp"

namespace comptoir::orders {
namespace {

// Orders keep the address they were shipped to (migrations/0006_orders.sql).
constexpr db::SealedColumn kColumns[] = {
    {"orders.shipping_address",
     {"keys_count_stale_order_addresses", "SELECT count(*) FROM orders WHERE address_key_id <> $1"},
     {"keys_select_stale_order_addresses",
      "SELECT id, shipping_address FROM orders WHERE address_key_id <> $1 AND id > $2 ORDER BY id "
      "LIMIT $3"},
     {"keys_reseal_order_address",
      "UPDATE orders SET shipping_address = $2 WHERE id = $1 AND shipping_address = $3"},
     &sealed_fields::order_shipping_address}};

}  // namespace

std::span<const db::SealedColumn> sealed_columns() {
  return kColumns;
}

}  // namespace comptoir::orders
