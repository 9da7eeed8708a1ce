#include <gtest/gtest.h>

#include <string>

#include "catalog/variant_lookup.hpp"
#include "db/connection.hpp"
#include "db/error.hpp"
#include "migrated_database_test.hpp"
#include "suppliers/catalog_sync.hpp"
#include "suppliers/mapping_editor.hpp"

namespace comptoir::suppliers {
namespace {

// The engine's automatic mapping against PostgreSQL: a supplier's variants find the shop's by SKU,
// then by GTIN (in its 14-digit form), and never replace what staff mapped by hand.
class SupplierMapping : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    sql(R"(
      INSERT INTO products (status, fulfillment_type) VALUES ('active', 'DROPSHIPPING');
      INSERT INTO variants (product_id, sku, gtin, price_cents) VALUES
        (1, 'MUG-1', '036000291452', 2000), (1, 'MUG-2', '4006381333931', 2000),
        (1, 'MUG-3', '', 2000), (1, 'MUG-4', '96385074', 2000);
      INSERT INTO suppliers (name, type, fulfillment_type, currency) VALUES
        ('Grossiste', 'DROPSHIPPER', 'DROPSHIPPING', 'CAD');
      INSERT INTO supplier_products (supplier_id, external_id, title) VALUES (1, 'g', 'Mugs');
      INSERT INTO supplier_variants (supplier_id, supplier_product_id, external_id, sku, gtin,
                                     cost, currency, stock) VALUES
        -- 1: their own SKU, the UPC-A written as an EAN-13 → MUG-1 by GTIN
        (1, 1, 'a', 'G-100', '0036000291452', 800, 'CAD', 5),
        -- 2: the shop's SKU and another variant's GTIN → the SKU wins (MUG-3)
        (1, 1, 'b', 'mug-3', '4006381333931', 800, 'CAD', 5),
        -- 3: a GTIN whose check digit is wrong → nothing
        (1, 1, 'c', 'G-300', '4006381333932', 800, 'CAD', 5),
        -- 4: no SKU of the shop's, no GTIN → nothing
        (1, 1, 'd', 'G-400', '', 800, 'CAD', 5),
        -- 5: MUG-4's GTIN, but staff already mapped it to MUG-2 by hand
        (1, 1, 'e', 'G-500', '96385074', 800, 'CAD', 5),
        -- 6: MUG-2's GTIN with blanks around it, as a spreadsheet sends it
        (1, 1, 'f', 'G-600', ' 4006381333931 ', 800, 'CAD', 5);
      INSERT INTO supplier_mappings (supplier_variant_id, variant_id, source) VALUES (5, 2, 'MANUAL');
    )");
  }

  // "supplier variant → shop SKU (source)" of every mapping, by supplier variant.
  std::string mappings() {
    auto r = connect().exec(db::Query{"supplier_mapping_test_list",
                                      "SELECT m.supplier_variant_id || '→' || v.sku || ' (' || "
                                      "m.source || ')' FROM supplier_mappings m JOIN variants v "
                                      "ON v.id = m.variant_id ORDER BY m.supplier_variant_id"});
    std::string out;
    for (std::size_t i = 0; i < r.size(); ++i)
      out += (out.empty() ? "" : ", ") + r.get<std::string>(i, 0);
    return out;
  }
};

TEST_F(SupplierMapping, BySkuThenByGtinNeverOverStaff) {
  auto conn = connect();
  auto mapped = auto_map(conn, 1);
  EXPECT_EQ(mapped.by_sku, 1);
  EXPECT_EQ(mapped.by_gtin, 2);
  EXPECT_EQ(mappings(), "1→MUG-1 (GTIN), 2→MUG-3 (SKU), 5→MUG-2 (MANUAL), 6→MUG-2 (GTIN)");
  // Again: nothing new to map, nothing moved.
  auto again = auto_map(conn, 1);
  EXPECT_EQ(again.by_sku + again.by_gtin, 0);
}

TEST_F(SupplierMapping, AGtinGivenToTheShopLaterMapsAtTheNextPass) {
  auto conn = connect();
  auto_map(conn, 1);
  sql("UPDATE variants SET gtin = '10614141000415' WHERE sku = 'MUG-3';"
      "UPDATE supplier_variants SET gtin = '10614141000415' WHERE id = 4;");
  EXPECT_EQ(auto_map(conn, 1).by_gtin, 1);
  EXPECT_NE(mappings().find("4→MUG-3 (GTIN)"), std::string::npos) << mappings();
}

TEST_F(SupplierMapping, TheDatabaseRefusesAMalformedOrRepeatedGtin) {
  EXPECT_THROW(sql("UPDATE variants SET gtin = '12AB' WHERE sku = 'MUG-3'"), db::DbError);
  // The same trade item under another spelling is the same GTIN.
  EXPECT_THROW(sql("UPDATE variants SET gtin = '00036000291452' WHERE sku = 'MUG-3'"), db::DbError);
}

