#include "analytics/order_tracker.hpp"

#include "analytics/event_outbox.hpp"
#include "analytics/events.hpp"
#include "orders/order_service.hpp"

namespace comptoir::analytics {

void OrderTracker::changed(db::Connection& conn, const orders::StatusChange& change) {
  using orders::OrderStatus;
  const bool paid = change.to == OrderStatus::paid && change.from == OrderStatus::pending;
  const bool refund =
      change.to == OrderStatus::refunded || change.to == OrderStatus::partially_refunded;
  if (!paid && !(refund && change.refund > 0)) return;
  const auto& order = change.order;
  auto mark = orders_.analytics_mark(conn, order.id);
  if (!mark || !mark->consent) return;
  auto url = options_.base_url + std::string(options_.page[order.locale]);
  EventOutbox outbox(conn);
  if (paid) {
    outbox.enqueue(order.id, EventKind::purchase, "", purchase_event(order, mark->client_id, url));
    return;
  }
  outbox.enqueue(order.id, EventKind::refund, std::to_string(change.refunded_total),
                 refund_event(order, change.refund, mark->client_id, url));
}

}  // namespace comptoir::analytics
