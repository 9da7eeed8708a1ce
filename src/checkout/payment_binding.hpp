#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "orders/order_service.hpp"

// Which payment events may act on an order (design.md §5). Pure: checkout/stripe_events applies
// it to each verified event.
namespace comptoir::checkout {

enum class Refusal {
  foreign_session,         // a session that is not the one stored for the order it names
  amount_mismatch,         // it charged another amount than the order's total
  currency_mismatch,       // or in another currency
  refund_exceeds_payment,  // it refunds more than was paid (or in another currency)
};

std::string_view name(Refusal refusal);

// A Checkout Session found by its id (the order's payment_reference) pays the order only when it
// charged exactly the order's total in the order's currency (`currency` as Stripe writes it,
// lower case).
std::optional<Refusal> check_payment(const orders::PaymentView& order, std::int64_t amount_total,
                                     std::string_view currency);

// A refund of `amount_refunded` in all (Stripe's running total for the charge) is accepted only
// up to what the order cost, in its currency.
std::optional<Refusal> check_refund(const orders::PaymentView& order, std::int64_t amount_refunded,
                                    std::string_view currency);

}  // namespace comptoir::checkout