TEST_F(SupplierMapping, ProposalsAreWhatAutoMapWouldDoAndOnlyTheKeptOnesAreMapped) {
  auto conn = connect();
  auto proposals = propose_matches(conn, 1);
  ASSERT_EQ(proposals.size(), 3U);
  EXPECT_EQ(mappings(), "5→MUG-2 (MANUAL)") << "nothing written by a proposal";
  // Staff keep the SKU match and one GTIN match.
  std::vector<MatchProposal> kept;
  for (const auto& p : proposals)
    if (p.supplier_variant_id != 6) kept.push_back(p);
  EXPECT_EQ(accept_matches(conn, kept), 2);
  EXPECT_EQ(mappings(), "1→MUG-1 (GTIN), 2→MUG-3 (SKU), 5→MUG-2 (MANUAL)");
  // Accepting again maps nothing twice.
  EXPECT_EQ(accept_matches(conn, kept), 0);
}

TEST_F(SupplierMapping, TheEditorListsMapsByHandAndUnmaps) {
  auto conn = connect();
  auto unmapped = mapping_rows(conn, {.show = MappingShow::unmapped}, "fr");
  EXPECT_EQ(unmapped.size(), 5U);
  auto found = mapping_rows(conn, {.text = "g-4"}, "fr");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].sku, "G-400");
  EXPECT_FALSE(found[0].mapped);
  ASSERT_TRUE(map_by_hand(conn, found[0].supplier_variant_id, 4, 50));
  auto mapped = mapping_rows(conn, {.show = MappingShow::mapped}, "fr");
  ASSERT_EQ(mapped.size(), 2U);
  EXPECT_EQ(mappings(), "4→MUG-4 (MANUAL), 5→MUG-2 (MANUAL)");
  EXPECT_EQ(mapped[0].mapped->sku, "MUG-4");
  EXPECT_EQ(mapped[0].priority, 50);
  // Mapped again by hand: replaced, not doubled.
  ASSERT_TRUE(map_by_hand(conn, 4, 3, 100));
  EXPECT_EQ(mappings(), "4→MUG-3 (MANUAL), 5→MUG-2 (MANUAL)");
  EXPECT_FALSE(map_by_hand(conn, 4, 999, 100));
  EXPECT_FALSE(map_by_hand(conn, 999, 3, 100));
  EXPECT_FALSE(map_by_hand(conn, 4, 3, 20'000));
  ASSERT_TRUE(unmap(conn, 4));
  EXPECT_FALSE(unmap(conn, 4));
  EXPECT_EQ(mappings(), "5→MUG-2 (MANUAL)");
  // The shop's side of the editor: by SKU or GTIN prefix, or by the product's name.
  EXPECT_EQ(catalog::find_variants(conn, "mug-", "fr", 10).size(), 4U);
  EXPECT_EQ(catalog::find_variants(conn, "4006", "fr", 10).front().sku, "MUG-2");
  EXPECT_TRUE(catalog::find_variants(conn, "%", "fr", 10).empty());
}

TEST_F(SupplierMapping, AShopVariantTwoSuppliersServeDifferentlyIsAConflictWithThePolicysPick) {
  sql(R"(
    INSERT INTO suppliers (name, type, fulfillment_type, currency) VALUES
      ('Autre', 'DROPSHIPPER', 'DROPSHIPPING', 'CAD');
    INSERT INTO supplier_products (supplier_id, external_id, title) VALUES (2, 'a', 'Tasses');
    INSERT INTO supplier_variants (supplier_id, supplier_product_id, external_id, sku, cost,
                                   currency, stock) VALUES (2, 2, 'a1', 'A-1', 600, 'CAD', 9);
    INSERT INTO supplier_mappings (supplier_variant_id, variant_id, source) VALUES (7, 2, 'MANUAL');
  )");
  auto conn = connect();
  auto conflicts = mapping_rows(conn, {.show = MappingShow::conflicts}, "fr");
  ASSERT_EQ(conflicts.size(), 2U);  // both sides of MUG-2
  for (const auto& row : conflicts) {
    EXPECT_TRUE(row.conflict);
    // Same priority: the cheaper one in stock.
    EXPECT_EQ(row.policy_supplier_name, "Autre") << row.sku;
  }
  sql("UPDATE supplier_variants SET cost = 800, stock = 5 WHERE id = 7");  // as G-500
  EXPECT_TRUE(mapping_rows(conn, {.show = MappingShow::conflicts}, "fr").empty());
}

}  // namespace
}  // namespace comptoir::suppliers
