#include <gtest/gtest.h>

#include <algorithm>

#include "cart/tax_rules.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::cart {
namespace {

// The seeded rules, read back and applied by the one totals function.
class TaxRules : public db::test::MigratedDatabaseTest {};

TEST_F(TaxRules, QuebecIsSeededWithGstThenQstAndItsShipping) {
  auto conn = connect();
  auto rules = TaxRulesRepository(conn).find("CA-QC");
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->region.taxes.size(), 2u);
  EXPECT_EQ(rules->region.taxes[0].code, "gst");
  EXPECT_EQ(rules->region.taxes[1].millionths, 99'750);
  EXPECT_FALSE(rules->region.prices_include_tax);
  EXPECT_EQ(rules->shipping.free_from, 7'500);

  TotalsInput input{.lines = {{.unit_price = 10'000, .quantity = 1}},
                    .shipping = rules->shipping,
                    .region = rules->region};
  EXPECT_EQ(compute_totals(input).total, 11'498);
}

TEST_F(TaxRules, FranceIncludesTvaAndOntarioChargesHst) {
  auto conn = connect();
  TaxRulesRepository repository(conn);
  auto france = repository.find("FR");
  ASSERT_TRUE(france);
  EXPECT_TRUE(france->region.prices_include_tax);
  auto ontario = repository.find("CA-ON");
  ASSERT_TRUE(ontario);
  EXPECT_EQ(ontario->region.taxes.at(0).millionths, 130'000);
}

// The region and its rates come from one statement: a region whose rates are all gone is still
// found, with none, and its shipping rules.
TEST_F(TaxRules, ARegionWithoutRatesIsFoundWithNone) {
  auto conn = connect();
  conn.exec(db::Query{"t_no_rates", "DELETE FROM tax_rates WHERE region_code = 'CA-ON'"});
  auto ontario = TaxRulesRepository(conn).find("CA-ON");
  ASSERT_TRUE(ontario);
  EXPECT_TRUE(ontario->region.taxes.empty());
  EXPECT_EQ(ontario->region.code, "CA-ON");
  EXPECT_FALSE(ontario->region.prices_include_tax);
}

TEST_F(TaxRules, UnknownAndInactiveRegionsAreNotFound) {
  auto conn = connect();
  TaxRulesRepository repository(conn);
  EXPECT_FALSE(repository.find("XX"));
  conn.exec(
      db::Query{"t_deactivate", "UPDATE tax_regions SET active = false WHERE code = 'CA-YT'"});
  EXPECT_FALSE(repository.find("CA-YT"));
  auto codes = repository.active_codes();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "CA-YT"), 0);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "CA-QC"), 1);
}

}  // namespace
}  // namespace comptoir::cart
