#include "orders/returns.hpp"

#include <algorithm>
#include <set>

namespace comptoir::orders {
namespace {

constexpr std::string_view kReturnPrefix = "RMA-";

constexpr std::array kStateNames{
    std::pair{ReturnState::requested, std::string_view("requested")},
    std::pair{ReturnState::approved, std::string_view("approved")},
    std::pair{ReturnState::refused, std::string_view("refused")},
    std::pair{ReturnState::received, std::string_view("received")},
    std::pair{ReturnState::refunded, std::string_view("refunded")},
    std::pair{ReturnState::closed, std::string_view("closed")},
};

constexpr std::array kReasonNames{
    std::pair{ReturnReason::damaged, std::string_view("damaged")},
    std::pair{ReturnReason::defective, std::string_view("defective")},
    std::pair{ReturnReason::wrong_item, std::string_view("wrong_item")},
    std::pair{ReturnReason::not_as_described, std::string_view("not_as_described")},
    std::pair{ReturnReason::no_longer_needed, std::string_view("no_longer_needed")},
    std::pair{ReturnReason::other, std::string_view("other")},
};

template <class Enum, std::size_t N>
std::string_view name_in(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  for (const auto& [known, text] : names)
    if (known == value) return text;
  return names.front().second;
}

template <class Enum, std::size_t N>
std::optional<Enum> parse_in(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view text) {
  for (const auto& [value, known] : names)
    if (known == text) return value;
  return std::nullopt;
}

// 128 bits, as cart/totals.cpp: a discount times a line's amount does not fit in 64.
__extension__ using Wide = __int128;

// round_half_up(value × n / d) for non-negative values.
std::int64_t share(std::int64_t value, std::int64_t n, std::int64_t d) {
  if (d <= 0) return 0;
  auto product = static_cast<Wide>(value) * n;
  return static_cast<std::int64_t>((2 * product + d) / (2 * static_cast<Wide>(d)));
}

}  // namespace

std::string_view name(ReturnState state) {
  return name_in(kStateNames, state);
}

std::optional<ReturnState> parse_return_state(std::string_view text) {
  return parse_in(kStateNames, text);
}

bool transition_allowed(ReturnState from, ReturnState to) {
  using enum ReturnState;
  switch (from) {
    case requested:
      return to == approved || to == refused;
    case approved:
      return to == received || to == closed;
    case received:
      return to == refunded || to == closed;
    case refused:
    case refunded:
    case closed:
      return false;
  }
  return false;
}

bool awaits_refund(ReturnState state) {
  using enum ReturnState;
  return state == requested || state == approved || state == received;
}

bool covers_units(ReturnState state) {
  return state != ReturnState::refused;
}

std::string_view name(ReturnReason reason) {
  return name_in(kReasonNames, reason);
}

std::optional<ReturnReason> parse_return_reason(std::string_view text) {
  return parse_in(kReasonNames, text);
}

std::string new_return_number() {
  return new_public_number(kReturnPrefix);
}

bool is_return_number(std::string_view text) {
  return is_public_number(text, kReturnPrefix);
}

bool accepts_returns(OrderStatus status) {
  using enum OrderStatus;
  return status == paid || status == fulfilled || status == delivered ||
         status == partially_refunded;
}

std::optional<std::chrono::sys_seconds> window_start(
    std::optional<std::chrono::sys_seconds> shipped, std::optional<std::chrono::sys_seconds> paid) {
  return shipped ? shipped : paid;
}

std::chrono::sys_seconds window_end(const ReturnPolicy& policy, std::chrono::sys_seconds start) {
  return start + policy.window;
}

int units_left(const OrderLine& line, const CoveredUnits& covered) {
  auto found = covered.find(line.position);
  return std::max(0, line.quantity - (found == covered.end() ? 0 : found->second));
}

std::int64_t units_value(const OrderLine& line, const cart::Totals& totals, int before, int units) {
  // The line's part of the discount, in proportion to its amount among the goods.
  auto amount = line.amount - share(totals.discount, line.amount, totals.subtotal);
  auto value = amount + (totals.tax_included ? 0 : line.tax);
  return share(value, before + units, line.quantity) - share(value, before, line.quantity);
}

std::expected<ReturnPlan, ReturnFailure> plan_return(const Order& order,
                                                     const CoveredUnits& covered,
                                                     const std::vector<ReturnedUnits>& asked) {
  ReturnPlan plan;
  std::set<int> named;
  for (const auto& units : asked) {
    auto line = std::ranges::find(order.lines, units.position, &OrderLine::position);
    if (line == order.lines.end() || !named.insert(units.position).second)
      return std::unexpected(
          ReturnFailure{.error = ReturnError::unknown_line, .position = units.position});
    if (units.quantity < 0)
      return std::unexpected(
          ReturnFailure{.error = ReturnError::bad_quantity, .position = units.position});
    if (units.quantity == 0) continue;
    auto left = units_left(*line, covered);
    if (units.quantity > left)
      return std::unexpected(ReturnFailure{
          .error = ReturnError::too_many_units, .position = units.position, .units_left = left});
    auto before = line->quantity - left;
    plan.value += units_value(*line, order.totals, before, units.quantity);
    plan.lines.push_back(units);
  }
  if (plan.lines.empty())
    return std::unexpected(ReturnFailure{.error = ReturnError::nothing_selected});
  std::ranges::sort(plan.lines, {}, &ReturnedUnits::position);
  return plan;
}

std::int64_t refund_room(const OrderMoney& money) {
  auto refunded = std::max(money.refunded, money.refunded_by_returns);
  return std::max<std::int64_t>(0, money.paid - refunded - money.awaiting_refund);
}

CoveredUnits covered_by(const std::vector<LineTally>& tallies) {
  CoveredUnits covered;
  for (const auto& tally : tallies)
    if (covers_units(tally.state)) covered[tally.position] += tally.quantity;
  return covered;
}

OrderMoney order_money(std::int64_t paid, std::int64_t refunded,
                       const std::vector<MoneyTally>& tallies, std::optional<std::int64_t> except) {
  OrderMoney money{.paid = paid, .refunded = refunded};
  for (const auto& tally : tallies) {
    if (except && tally.return_id == *except) continue;
    if (tally.state == ReturnState::refunded) money.refunded_by_returns += tally.refunded_amount;
    if (awaits_refund(tally.state)) money.awaiting_refund += tally.refund_amount;
  }
  return money;
}

std::int64_t refundable(ReturnState state, std::int64_t refund_amount, const OrderMoney& others) {
  if (state != ReturnState::received) return 0;
  return std::min(refund_amount, refund_room(others));
}

bool fits_return_text(std::string_view text) {
  auto code_points = std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  return static_cast<std::size_t>(code_points) <= kMaxReturnText;
}

}  // namespace comptoir::orders
