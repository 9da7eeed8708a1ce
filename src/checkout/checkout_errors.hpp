#pragma once

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

#include "checkout/checkout_service.hpp"
#include "http/types.hpp"

namespace comptoir::checkout {

// How the checkout page and the checkout API answer a checkout that failed: one status per
// failure, its message key (checkout.error.<…>, with {item} where a line is named) and the API's
// problem code. The page and the API both read it, so they cannot disagree.
struct CheckoutRefusal {
  http::Status status;
  std::string_view message_key;
  std::string_view code;
  std::string item{};  // the line concerned, in the visitor's language; empty when none
  std::chrono::seconds retry_after{0};  // 429: sent as Retry-After; {minutes} in the message
};

inline CheckoutRefusal refusal_of(const CheckoutFailure& failure) {
  using http::Status;
  if (const auto* place = std::get_if<orders::PlaceFailure>(&failure.reason)) {
    switch (place->error) {
      case orders::PlaceError::empty_cart:
        return {Status::conflict, "checkout.error.empty", "checkout.empty_cart"};
      case orders::PlaceError::out_of_stock:
        return {Status::conflict, "checkout.error.out_of_stock", "checkout.out_of_stock",
                place->item};
      case orders::PlaceError::unavailable:
        return {Status::conflict, "checkout.error.unavailable", "checkout.unavailable",
                place->item};
      case orders::PlaceError::total_changed:
        return {Status::conflict, "checkout.error.total_changed", "checkout.total_changed"};
      case orders::PlaceError::unknown_region:
        return {Status::unprocessable_entity, "checkout.error.region", "checkout.unknown_region"};
      case orders::PlaceError::mixed_currencies:
        return {Status::conflict, "checkout.error.mixed_currencies", "checkout.mixed_currencies"};
    }
  }
  if (const auto* throttled = std::get_if<Throttled>(&failure.reason))
    return {.status = Status::too_many_requests,
            .message_key = "checkout.error.rate_limited",
            .code = "checkout.rate_limited",
            .retry_after = throttled->retry_after};
  switch (std::get<PaymentError>(failure.reason)) {
    case PaymentError::unavailable:
      // Stripe could not be reached: worth trying again in a few minutes.
      return {Status::service_unavailable, "checkout.error.payment_unavailable",
              "checkout.payment_unavailable"};
    case PaymentError::misconfigured:
      // Stripe refused our key: the shop cannot take payments until an operator fixes it. Our
      // service is unavailable; the gateway did nothing wrong.
      return {Status::service_unavailable, "checkout.error.payment_refused",
              "checkout.payment_refused"};
    case PaymentError::rejected:
      return {Status::bad_gateway, "checkout.error.payment_refused", "checkout.payment_refused"};
  }
  return {Status::bad_gateway, "checkout.error.payment_refused", "checkout.payment_refused"};
}

// The refusal's message: `text` (its message_key translated) with {item} and {minutes} filled in.
inline std::string message_of(const CheckoutRefusal& refusal, std::string_view text) {
  auto minutes = (refusal.retry_after.count() + 59) / 60;
  return fmt::format(fmt::runtime(text), fmt::arg("item", refusal.item),
                     fmt::arg("minutes", minutes));
}

}  // namespace comptoir::checkout
