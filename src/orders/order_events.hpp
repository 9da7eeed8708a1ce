#pragma once

#include <cstdint>

#include "orders/order.hpp"

namespace comptoir::db {
class Connection;
}

// Other modules that act when an order changes state (the supplier engine turns a paid order's
// dropshipped lines into supplier orders, and cancels them when the order is cancelled). The
// orders module knows only this interface; app registers the observers.
namespace comptoir::orders {

struct StatusChange {
  // As it was before the change: its lines, totals and currency; not its history (left empty).
  const Order& order;
  OrderStatus from;
  OrderStatus to;
  // With refunded and partially_refunded: this refund's amount, and the total refunded it brings
  // the order to (in minor units of the order's currency).
  std::int64_t refund = 0;
  std::int64_t refunded_total = 0;
};

class OrderObserver {
 public:
  virtual ~OrderObserver() = default;
  // Called by OrderService::change() on the change's connection, inside its transaction, after
  // the order's own rows are written: what the observer writes commits or rolls back with the
  // change. It must not refuse a change for its own reasons (record what went wrong and return);
  // a database error rolls the whole change back, and its caller retries (Stripe's events do).
  virtual void changed(db::Connection& conn, const StatusChange& change) = 0;
};

}  // namespace comptoir::orders
