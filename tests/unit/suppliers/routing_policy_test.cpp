#include "suppliers/routing_policy.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace comptoir::suppliers {
namespace {

Candidate candidate(std::int64_t id, int priority, std::optional<std::int64_t> cost,
                    std::optional<int> stock, std::string currency = "CAD") {
  return {.supplier_id = id,
          .supplier_variant_id = id * 10,
          .priority = priority,
          .cost = cost,
          .currency = std::move(currency),
          .stock = stock};
}

std::int64_t chosen(const LineDemand& line, const std::vector<Candidate>& candidates,
                    int floor = 0) {
  auto c = choose_supplier(line, candidates, floor);
  return c ? c->supplier_id : 0;
}

const LineDemand kTwoMugs{.units = 2, .net_unit_price = 2000, .currency = "CAD"};

TEST(RoutingPolicy, ThePreferredSupplierComesFirstEvenWhenDearer) {
  EXPECT_EQ(chosen(kTwoMugs, {candidate(1, 100, 600, 9), candidate(2, 10, 900, 9)}), 2);
}

TEST(RoutingPolicy, AmongEqualsTheCheapestWins) {
  EXPECT_EQ(chosen(kTwoMugs, {candidate(1, 100, 900, 9), candidate(2, 100, 600, 9)}), 2);
  EXPECT_EQ(chosen(kTwoMugs, {candidate(2, 100, 600, 9), candidate(1, 100, 600, 9)}), 1)
      << "a tie goes to the first mapped (lowest supplier variant id)";
}

TEST(RoutingPolicy, ASupplierWithoutTheUnitsIsPassedOver) {
  EXPECT_EQ(chosen(kTwoMugs, {candidate(1, 10, 600, 1), candidate(2, 100, 900, 2)}), 2);
  EXPECT_EQ(chosen(kTwoMugs, {candidate(1, 10, 600, std::nullopt)}), 1)
      << "print on demand does not count its stock";
  EXPECT_EQ(chosen(kTwoMugs, {candidate(1, 10, 600, 0)}), 0);
}

TEST(RoutingPolicy, TheMarginFloorIsNeverCrossed) {
  // 2000 net: a cost of 800 leaves 60 %, 600 leaves 70 %.
  std::vector<Candidate> both{candidate(1, 10, 800, 9), candidate(2, 100, 600, 9)};
  EXPECT_EQ(chosen(kTwoMugs, both, 60), 1);
  EXPECT_EQ(chosen(kTwoMugs, both, 61), 2);
  EXPECT_EQ(chosen(kTwoMugs, both, 70), 2);
  EXPECT_EQ(chosen(kTwoMugs, both, 71), 0);
  EXPECT_EQ(chosen(kTwoMugs, {candidate(1, 10, 2001, 9)}, 0), 0) << "never at a loss";
  EXPECT_EQ(chosen(kTwoMugs, {candidate(1, 10, 2000, 9)}, 0), 1) << "at cost is not a loss";
}

TEST(RoutingPolicy, CostsThatCannotBeComparedRankAfterThoseThatCan) {
  std::vector<Candidate> mixed{candidate(1, 10, 100, 9, "USD"), candidate(2, 10, std::nullopt, 9),
                               candidate(3, 10, 1900, 9)};
  EXPECT_EQ(chosen(kTwoMugs, mixed), 3);
  EXPECT_EQ(chosen(kTwoMugs, mixed, 50), 1)
      << "the dearer comparable one is under the floor; a cost in USD is not held to it";
  EXPECT_EQ(chosen(kTwoMugs, {candidate(4, 50, std::nullopt, 9), candidate(3, 10, 1900, 9)}, 50), 4)
      << "priority still comes first";
}

TEST(RoutingPolicy, KeepsMarginWithoutOverflowing) {
  EXPECT_TRUE(keeps_margin(0, 0, 0));
  EXPECT_FALSE(keeps_margin(1, 0, 0));
  EXPECT_TRUE(keeps_margin(50, 100, 50));
  EXPECT_FALSE(keeps_margin(51, 100, 50));
  EXPECT_FALSE(keeps_margin(std::numeric_limits<std::int64_t>::max(), 100, 0));
  EXPECT_FALSE(keeps_margin(-1, 100, 0));
}

TEST(PricePolicy, RaisesToTheLeastPriceThatKeepsTheFloorWithinTheLimit) {
  // 20.00 against a cost of 6.00 with a 75 % floor: 24.00 keeps it, 20 % above the price.
  EXPECT_EQ(repriced(2000, 600, 75, 20), 2400);
  EXPECT_EQ(repriced(2000, 600, 75, 19), std::nullopt) << "a larger rise is left to staff";
  EXPECT_EQ(repriced(2000, 600, 75, 0), std::nullopt) << "0: the policy is off";
  // Rounded up to the minor unit: 7.01 at 30 % needs 10.0143 → 10.02, and 10.01 would not do.
  EXPECT_EQ(repriced(1000, 701, 30, 10), 1002);
  EXPECT_FALSE(keeps_margin(701, 1001, 30));
  EXPECT_TRUE(keeps_margin(701, 1002, 30));
  EXPECT_EQ(repriced(2400, 600, 75, 50), std::nullopt) << "the price keeps the floor already";
  EXPECT_EQ(repriced(900, 1000, 0, 20), 1000) << "floor 0: never at a loss";
  EXPECT_EQ(repriced(1000, 600, 100, 100), std::nullopt) << "no price keeps a 100 % margin";
  EXPECT_EQ(repriced(0, 600, 10, 100), std::nullopt) << "a free item is a choice, not a cost";
  EXPECT_EQ(repriced(std::numeric_limits<std::int64_t>::max(), 1, 10, 10), std::nullopt);
}

}  // namespace
}  // namespace comptoir::suppliers
