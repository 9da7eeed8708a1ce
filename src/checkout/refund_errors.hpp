#pragma once

#include <string_view>

#include "checkout/refund.hpp"
#include "http/types.hpp"

namespace comptoir::checkout {

// How a refused or failed refund is answered, wherever it is asked for (the staff API, the back
// office next): one status, message key (refunds.error.<…>) and problem code per error.
struct RefundRefusal {
  http::Status status;
  std::string_view message_key;
  std::string_view code;
};

constexpr RefundRefusal refusal_of(RefundError error) {
  using http::Status;
  switch (error) {
    case RefundError::unknown_order:
      return {Status::not_found, "refunds.error.unknown_order", "refunds.order_not_found"};
    case RefundError::not_refundable:
      return {Status::conflict, "refunds.error.not_refundable", "refunds.not_refundable"};
    case RefundError::no_payment:
      return {Status::conflict, "refunds.error.no_payment", "refunds.no_payment"};
    case RefundError::bad_amount:
      return {Status::unprocessable_entity, "refunds.error.amount", "refunds.invalid"};
    case RefundError::exceeds_refundable:
      return {Status::unprocessable_entity, "refunds.error.exceeds_refundable",
              "refunds.exceeds_refundable"};
    case RefundError::stripe_unavailable:
      // Kept pending and sent again by the retry job: the caller must not ask a second time.
      return {Status::service_unavailable, "refunds.error.stripe_unavailable",
              "refunds.stripe_unavailable"};
    case RefundError::stripe_misconfigured:
      // Stripe refused the shop's key: ours to fix, not the gateway's fault.
      return {Status::service_unavailable, "refunds.error.stripe_misconfigured",
              "refunds.stripe_misconfigured"};
    case RefundError::stripe_rejected:
      return {Status::bad_gateway, "refunds.error.stripe_rejected", "refunds.stripe_rejected"};
    case RefundError::unknown_return:
      return {Status::unprocessable_entity, "refunds.error.unknown_return",
              "refunds.return_not_found"};
    case RefundError::return_not_refundable:
      return {Status::conflict, "refunds.error.return_not_refundable",
              "refunds.return_not_refundable"};
    case RefundError::exceeds_return:
      return {Status::unprocessable_entity, "refunds.error.exceeds_return",
              "refunds.exceeds_return"};
  }
  return {Status::bad_gateway, "refunds.error.stripe_rejected", "refunds.stripe_rejected"};
}

}  // namespace comptoir::checkout
