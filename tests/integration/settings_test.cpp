#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "cart/cart_service.hpp"
#include "cart/shipping_rates.hpp"
#include "cart/totals.hpp"
#include "migrated_database_test.hpp"
#include "settings/settings_store.hpp"

namespace comptoir::settings {
namespace {

// The shop's settings in PostgreSQL: revisions, stale saves, and the rules that read them.
class Settings : public db::test::MigratedDatabaseTest {
 protected:
  static ShopSettings named(ShopSettings s) {
    s.name_fr = "Boutique";
    s.name_en = "Shop";
    s.contact_email = "bonjour@boutique.example";
    return s;
  }
};

TEST_F(Settings, AFreshShopReadsTheDefaults) {
  auto conn = connect();
  auto snapshot = load(conn);
  EXPECT_EQ(snapshot.revision, 0);
  EXPECT_EQ(snapshot.settings, ShopSettings{});
  EXPECT_EQ(snapshot.settings.return_window_days, 30);
  EXPECT_EQ(snapshot.settings.low_stock_threshold, 5);
}

TEST_F(Settings, ASaveFromAnOldRevisionWritesNothing) {
  auto conn = connect();
  auto wanted = named(load(conn).settings);
  wanted.handling_fee = {.amount = 250, .taxable = true};
  conn.exec_script("BEGIN");
  auto first = save(conn, 0, wanted);
  conn.exec_script("COMMIT");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->now.revision, 1);
  EXPECT_TRUE(first->changes.contains("fees.handling.amount"));
  EXPECT_TRUE(first->changes.contains("shop.name.fr"));

  auto other = wanted;
  other.handling_fee.amount = 999;
  conn.exec_script("BEGIN");
  auto stale = save(conn, 0, other);
  conn.exec_script("COMMIT");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error(), SaveError::stale);
  EXPECT_EQ(load(conn).settings.handling_fee.amount, 250);

  conn.exec_script("BEGIN");
  auto same = save(conn, 1, wanted);
  conn.exec_script("COMMIT");
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->changes.empty());
  EXPECT_EQ(load(conn).revision, 1) << "a save that changes nothing keeps the revision";
}

TEST_F(Settings, InvalidSettingsAreRefusedWhole) {
  auto conn = connect();
  auto wanted = named(ShopSettings{});
  wanted.legal.gst_number = "12345";
  conn.exec_script("BEGIN");
  auto refused = save(conn, 0, wanted);
  conn.exec_script("COMMIT");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), SaveError::invalid);
  EXPECT_EQ(load(conn).revision, 0);
}

TEST_F(Settings, TwoSavesFromOneRevisionCannotBothWin) {
  auto first = connect();
  auto second = connect();
  auto a = named(ShopSettings{});
  a.low_stock_threshold = 3;
  auto b = named(ShopSettings{});
  b.low_stock_threshold = 9;
  first.exec_script("BEGIN");
  ASSERT_TRUE(save(first, 0, a));
  // The second save waits for the first's lock, then finds the revision moved.
  auto racing = std::async(std::launch::async, [&] {
    second.exec_script("BEGIN");
    auto out = save(second, 0, b);
    second.exec_script("COMMIT");
    return out;
  });
  EXPECT_EQ(racing.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  first.exec_script("COMMIT");
  auto lost = racing.get();
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error(), SaveError::stale);
  EXPECT_EQ(load(first).settings.low_stock_threshold, 3);
}

TEST_F(Settings, TheHandlingFeeIsInEveryDestinationsRulesAndTotals) {
  auto conn = connect();
  auto rules = cart::CartService::region_rules(conn, "CA-QC");
  ASSERT_TRUE(rules);
  EXPECT_TRUE(rules->fees.empty()) << "no fee until one is set";

  auto wanted = named(ShopSettings{});
  wanted.handling_fee = {.amount = 500, .taxable = false};
  conn.exec_script("BEGIN");
  ASSERT_TRUE(save(conn, 0, wanted));
  conn.exec_script("COMMIT");
  rules = cart::CartService::region_rules(conn, "CA-QC");
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->fees.size(), 1U);
  EXPECT_EQ(rules->fees[0].amount, 500);
  EXPECT_FALSE(rules->fees[0].taxable);
  cart::TotalsInput input{.lines = {{.unit_price = 10'000, .quantity = 1}},
                          .fees = rules->fees,
                          .shipping = rules->shipping,
                          .region = rules->region};
  auto totals = cart::compute_totals(input);
  EXPECT_EQ(totals.fees, 500);
  // 100,00 $ of goods: 14,98 $ of GST + QST on the goods only, free shipping from 75,00 $.
  EXPECT_EQ(totals.total, 11'498 + 500);
}

TEST_F(Settings, AStoredValueThatIsNotUnderstoodReadsAsItsDefault) {
  auto conn = connect();
  conn.exec_script(
      "INSERT INTO settings (key, value) VALUES ('returns.window_days', '\"thirty\"'), "
      "('stock.low_threshold', '12')");
  auto read = load(conn).settings;
  EXPECT_EQ(read.return_window_days, 30);
  EXPECT_EQ(read.low_stock_threshold, 12);
}

}  // namespace
}  // namespace comptoir::settings

namespace comptoir::cart {
namespace {

// Shipping by destination, as the settings page saves it: all or nothing, stale pages refused.
class ShippingRates : public db::test::MigratedDatabaseTest {};

TEST_F(ShippingRates, ChangesApplyAllOrNothingAndStalePagesWriteNothing) {
  auto conn = connect();
  auto rates = shipping_rates(conn);
  auto quebec = std::ranges::find(rates, std::string("CA-QC"), &RegionShipping::code);
  ASSERT_NE(quebec, rates.end());
  EXPECT_EQ(quebec->rule, (ShippingRule{.flat_fee = 995, .free_from = 7'500, .taxable = true}));

  const ShippingRule cheaper{.flat_fee = 695, .free_from = std::nullopt, .taxable = true};
  auto changed = set_shipping_rates(
      conn, {{.code = "CA-QC", .expected = quebec->rule, .wanted = cheaper},
             {.code = "CA-ON",
              .expected = {.flat_fee = 1495, .free_from = 10'000, .taxable = true},
              .wanted = {.flat_fee = 1495, .free_from = 10'000, .taxable = true}}});
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->size(), 1U) << "an unchanged destination is not a change";
  EXPECT_EQ((*changed)[0].after, cheaper);
  EXPECT_EQ(CartService::region_rules(conn, "CA-QC")->shipping, cheaper);

  // A page that showed the old rule, and one valid update beside it: nothing is written.
  auto stale = set_shipping_rates(
      conn, {{.code = "CA-ON",
              .expected = {.flat_fee = 1495, .free_from = 10'000, .taxable = true},
              .wanted = {.flat_fee = 0, .free_from = std::nullopt, .taxable = true}},
             {.code = "CA-QC", .expected = quebec->rule, .wanted = quebec->rule}});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().error, ShippingError::stale);
  EXPECT_EQ(stale.error().code, "CA-QC");
  EXPECT_EQ(CartService::region_rules(conn, "CA-ON")->shipping.flat_fee, 1495);

  auto invalid = set_shipping_rates(
      conn, {{.code = "CA-QC", .expected = cheaper, .wanted = {.flat_fee = kMaxShippingFee + 1}}});
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().error, ShippingError::invalid);
  auto unknown = set_shipping_rates(conn, {{.code = "XX", .expected = cheaper, .wanted = cheaper}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().error, ShippingError::unknown_region);
}

}  // namespace
}  // namespace comptoir::cart
