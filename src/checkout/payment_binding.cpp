#include "checkout/payment_binding.hpp"

#include <algorithm>

namespace comptoir::checkout {
namespace {

bool same_currency(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == 3 && std::ranges::equal(a, b, {}, lower, lower);
}

}  // namespace

std::string_view name(Refusal refusal) {
  switch (refusal) {
    case Refusal::foreign_session:
      return "foreign_session";
    case Refusal::amount_mismatch:
      return "amount_mismatch";
    case Refusal::currency_mismatch:
      return "currency_mismatch";
    case Refusal::refund_exceeds_payment:
      return "refund_exceeds_payment";
  }
  return "foreign_session";
}

std::optional<Refusal> check_payment(const orders::PaymentView& order, std::int64_t amount_total,
                                     std::string_view currency) {
  if (!same_currency(currency, order.currency)) return Refusal::currency_mismatch;
  if (amount_total != order.total) return Refusal::amount_mismatch;
  return std::nullopt;
}

std::optional<Refusal> check_refund(const orders::PaymentView& order, std::int64_t amount_refunded,
                                    std::string_view currency) {
  if (!same_currency(currency, order.currency) || amount_refunded > order.total)
    return Refusal::refund_exceeds_payment;
  return std::nullopt;
}

}  // namespace comptoir::checkout
