#pragma once

#include <vector>

#include "notify/outbox.hpp"
#include "orders/order.hpp"
#include "suppliers/model.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::suppliers {

// The purchase order a generic dropshipper without a URL gets by mail ("suppliers.purchase_order",
// rendered by notify's MailRenderer): our order number to quote, the shop's order number for the
// packing slip, the lines (the supplier's SKU, title and quantity) and where to ship, in the shop's
// default language.
notify::Mail purchase_order_mail(const SupplierOrder& order, const orders::Order& shop_order,
                                 const Supplier& supplier,
                                 const std::vector<SupplierOrderLine>& lines);

}  // namespace comptoir::suppliers
