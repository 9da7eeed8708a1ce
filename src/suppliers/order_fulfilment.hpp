#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// One supplier order of a shop order, as staff read it: the order, its supplier's name and its
// items with the supplier's references.
struct FulfilmentView {
  SupplierOrder order{};
  std::string supplier_name{};
  std::vector<SupplierOrderLine> lines{};
};

// Who fulfils what of the shop order `order_id`: its supplier orders, oldest first, whether or not
// an engine runs (unsent ones wait as PENDING). On the caller's connection.
std::vector<FulfilmentView> fulfilment_of(db::Connection& conn, std::int64_t order_id);

}  // namespace comptoir::suppliers
