#include <gtest/gtest.h>

#include <set>

#include "orders/return_errors.hpp"
#include "orders/returns.hpp"

namespace comptoir::orders {
namespace {

using enum ReturnState;
using namespace std::chrono_literals;

constexpr ReturnState kAll[] = {requested, approved, refused, received, refunded, closed};

TEST(ReturnTransitions, FollowTheLifeOfAReturn) {
  EXPECT_TRUE(transition_allowed(requested, approved));
  EXPECT_TRUE(transition_allowed(requested, refused));
  EXPECT_TRUE(transition_allowed(approved, received));
  EXPECT_TRUE(transition_allowed(approved, closed));  // the goods never came
  EXPECT_TRUE(transition_allowed(received, refunded));
  EXPECT_TRUE(transition_allowed(received, closed));
}

TEST(ReturnTransitions, RefuseEverythingElse) {
  std::set<std::pair<ReturnState, ReturnState>> allowed{{requested, approved}, {requested, refused},
                                                        {approved, received},  {approved, closed},
                                                        {received, refunded},  {received, closed}};
  for (auto from : kAll)
    for (auto to : kAll)
      EXPECT_EQ(transition_allowed(from, to), allowed.contains({from, to}))
          << name(from) << " → " << name(to);
  EXPECT_FALSE(transition_allowed(requested, received)) << "goods come back once approved";
  EXPECT_FALSE(transition_allowed(approved, refunded)) << "nothing is refunded before it came back";
}

TEST(ReturnStates, NamesRoundTripAndUnknownTextIsRefused) {
  for (auto state : kAll) EXPECT_EQ(parse_return_state(name(state)), state);
  EXPECT_FALSE(parse_return_state("lost"));
  for (auto reason : kReturnReasons) EXPECT_EQ(parse_return_reason(name(reason)), reason);
  EXPECT_FALSE(parse_return_reason(""));
}

TEST(ReturnStates, WhichHoldUnitsAndMoney) {
  EXPECT_FALSE(covers_units(refused));
  for (auto state : {requested, approved, received, refunded, closed})
    EXPECT_TRUE(covers_units(state)) << name(state);
  for (auto state : {requested, approved, received}) EXPECT_TRUE(awaits_refund(state));
  for (auto state : {refused, refunded, closed}) EXPECT_FALSE(awaits_refund(state));
}

TEST(ReturnNumbers, AreRmaAndEightCrockfordSymbols) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto number = new_return_number();
    EXPECT_TRUE(is_return_number(number)) << number;
    EXPECT_EQ(number.size(), 12u);
    seen.insert(number);
  }
  EXPECT_GT(seen.size(), 195u);
  EXPECT_FALSE(is_return_number("CMP-7K3Q9XAB")) << "an order number";
  EXPECT_FALSE(is_return_number("RMA-7K3Q9XAI")) << "I is not Crockford";
  EXPECT_FALSE(is_return_number("rma-7k3q9xab"));
}

TEST(ReturnableOrders, OnlyPaidGoods) {
  using enum OrderStatus;
  for (auto status : {paid, fulfilled, delivered, partially_refunded})
    EXPECT_TRUE(accepts_returns(status)) << name(status);
  for (auto status : {pending, cancelled, refunded})
    EXPECT_FALSE(accepts_returns(status)) << name(status);
}

TEST(ReturnWindow, CountsFromShippingElsePayment) {
  auto paid = std::chrono::sys_seconds{std::chrono::sys_days{2026y / 3 / 1}};
  auto shipped = paid + std::chrono::days{4};
  EXPECT_EQ(window_start(shipped, paid), shipped);
  EXPECT_EQ(window_start(std::nullopt, paid), paid);
  EXPECT_FALSE(window_start(std::nullopt, std::nullopt));
  EXPECT_EQ(window_end(ReturnPolicy{}, shipped),
            std::chrono::sys_seconds{std::chrono::sys_days{2026y / 4 / 4}});
  EXPECT_EQ(window_end(ReturnPolicy{.window = std::chrono::days{14}}, shipped),
            std::chrono::sys_seconds{std::chrono::sys_days{2026y / 3 / 19}});
}

