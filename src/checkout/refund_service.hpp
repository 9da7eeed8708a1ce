#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checkout/refund.hpp"
#include "checkout/refund_settlement.hpp"
#include "checkout/stripe_client.hpp"
#include "jobs/job.hpp"

namespace comptoir::db {
class Database;
class Connection;
}  // namespace comptoir::db

namespace comptoir::orders {
class ReturnService;
}

namespace comptoir::checkout {

// POST /v1/refunds: StripeClient::create_refund in the server; a scripted double in tests.
// Blocking: RefundService calls it on its own threads, never inside a transaction.
using RefundGateway =
    std::function<std::expected<StripeRefund, StripeFailure>(const StripeRefundRequest&)>;

struct RefundOptions {
  // While a request is being sent to Stripe, the retry job leaves its refund alone this long (the
  // client's attempts and backoff take at most about 50 s).
  std::chrono::seconds lease{120};
  // Stripe unreachable: the retry job sends it again after retry_base × 2^(attempts − 1), at most
  // an hour apart…
  std::chrono::seconds retry_base{30};
  // …while Stripe still knows the idempotency key (it keeps keys at least 24 hours). Past this, the
  // refund fails and says to check Stripe's dashboard before refunding again.
  std::chrono::hours give_up_after{23};
  // Where a refund that names a return (RMA) checks what the return may be refunded and, once the
  // money went back, records it; nullptr: a refund naming a return is refused.
  const orders::ReturnService* returns = nullptr;
};

struct RefundRequest {
  std::string order_number{};
  std::int64_t amount = 0;  // minor units of the order's currency
  RefundReason reason = RefundReason::requested_by_customer;
  std::string note{};  // at most 1000 characters are kept
  orders::Actor actor{};
  std::optional<std::int64_t> return_id{};  // the return (RMA) it pays back
  RefundOrigin origin{};                    // for the audit log
};

struct RefundFailure {
  RefundError error;
  std::optional<Refund> refund{};  // the refund written, when Stripe failed it or is unreachable
  std::int64_t refundable = 0;  // what may still be refunded (exceeds_refundable, exceeds_return)
  std::string currency{};
};

// An order's refunds as the back office and the API show them.
struct OrderRefunds {
  std::string order_number{};
  orders::OrderStatus status = orders::OrderStatus::pending;
  orders::PaymentProvider provider = orders::PaymentProvider::manual;
  std::string currency{};
  std::int64_t total = 0;     // what was paid
  std::int64_t refunded = 0;  // what went back (the order's refunded_amount)
  std::int64_t pending = 0;   // what refunds still pending may give back
  std::int64_t refundable = 0;
  std::vector<Refund> refunds{};  // oldest first
};

// Refunds issued by the shop, full or partial (design.md §5). A Stripe order's refund is written
// pending (the order locked, so two refunds never give back more than was paid together), sent to
// Stripe outside any transaction with an Idempotency-Key derived from its row, then recorded
// (RefundSettlement): succeeded, the order moves (refunded or partially_refunded, history, mail,
// audit); refused, it fails and the order is unchanged; unanswered, it stays pending and the
// retry job sends it again with the same key. An order paid offline (manual) is refunded at once.
// Refunds go through here, never through OrderService::change directly.
class RefundService {
 public:
  RefundService(db::Database& db, orders::OrderService& orders, RefundGateway stripe,
                RefundOptions options = {});
  ~RefundService();
  RefundService(const RefundService&) = delete;
  RefundService& operator=(const RefundService&) = delete;

  boost::asio::awaitable<std::expected<Refund, RefundFailure>> refund(RefundRequest request);

  // The order's refunds, what was refunded and what may still be; nullopt for an unknown order.
  boost::asio::awaitable<std::optional<OrderRefunds>> refunds_of(std::string order_number);
  // The same on the caller's connection (a back-office page that reads more in one transaction).
  std::optional<OrderRefunds> refunds_of(db::Connection& conn, std::string_view order_number) const;

  // Sends again the pending refunds Stripe has not answered whose time has come, `batch` at most;
  // returns how many were settled (succeeded, failed or taken by Stripe). Blocking: for the
  // checkout.refunds job.
  int retry_due(int batch = 20) const;

 private:
  std::optional<RefundError> send(const Refund& refund, std::string_view payment_intent) const;

  db::Database& db_;
  orders::OrderService& orders_;
  RefundGateway stripe_;
  RefundOptions options_;
  boost::asio::thread_pool pool_{2};  // Stripe's calls block: never on an I/O thread
};

// checkout.refunds: every `every`, refunds left pending without Stripe's answer are sent again.
// Not exclusive: each is claimed with FOR UPDATE SKIP LOCKED and a lease, so processes share them.
jobs::Job refund_retry_job(const RefundService& refunds, std::chrono::milliseconds every);

}  // namespace comptoir::checkout
