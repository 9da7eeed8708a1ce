#include <gtest/gtest.h>

#include <numeric>
#include <stdexcept>

#include "cart/totals.hpp"

namespace comptoir::cart {
namespace {

// Rates of 2026: GST 5 %, QST 9.975 % (on the price before GST, since 2013), Ontario HST 13 %,
// French TVA 20 % (included in shelf prices).
const TaxRegion kQuebec{.code = "CA-QC", .taxes = {{"gst", 50'000}, {"qst", 99'750}}};
const TaxRegion kOntario{.code = "CA-ON", .taxes = {{"hst", 130'000}}};
const TaxRegion kFrance{.code = "FR", .taxes = {{"tva", 200'000}}, .prices_include_tax = true};

TotalsInput cart(std::vector<LineInput> lines, TaxRegion region, ShippingRule shipping = {}) {
  return {.lines = std::move(lines), .shipping = shipping, .region = std::move(region)};
}

TEST(Totals, QuebecAddsGstAndQstEachRoundedHalfUp) {
  auto t = compute_totals(cart({{.unit_price = 10'000, .quantity = 1}}, kQuebec));
  EXPECT_EQ(t.subtotal, 10'000);
  ASSERT_EQ(t.taxes.size(), 2u);
  EXPECT_EQ(t.taxes[0].amount, 500);  // GST 5,00 $
  EXPECT_EQ(t.taxes[1].amount, 998);  // QST 9,975 $ → 9,98 $
  EXPECT_EQ(t.tax, 1'498);
  EXPECT_EQ(t.total, 11'498);  // the 114,98 $ every Québec receipt shows for 100 $
  EXPECT_FALSE(t.tax_included);
}

TEST(Totals, EachTaxIsRoundedOnTheWholeTaxableAmountNotPerLine) {
  // Three lines of 0,10 $: GST per line would be 0,005 → 0,01 each (0,03); on the total 0,30 $ it
  // is 0,015 → 0,02.
  auto t = compute_totals(cart({{.unit_price = 10, .quantity = 1},
                                {.unit_price = 10, .quantity = 1},
                                {.unit_price = 10, .quantity = 1}},
                               {.taxes = {{"gst", 50'000}}}));
  EXPECT_EQ(t.tax, 2);
  EXPECT_EQ(t.lines[0].tax + t.lines[1].tax + t.lines[2].tax, 2);
}

TEST(Totals, HalfACentRoundsUpJustBelowHalfRoundsDown) {
  EXPECT_EQ(
      compute_totals(cart({{.unit_price = 10, .quantity = 1}}, {.taxes = {{"gst", 50'000}}})).tax,
      1);  // 0,5 ¢ → 1 ¢
  EXPECT_EQ(compute_totals(cart({{.unit_price = 1'999, .quantity = 1}}, kQuebec)).taxes[1].amount,
            199);  // QST of 19,99 $ = 1,994 $ → 1,99 $
  EXPECT_EQ(divide_half_up(5, 10), 1);
  EXPECT_EQ(divide_half_up(4, 10), 0);
  EXPECT_EQ(divide_half_up(0, 7), 0);
}

TEST(Totals, OntarioChargesHstOnGoodsAndShipping) {
  auto t = compute_totals(cart({{.unit_price = 4'999, .quantity = 2}}, kOntario,
                               {.flat_fee = 1'200, .free_from = 15'000}));
  EXPECT_EQ(t.subtotal, 9'998);
  EXPECT_EQ(t.shipping, 1'200);
  EXPECT_EQ(t.taxes[0].base, 11'198);
  EXPECT_EQ(t.tax, 1'456);  // 13 % of 111,98 $ = 14,5574 $
  EXPECT_EQ(t.total, 12'654);
  EXPECT_EQ(t.lines[0].tax + t.shipping_tax, t.tax);
}

TEST(Totals, ShippingIsFreeFromTheThresholdOnTheGoodsAfterDiscount) {
  ShippingRule rule{.flat_fee = 995, .free_from = 7'500};
  EXPECT_EQ(compute_totals(cart({{.unit_price = 7'500, .quantity = 1}}, kQuebec, rule)).shipping,
            0);
  EXPECT_EQ(compute_totals(cart({{.unit_price = 7'499, .quantity = 1}}, kQuebec, rule)).shipping,
            995);
  auto discounted = cart({{.unit_price = 8'000, .quantity = 1}}, kQuebec, rule);
  discounted.discounts = {{.code = "BIENVENUE", .amount = 1'000}};
  EXPECT_EQ(compute_totals(discounted).shipping, 995) << "70 $ of goods after the discount";
  EXPECT_EQ(compute_totals(cart({}, kQuebec, rule)).total, 0) << "an empty cart ships nothing";
}

TEST(Totals, FranceShowsPricesWithTvaIncludedAndExtractsIt) {
  auto t = compute_totals(cart({{.unit_price = 2'400, .quantity = 1}}, kFrance));
  EXPECT_TRUE(t.tax_included);
  EXPECT_EQ(t.tax, 400);  // 24,00 € TTC = 20,00 € HT + 4,00 € TVA
  EXPECT_EQ(t.total, 2'400);
  EXPECT_EQ(compute_totals(cart({{.unit_price = 1'000, .quantity = 1}}, kFrance)).tax,
            167);  // 10 € × 0,2 / 1,2 = 1,6667 €
}

TEST(Totals, ADiscountLowersTheTaxableAmount) {
  auto input = cart({{.unit_price = 5'000, .quantity = 2}}, kQuebec);
  input.discounts = {{.code = "PROMO", .amount = 2'000}};
  auto t = compute_totals(input);
  EXPECT_EQ(t.discount, 2'000);
  EXPECT_EQ(t.taxes[0].base, 8'000);
  EXPECT_EQ(t.tax, 400 + 798);  // 5 % and 9,975 % of 80 $
  EXPECT_EQ(t.total, 8'000 + 1'198);
  input.discounts = {{.code = "TROP", .amount = 50'000}};
  EXPECT_EQ(compute_totals(input).total, 0) << "a discount never makes the total negative";
}

TEST(Totals, UntaxedLinesAndFeesFollowTheirFlag) {
  auto input = cart({{.unit_price = 3'000, .quantity = 1, .taxable = false},
                     {.unit_price = 1'000, .quantity = 3}},
                    kOntario);
  input.fees = {{.code = "eco", .amount = 50, .taxable = true},
                {.code = "deposit", .amount = 100, .taxable = false}};
  auto t = compute_totals(input);
  EXPECT_EQ(t.subtotal, 6'000);
  EXPECT_EQ(t.fees, 150);
  EXPECT_EQ(t.taxes[0].base, 3'050);
  EXPECT_EQ(t.tax, 397);  // 13 % of 30,50 $ = 3,965 $ → 3,97 $
  EXPECT_EQ(t.lines[0].tax, 0);
  EXPECT_EQ(t.total, 6'000 + 150 + 397);
}

TEST(Totals, LineSharesOfEachTaxAddUpExactly) {
  auto t = compute_totals(cart({{.unit_price = 333, .quantity = 1},
                                {.unit_price = 333, .quantity = 1},
                                {.unit_price = 334, .quantity = 1}},
                               kQuebec, {.flat_fee = 999}));
  std::int64_t shared = t.shipping_tax;
  for (const auto& line : t.lines) shared += line.tax;
  EXPECT_EQ(shared, t.tax);
}

TEST(Totals, NonsenseIsRefused) {
  EXPECT_THROW(compute_totals(cart({{.unit_price = -1, .quantity = 1}}, kQuebec)),
               std::invalid_argument);
  EXPECT_THROW(compute_totals(cart({{.unit_price = 100, .quantity = -2}}, kQuebec)),
               std::invalid_argument);
  EXPECT_THROW(
      compute_totals(cart({{.unit_price = 1'000'000'000'000, .quantity = 1'000'000}}, kQuebec)),
      std::invalid_argument);
}

}  // namespace
}  // namespace comptoir::cart