// 3 × $10.00 and 1 × $25.00 in Québec, taxes shared among the lines (and shipping) as the
// checkout stored them.
Order quebec_order() {
  Order order;
  order.currency = "CAD";
  order.totals = {
      .subtotal = 5'500, .shipping = 995, .tax = 973, .tax_included = false, .total = 7'468};
  order.lines = {{.sku = "TEA",
                  .name = "Thé",
                  .unit_price = 1'000,
                  .quantity = 3,
                  .amount = 3'000,
                  .tax = 449,
                  .position = 0},
                 {.sku = "POT",
                  .name = "Théière",
                  .unit_price = 2'500,
                  .quantity = 1,
                  .amount = 2'500,
                  .tax = 374,
                  .position = 1}};
  return order;
}

TEST(ReturnValue, IsTheUnitsPriceAndTaxShare) {
  auto order = quebec_order();
  // One unit of three: (3000 + 449) / 3 = 1149.67 → 1150.
  EXPECT_EQ(units_value(order.lines[0], order.totals, 0, 1), 1'150);
  EXPECT_EQ(units_value(order.lines[0], order.totals, 0, 3), 3'449);
  EXPECT_EQ(units_value(order.lines[1], order.totals, 0, 1), 2'874);
}

TEST(ReturnValue, UnitsReturnedOneByOneAddUpToTheLineExactly) {
  auto order = quebec_order();
  const auto& line = order.lines[0];
  std::int64_t sum = 0;
  for (int before = 0; before < 3; ++before) sum += units_value(line, order.totals, before, 1);
  EXPECT_EQ(sum, 3'449) << "cumulative shares never pay a rounded cent twice";
  EXPECT_EQ(units_value(line, order.totals, 1, 2), 3'449 - 1'150);
}

TEST(ReturnValue, TaxIncludedPricesAreNotTaxedAgain) {
  Order order;
  order.totals = {.subtotal = 2'400, .tax = 400, .tax_included = true, .total = 2'400};
  order.lines = {{.unit_price = 1'200, .quantity = 2, .amount = 2'400, .tax = 400}};
  EXPECT_EQ(units_value(order.lines[0], order.totals, 0, 1), 1'200);
}

TEST(ReturnValue, TheOrdersDiscountIsSharedByItsLines) {
  Order order;
  order.totals = {.subtotal = 4'000, .discount = 1'000, .tax = 0, .total = 3'000};
  order.lines = {{.unit_price = 1'000, .quantity = 2, .amount = 2'000, .position = 0},
                 {.unit_price = 2'000, .quantity = 1, .amount = 2'000, .position = 1}};
  EXPECT_EQ(units_value(order.lines[0], order.totals, 0, 2), 1'500);
  EXPECT_EQ(units_value(order.lines[1], order.totals, 0, 1), 1'500);
}

TEST(ReturnPlan, PricesTheAskedUnitsAndSkipsZeroes) {
  auto order = quebec_order();
  auto plan =
      plan_return(order, {}, {{.position = 1, .quantity = 1}, {.position = 0, .quantity = 0}});
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->lines.size(), 1u);
  EXPECT_EQ(plan->lines[0].position, 1);
  EXPECT_EQ(plan->value, 2'874);
}

TEST(ReturnPlan, NeverMoreUnitsThanTheEarlierReturnsLeft) {
  auto order = quebec_order();
  CoveredUnits covered{{0, 2}};
  auto too_many = plan_return(order, covered, {{.position = 0, .quantity = 2}});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().error, ReturnError::too_many_units);
  EXPECT_EQ(too_many.error().position, 0);
  EXPECT_EQ(too_many.error().units_left, 1);
  auto last = plan_return(order, covered, {{.position = 0, .quantity = 1}});
  ASSERT_TRUE(last);
  EXPECT_EQ(last->value, 3'449 - units_value(order.lines[0], order.totals, 0, 2))
      << "the last unit is worth what the first two left of the line";
}

TEST(ReturnPlan, RefusesNothingUnknownLinesAndNegativeUnits) {
  auto order = quebec_order();
  EXPECT_EQ(plan_return(order, {}, {}).error().error, ReturnError::nothing_selected);
  EXPECT_EQ(plan_return(order, {}, {{.position = 0, .quantity = 0}}).error().error,
            ReturnError::nothing_selected);
  EXPECT_EQ(plan_return(order, {}, {{.position = 7, .quantity = 1}}).error().error,
            ReturnError::unknown_line);
  EXPECT_EQ(plan_return(order, {}, {{.position = 0, .quantity = 1}, {.position = 0, .quantity = 1}})
                .error()
                .error,
            ReturnError::unknown_line)
      << "a line named twice";
  EXPECT_EQ(plan_return(order, {}, {{.position = 0, .quantity = -1}}).error().error,
            ReturnError::bad_quantity);
}

TEST(ReturnCoverage, RefusedReturnsGiveTheirUnitsBack) {
  auto covered = covered_by({{.state = requested, .position = 0, .quantity = 1},
                             {.state = refused, .position = 0, .quantity = 2},
                             {.state = closed, .position = 1, .quantity = 1},
                             {.state = refunded, .position = 0, .quantity = 1}});
  EXPECT_EQ(covered[0], 2);
  EXPECT_EQ(covered[1], 1);
}

TEST(ReturnMoney, ANewReturnClaimsOnlyWhatIsNeitherRefundedNorPromised) {
  std::vector<MoneyTally> tallies{
      {.return_id = 1, .state = requested, .refund_amount = 3'000},
      {.return_id = 2, .state = refused, .refund_amount = 9'000},
      {.return_id = 3, .state = refunded, .refund_amount = 2'000, .refunded_amount = 1'500}};
  auto money = order_money(10'000, 1'500, tallies);
  EXPECT_EQ(money.awaiting_refund, 3'000);
  EXPECT_EQ(money.refunded_by_returns, 1'500);
  EXPECT_EQ(refund_room(money), 10'000 - 1'500 - 3'000);
  // A refund made on the order outside returns counts as well; the larger of the two is used.
  EXPECT_EQ(refund_room(order_money(10'000, 6'000, tallies)), 10'000 - 6'000 - 3'000);
  EXPECT_EQ(refund_room(order_money(10'000, 9'000, tallies)), 0) << "never below nothing";
}

TEST(ReturnMoney, AReceivedReturnIsRefundableWithinWhatTheOrderHasLeft) {
  std::vector<MoneyTally> tallies{{.return_id = 1, .state = received, .refund_amount = 4'000},
                                  {.return_id = 2, .state = approved, .refund_amount = 5'000}};
  auto others = order_money(10'000, 0, tallies, 1);
  EXPECT_EQ(refundable(received, 4'000, others), 4'000);
  EXPECT_EQ(refundable(received, 4'000, order_money(10'000, 3'000, tallies, 1)), 2'000)
      << "3 000 refunded on the order and 5 000 promised leave 2 000";
  EXPECT_EQ(refundable(approved, 4'000, others), 0) << "not received yet";
  EXPECT_EQ(refundable(refunded, 4'000, others), 0);
}

TEST(ReturnTexts, AreAtMostAThousandCharactersNotBytes) {
  EXPECT_TRUE(fits_return_text(std::string(1000, 'a')));
  EXPECT_FALSE(fits_return_text(std::string(1001, 'a')));
  std::string accents;
  for (int i = 0; i < 1000; ++i) accents += "é";  // 2000 bytes
  EXPECT_TRUE(fits_return_text(accents));
}

TEST(ReturnRefusals, EachHasAStatusAMessageAndACode) {
  using enum ReturnError;
  for (auto error :
       {unknown_order, not_returnable, outside_window, nothing_selected, unknown_line, bad_quantity,
        too_many_units, comment_too_long, unknown_return, not_allowed, note_required, bad_amount}) {
    auto refusal = refusal_of(error);
    EXPECT_TRUE(refusal.message_key.starts_with("returns.error.")) << refusal.message_key;
    EXPECT_TRUE(refusal.code.starts_with("returns.")) << refusal.code;
    EXPECT_GE(static_cast<int>(refusal.status), 400);
  }
  EXPECT_EQ(refusal_of(unknown_order).status, http::Status::not_found);
  EXPECT_EQ(refusal_of(not_allowed).status, http::Status::conflict);
  EXPECT_EQ(refusal_of(too_many_units).status, http::Status::unprocessable_entity);
}

}  // namespace
}  // namespace comptoir::orders
