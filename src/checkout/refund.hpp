#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "orders/order_service.hpp"

// Refunds the shop issues, and their rules. Pure: checkout/refund_service applies them.
namespace comptoir::checkout {

enum class RefundState {
  pending,    // written, not settled: Stripe has not answered yet, or its refund is still pending
  succeeded,  // the money went back; the order's refunded_amount counts it
  failed,     // nothing went back (Stripe refused it, or its refund failed later)
};

// Why the shop refunds. Stripe knows the first three (its `reason`); the others are the shop's.
enum class RefundReason { requested_by_customer, duplicate, fraudulent, returned, other };

std::string_view name(RefundState state);
std::optional<RefundState> parse_refund_state(std::string_view text);
std::string_view name(RefundReason reason);
std::optional<RefundReason> parse_refund_reason(std::string_view text);
// Stripe's `reason` for ours, when its enum has one (duplicate, fraudulent,
// requested_by_customer; a return is a refund the customer asked for); "" when none fits.
std::string_view stripe_reason(RefundReason reason);

struct Refund {
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  std::string order_number{};
  std::int64_t amount = 0;  // minor units of `currency`
  std::string currency{};
  orders::PaymentProvider provider = orders::PaymentProvider::stripe;
  RefundState state = RefundState::pending;
  std::string stripe_refund_id{};  // "" until Stripe answered (always, for a manual refund)
  std::string stripe_status{};     // Stripe's last word: pending, succeeded, failed…
  std::string idempotency_key{};
  RefundReason reason = RefundReason::requested_by_customer;
  std::string note{};
  orders::Actor actor{};  // who asked for it
  std::optional<std::int64_t> return_id{};
  std::string error{};       // why it failed, or why the last attempt did not reach Stripe
  int attempts = 0;          // requests sent to Stripe
  std::string created_at{};  // ISO 8601, UTC
  std::string settled_at{};  // "" while pending
};

// A refund's note holds at most this many characters (code points).
inline constexpr std::size_t kMaxRefundNote = 1000;
// The number of characters of UTF-8 `text`.
std::size_t characters(std::string_view text);
// `text` cut to `most` characters, never inside one; a byte that is not clean text (invalid UTF-8,
// NUL: what a broken proxy's answer may hold) becomes "?", so PostgreSQL always takes it.
std::string clipped_text(std::string_view text, std::size_t most);

// What may still be refunded on an order: what was paid, less what was refunded and what
// refunds still pending may yet give back. Never below zero.
std::int64_t refundable_amount(std::int64_t total, std::int64_t refunded, std::int64_t pending);

// Whether an order in `status` has a payment to give back: paid, shipped, delivered, or
// partially refunded already.
bool refundable_status(orders::OrderStatus status);

enum class RefundError {
  unknown_order,
  not_refundable,         // the order's state has no payment to give back (pending, cancelled…)
  no_payment,             // a Stripe order whose payment Stripe never confirmed to the shop
  bad_amount,             // not a positive amount
  exceeds_refundable,     // more than what was paid less what was or is being refunded
  stripe_unavailable,     // Stripe could not be reached: the refund stays pending and is retried
  stripe_rejected,        // Stripe refused it (4xx): the refund failed, the order is unchanged
  stripe_misconfigured,   // Stripe refused the shop's key: the refund failed
  unknown_return,         // return_id names no return of this order
  return_not_refundable,  // the return is not received, already refunded, or a refund of it is
                          // in progress
  exceeds_return,         // more than the return covers (RefundFailure::refundable says how much)
};

// Whether a new refund of `amount` may be issued on `order` while `pending` is being refunded.
std::optional<RefundError> check_new_refund(const orders::PaymentView& order, std::int64_t pending,
                                            std::int64_t amount);

// The order's state once `refunded` (cumulative) is given back on a total of `total`.
orders::OrderStatus refunded_status(std::int64_t total, std::int64_t refunded);

// What Stripe's `status` of a refund means for ours: succeeded; failed (failed, canceled);
// pending otherwise (pending, requires_action: Stripe says later, in a refund.updated event).
RefundState state_of_stripe_status(std::string_view status);

}  // namespace comptoir::checkout
