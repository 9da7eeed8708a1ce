#include "checkout/refund.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "http/form.hpp"

namespace comptoir::checkout {
namespace {

constexpr std::array kStates{
    std::pair{RefundState::pending, std::string_view("pending")},
    std::pair{RefundState::succeeded, std::string_view("succeeded")},
    std::pair{RefundState::failed, std::string_view("failed")},
};

constexpr std::array kReasons{
    std::pair{RefundReason::requested_by_customer, std::string_view("requested_by_customer")},
    std::pair{RefundReason::duplicate, std::string_view("duplicate")},
    std::pair{RefundReason::fraudulent, std::string_view("fraudulent")},
    std::pair{RefundReason::returned, std::string_view("returned")},
    std::pair{RefundReason::other, std::string_view("other")},
};

template <class Enum, std::size_t N>
std::string_view name_in(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  auto found = std::ranges::find(names, value, &std::pair<Enum, std::string_view>::first);
  return found != names.end() ? found->second : names.front().second;
}

template <class Enum, std::size_t N>
std::optional<Enum> parse_in(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view text) {
  auto found = std::ranges::find(names, text, &std::pair<Enum, std::string_view>::second);
  if (found == names.end()) return std::nullopt;
  return found->first;
}

}  // namespace

std::string_view name(RefundState state) {
  return name_in(kStates, state);
}

std::optional<RefundState> parse_refund_state(std::string_view text) {
  return parse_in(kStates, text);
}

std::string_view name(RefundReason reason) {
  return name_in(kReasons, reason);
}

std::optional<RefundReason> parse_refund_reason(std::string_view text) {
  return parse_in(kReasons, text);
}

std::string_view stripe_reason(RefundReason reason) {
  switch (reason) {
    case RefundReason::requested_by_customer:
    case RefundReason::returned:
      return "requested_by_customer";
    case RefundReason::duplicate:
      return "duplicate";
    case RefundReason::fraudulent:
      return "fraudulent";
    case RefundReason::other:
      return "";
  }
  return "";
}

std::size_t characters(std::string_view text) {
  // Every byte but UTF-8's continuation bytes (10xxxxxx) starts a character.
  return static_cast<std::size_t>(std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string clipped_text(std::string_view text, std::size_t most) {
  std::string out(text);
  if (!http::is_clean_text(out))
    for (auto& c : out)
      if (c == '\0' || (static_cast<unsigned char>(c) & 0x80) != 0) c = '?';
  std::size_t seen = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (seen++ == most) return out.substr(0, i);
  }
  return out;
}

std::int64_t refundable_amount(std::int64_t total, std::int64_t refunded, std::int64_t pending) {
  return std::max<std::int64_t>(0, total - refunded - pending);
}

bool refundable_status(orders::OrderStatus status) {
  using enum orders::OrderStatus;
  return status == paid || status == fulfilled || status == delivered ||
         status == partially_refunded;
}

std::optional<RefundError> check_new_refund(const orders::PaymentView& order, std::int64_t pending,
                                            std::int64_t amount) {
  if (!refundable_status(order.status)) return RefundError::not_refundable;
  if (amount <= 0) return RefundError::bad_amount;
  if (amount > refundable_amount(order.total, order.refunded_amount, pending))
    return RefundError::exceeds_refundable;
  // Staff may have marked a Stripe order paid by hand: Stripe then holds no payment of ours.
  if (order.provider == orders::PaymentProvider::stripe && order.payment_intent.empty())
    return RefundError::no_payment;
  return std::nullopt;
}

orders::OrderStatus refunded_status(std::int64_t total, std::int64_t refunded) {
  return refunded >= total ? orders::OrderStatus::refunded
                           : orders::OrderStatus::partially_refunded;
}

RefundState state_of_stripe_status(std::string_view status) {
  if (status == "succeeded") return RefundState::succeeded;
  if (status == "failed" || status == "canceled") return RefundState::failed;
  return RefundState::pending;
}

}  // namespace comptoir::checkout
