#include <gtest/gtest.h>

#include "orders/order_quote.hpp"

namespace comptoir::orders {
namespace {

using catalog::Reservation;
using catalog::VariantOffer;

cart::RegionRules quebec() {
  cart::RegionRules rules;
  rules.region = {
      .code = "CA-QC",
      .taxes = {{.code = "gst", .millionths = 50'000}, {.code = "qst", .millionths = 99'750}}};
  rules.shipping = {.flat_fee = 995};
  return rules;
}

const std::vector<VariantOffer> kOffers{
    {.variant_id = 7, .sku = "MUG-1", .price = 1995, .currency = "CAD"},
    {.variant_id = 3, .sku = "KET-1", .price = 1990, .currency = "CAD", .track_inventory = false}};

TEST(Quote, PricesEachLineFromItsOfferAndTotalsThemForTheDestination) {
  auto quoted = quote({{.variant_id = 3, .product_id = 30, .quantity = 2, .name = "Bouilloire"},
                       {.variant_id = 7, .product_id = 70, .quantity = 1}},
                      kOffers, quebec());
  ASSERT_TRUE(quoted.complete);
  ASSERT_EQ(quoted.lines.size(), 2U);
  EXPECT_EQ(quoted.lines[0].sku, "KET-1");
  EXPECT_EQ(quoted.lines[0].name, "Bouilloire");
  EXPECT_EQ(quoted.lines[0].amount, 3980);
  EXPECT_EQ(quoted.lines[1].name, "MUG-1") << "no name: the SKU stands for it";
  EXPECT_EQ(quoted.tracked, (std::vector<bool>{false, true}));
  EXPECT_EQ(quoted.currency, "CAD");
  // The same figures as the checkout's own test pins: 59.75 $ of goods, 9.95 $ of shipping.
  EXPECT_EQ(quoted.totals.subtotal, 5975);
  EXPECT_EQ(quoted.totals.shipping, 995);
  EXPECT_EQ(quoted.totals.total,
            cart::compute_totals({.lines = {{.unit_price = 1990, .quantity = 2},
                                            {.unit_price = 1995, .quantity = 1}},
                                  .shipping = quebec().shipping,
                                  .region = quebec().region})
                .total);
  EXPECT_EQ(quoted.lines[0].tax + quoted.lines[1].tax + quoted.totals.shipping_tax,
            quoted.totals.tax);
}

TEST(Quote, AVariantWithoutAnOfferLeavesItIncomplete) {
  auto quoted = quote({{.variant_id = 3, .quantity = 1}, {.variant_id = 99, .quantity = 1}},
                      kOffers, quebec());
  EXPECT_FALSE(quoted.complete);
  EXPECT_TRUE(quoted.lines.empty());
}

TEST(StillQuoted, HoldsOnlyWhenTheLockedRowSaysWhatTheQuoteWasBuiltFrom) {
  auto quoted = quote({{.variant_id = 7, .quantity = 1}}, kOffers, quebec());
  Reservation taken{.outcome = Reservation::Outcome::reserved,
                    .sku = "MUG-1",
                    .unit_price = 1995,
                    .currency = "CAD"};
  EXPECT_TRUE(still_quoted(quoted, 0, taken));
  auto repriced = taken;
  repriced.unit_price = 2095;
  EXPECT_FALSE(still_quoted(quoted, 0, repriced));
  auto untracked = taken;
  untracked.outcome = Reservation::Outcome::not_tracked;
  EXPECT_FALSE(still_quoted(quoted, 0, untracked));
  auto renamed = taken;
  renamed.sku = "MUG-2";
  EXPECT_FALSE(still_quoted(quoted, 0, renamed));
  EXPECT_FALSE(still_quoted(quoted, 1, taken)) << "no such line";
}

}  // namespace
}  // namespace comptoir::orders
