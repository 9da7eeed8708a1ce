#pragma once

#include <chrono>

#include "jobs/job.hpp"

namespace comptoir::db {
class Connection;
}
namespace comptoir::orders {
class OrderService;
}

namespace comptoir::suppliers {

// The shop's side of a supplier's shipment, run by `comptoir serve` (the engine writes only its
// own tables; it may run elsewhere, for many shops). Takes the supplier orders that reached
// SHIPPED or DELIVERED and that the shop has not taken in yet, and for each shop order:
// - still `paid`, every line's units covered by live supplier orders and all of them shipped:
//   the order moves to shipped (orders::OrderService::change, which sends the customer's shipped
//   mail) with the carrier and tracking of the last one shipped, the others in the history note;
// - still `paid`, some lines shipped by the shop itself: a history note per supplier shipment
//   (carrier, tracking), and staff ship the rest;
// - one of its supplier orders still open (or FAILED, for staff to settle): left for later;
// - no longer `paid` (staff shipped it, or it was refunded): only taken in.
class ShipmentFeedback {
 public:
  explicit ShipmentFeedback(const orders::OrderService& orders) : orders_(orders) {}

  // One pass over at most `batch` shipped supplier orders whose shop order has no other supplier
  // order still open, in the caller's transaction. Returns how many were taken in.
  int run(db::Connection& conn, int batch = 50) const;

 private:
  const orders::OrderService& orders_;
};

// The `suppliers.shipments` job: a pass every `every`; not exclusive (rows are locked with SKIP
// LOCKED, so several processes share the work).
jobs::Job shipment_feedback_job(const orders::OrderService& orders,
                                std::chrono::milliseconds every);

}  // namespace comptoir::suppliers
