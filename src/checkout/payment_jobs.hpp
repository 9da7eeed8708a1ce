#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace comptoir::db {
class Database;
}
namespace comptoir::orders {
class OrderService;
}

namespace comptoir::checkout {

class StripeEvents;

// The payment side's background work, on a thread of its own, every `every`: stored Stripe events
// not applied yet (a crash, a database hiccup, a refund that came before its payment) are applied,
// and pending orders whose hold has passed are cancelled with their stock given back. Safe with
// several processes: each event and order is locked while it is handled.
class PaymentJobs {
 public:
  PaymentJobs(db::Database& db, StripeEvents& events, orders::OrderService& orders,
              std::chrono::milliseconds every);
  ~PaymentJobs();  // wakes the thread and joins it
  PaymentJobs(const PaymentJobs&) = delete;
  PaymentJobs& operator=(const PaymentJobs&) = delete;

 private:
  void run(std::stop_token stop);

  db::Database& db_;
  StripeEvents& events_;
  orders::OrderService& orders_;
  std::chrono::milliseconds every_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: starts once everything it uses exists
};

}  // namespace comptoir::checkout
