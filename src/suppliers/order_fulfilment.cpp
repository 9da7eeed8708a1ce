#include "suppliers/order_fulfilment.hpp"

#include "suppliers/supplier_repository.hpp"

namespace comptoir::suppliers {

std::vector<FulfilmentView> fulfilment_of(db::Connection& conn, std::int64_t order_id) {
  SupplierOrderRepository orders(conn);
  SupplierRepository suppliers(conn);
  std::vector<FulfilmentView> out;
  for (auto& order : orders.for_order(order_id)) {
    FulfilmentView view{.order = std::move(order)};
    if (auto supplier = suppliers.find(view.order.supplier_id)) view.supplier_name = supplier->name;
    view.lines = orders.lines(view.order.id);
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace comptoir::suppliers
