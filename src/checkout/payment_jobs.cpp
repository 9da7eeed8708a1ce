#include "checkout/payment_jobs.hpp"

#include "checkout/stripe_events.hpp"
#include "db/database.hpp"
#include "observe/log.hpp"
#include "orders/order_service.hpp"

namespace comptoir::checkout {

PaymentJobs::PaymentJobs(db::Database& db, StripeEvents& events, orders::OrderService& orders,
                         std::chrono::milliseconds every)
    : db_(db),
      events_(events),
      orders_(orders),
      every_(every),
      thread_([this](std::stop_token stop) { run(stop); }) {}

PaymentJobs::~PaymentJobs() {
  thread_.request_stop();
  wake_.notify_all();
}

void PaymentJobs::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      if (auto applied = events_.apply_due(); applied > 0)
        observe::info("stored stripe events applied", {{"events", applied}});
      auto released =
          db_.transact_sync([&](db::Connection& conn) { return orders_.release_expired(conn); });
      if (released > 0) observe::info("expired stock holds released", {{"orders", released}});
    } catch (const std::exception& e) {
      // The database may be away for a while; the next round tries again.
      observe::warn("payment jobs failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, every_, [] { return false; });
  }
}

}  // namespace comptoir::checkout
