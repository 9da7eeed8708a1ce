#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checkout/refund.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::checkout {

struct NewRefund {
  std::int64_t id = 0;  // from next_id(): the idempotency key names it
  std::int64_t order_id = 0;
  std::int64_t amount = 0;
  std::string currency{};
  orders::PaymentProvider provider = orders::PaymentProvider::stripe;
  std::string idempotency_key{};
  RefundReason reason = RefundReason::requested_by_customer;
  std::string note{};
  orders::Actor actor{};
  std::optional<std::int64_t> return_id{};
  // A Stripe refund is being sent: counted as an attempt, and left alone by the retry job until
  // this lease has passed.
  std::optional<std::chrono::seconds> lease{};
};

// A pending refund the retry job took: the row as it was taken, and whether it is too old to be
// sent again (Stripe forgets idempotency keys after 24 hours).
struct ClaimedRefund {
  Refund refund{};
  bool too_old = false;
};

// SQL for refunds, nothing else; runs on the caller's connection. Rows become Refund without the
// order's number (orders' table: the service adds it).
class RefundRepository {
 public:
  explicit RefundRepository(db::Connection& conn) : conn_(conn) {}

  std::int64_t next_id();
  void insert(const NewRefund& refund);

  std::optional<Refund> find(std::int64_t id);
  // The row, locked until the transaction ends.
  std::optional<Refund> lock(std::int64_t id);
  std::optional<std::int64_t> id_by_stripe_id(std::string_view stripe_refund_id);
  std::vector<Refund> for_order(std::int64_t order_id);
  // What the order's pending refunds may still give back.
  std::int64_t pending_total(std::int64_t order_id);
  // Whether a refund of the order's return `return_id` is pending (one in progress: no second one
  // meanwhile).
  bool open_for_return(std::int64_t order_id, std::int64_t return_id);
  // What the order's refunds that Stripe took and then failed gave back for a while: those whose
  // failure was recorded at or after `unix_time` (Stripe's total of that time may count them).
  std::int64_t failed_at_stripe_since(std::int64_t order_id, std::int64_t unix_time);

  // Settled: succeeded or failed, with what Stripe said ("" keeps what is stored).
  void mark_succeeded(std::int64_t id, std::string_view stripe_refund_id,
                      std::string_view stripe_status);
  void mark_failed(std::int64_t id, std::string_view error, std::string_view stripe_refund_id,
                   std::string_view stripe_status);
  // Stripe took it and will say later (its refund is pending).
  void mark_waiting(std::int64_t id, std::string_view stripe_refund_id,
                    std::string_view stripe_status);
  // Stripe could not be reached: sent again after `base` × 2^(attempts − 1), at least a second
  // (one run of the retry job sends it once) and at most an hour.
  void defer(std::int64_t id, std::string_view error, std::chrono::seconds base);

  // Takes the pending refund Stripe has not answered whose next attempt is due, if any: it counts
  // as an attempt and is leased for `lease` (FOR UPDATE SKIP LOCKED: processes share the work).
  std::optional<ClaimedRefund> claim_due(std::chrono::seconds lease, std::chrono::hours keep);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::checkout
