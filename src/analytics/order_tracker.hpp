#pragma once

#include <string>

#include "core/locale.hpp"
#include "orders/order_events.hpp"

namespace comptoir::orders {
class OrderService;
}

namespace comptoir::analytics {

struct TrackerOptions {
  std::string base_url{};
  core::Localized page{};  // where Plausible files the events: the checkout page, per language
};

// Writes the server's analytics events into analytics_events, in the transaction that changes the
// order (orders::OrderObserver): a purchase when a pending order becomes paid, a refund each time
// money goes back (keyed by the refunded total it reaches, so a redelivered event adds nothing).
// Only for orders whose visitor allowed measurement at checkout (OrderService::analytics_mark):
// an order placed without consent is never reported, nor its refunds.
class OrderTracker : public orders::OrderObserver {
 public:
  OrderTracker(const orders::OrderService& orders, TrackerOptions options)
      : orders_(orders), options_(std::move(options)) {}

  void changed(db::Connection& conn, const orders::StatusChange& change) override;

 private:
  const orders::OrderService& orders_;
  TrackerOptions options_;
};

}  // namespace comptoir::analytics
