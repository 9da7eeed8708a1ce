#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "orders/order_events.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// What routing one paid order did.
struct RoutingOutcome {
  std::vector<std::string> created{};  // external ids of the supplier orders made
  std::vector<int> unrouted{};         // positions of lines no supplier could take
};

// Turns a paid order's supplier-fulfilled units into supplier orders (one per supplier, PENDING,
// for the dispatcher), in the payment's transaction; cancels the PENDING ones when the shop order
// is cancelled or fully refunded, and raises CANCEL_AT_SUPPLIER for those already sent. Registered
// by app as an observer of orders::OrderService. Writes only the suppliers module's tables.
//
// Which units go to suppliers: every unit of a product whose fulfilment is DROPSHIPPING or
// PRINT_ON_DEMAND, and otherwise the units the line took from the suppliers' share of the stock
// (order_lines.supplier_units). Which supplier: suppliers/routing_policy.hpp, with the margin
// floor of the shop's settings. A line no supplier can take raises ORDER_UNROUTED for staff; the
// payment is never refused for it.
class OrderRouting final : public orders::OrderObserver {
 public:
  void changed(db::Connection& conn, const orders::StatusChange& change) override;

  static RoutingOutcome route(db::Connection& conn, const orders::Order& order);
  static void cancel(db::Connection& conn, const orders::Order& order, std::string_view reason);
};

// The external id of the supplier order of shop order `number` for supplier `supplier_id`
// ("CMP-7K3Q9XAB-S3"): stable, so a second routing of the same order finds it taken.
std::string supplier_order_external_id(std::string_view number, std::int64_t supplier_id);

}  // namespace comptoir::suppliers
