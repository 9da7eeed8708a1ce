#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "checkout/refund.hpp"
#include "checkout/stripe_client.hpp"

namespace comptoir::db {
class Connection;
}
namespace comptoir::orders {
class ReturnService;
}

namespace comptoir::checkout {

// Where an audit entry about a refund comes from, when a request asked for it.
struct RefundOrigin {
  std::string ip{};
  std::string request_id{};
};

// Appends "refund.<what>" (requested, succeeded, failed) to the audit log on `conn`, naming the
// order and the refund, by the refund's actor.
void audit_refund(db::Connection& conn, std::string_view what, const Refund& refund,
                  std::string_view settled_by = "", const RefundOrigin& origin = {});

// How a refund ends, on the caller's connection and inside its transaction: after Stripe's answer
// (to the request that issued it or to the retry job), after one of Stripe's refund events, or at
// once for an order paid offline. Each call locks the order, then the refund, and acts only on a
// refund still pending, so an outcome that arrives twice (Stripe's answer and its event) counts
// once.
class RefundSettlement {
 public:
  // `returns`: where a refund that pays back a return (RMA) records it (nullptr: none do).
  RefundSettlement(db::Connection& conn, const orders::OrderService& orders,
                   const orders::ReturnService* returns = nullptr)
      : conn_(conn), orders_(orders), returns_(returns) {}

  // Records Stripe's answer to a refund request. Returns what the caller reports: nullopt when
  // Stripe took it (succeeded, or pending at Stripe), else why not. Unreachable, the refund stays
  // pending and is sent again after `retry_base` × 2^(attempts − 1).
  std::optional<RefundError> record(std::int64_t refund_id,
                                    const std::expected<StripeRefund, StripeFailure>& answer,
                                    std::chrono::seconds retry_base);

  // The money went back: the refund succeeds and the order moves through OrderService::change
  // (its refunded_amount grows by the refund, history, the customer's refund mail), audited. A
  // refund of a return also moves the return to refunded (ReturnService::mark_refunded), whose
  // mail then tells the customer instead of the order's.
  // `settled_by`: what said so ("stripe", "manual", an event id). False when it was not pending.
  bool succeed(std::int64_t refund_id, std::string_view stripe_refund_id,
               std::string_view stripe_status, std::string_view settled_by);

  // Nothing went back: the refund fails with `error`, the order is unchanged, audited. A refund
  // that had succeeded and that Stripe reports failed later is marked failed too, and logged: the
  // order keeps its refunded amount (a state does not go back), staff settle it with the customer.
  // False when it had failed already.
  bool fail(std::int64_t refund_id, std::string_view error, std::string_view stripe_refund_id,
            std::string_view stripe_status, std::string_view settled_by);

  // Stripe took it and says later (its refund is pending or requires an action): its id is kept,
  // the retry job leaves it alone, and a refund.updated event settles it.
  void wait(std::int64_t refund_id, std::string_view stripe_refund_id,
            std::string_view stripe_status);

 private:
  db::Connection& conn_;
  const orders::OrderService& orders_;
  const orders::ReturnService* returns_;
};

}  // namespace comptoir::checkout
