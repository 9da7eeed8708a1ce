#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "catalog/seed/bulk.hpp"
#include "db/migrations.hpp"
#include "test_database.hpp"

namespace comptoir::catalog::seed {
namespace {

namespace fs = std::filesystem;
using db::Connection;
using db::Query;

fs::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir && *dir ? fs::path(dir) : fs::current_path();
}

std::int64_t count(Connection& conn, std::string_view name, std::string_view sql) {
  return conn.exec(Query{name, sql}).one<std::int64_t>();
}

class SeedBulk : public db::test::DatabaseTest {
 protected:
  SeedBulk() : DatabaseTest(data_dir() / "migrations") {}

  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    db::Migrator(url(), data_dir() / "migrations").migrate();
  }
  BulkReport seed(std::int64_t products) {
    return seed_bulk(url(), {.count = products, .data_dir = data_dir(), .batch_size = 700});
  }
};

TEST_F(SeedBulk, AddsTwoThousandBilingualProductsQuickly) {
  auto started = std::chrono::steady_clock::now();
  auto report = seed(2000);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  RecordProperty("products_per_second", static_cast<int>(2000 / seconds));
  EXPECT_LT(seconds, 60.0) << "bulk seeding is meant for a million products";

  auto conn = connect();
  EXPECT_EQ(report.products, 2000);
  EXPECT_EQ(count(conn, "t_products", "SELECT count(*) FROM products"), 2000);
  EXPECT_EQ(count(conn, "t_translations",
                  "SELECT count(*) FROM product_translations WHERE locale IN ('fr', 'en')"),
            4000);
  EXPECT_EQ(count(conn, "t_same_name",
                  "SELECT count(*) FROM product_translations f JOIN product_translations e "
                  "ON e.product_id = f.product_id AND e.locale = 'en' "
                  "WHERE f.locale = 'fr' AND f.name = e.name"),
            0);
  EXPECT_EQ(count(conn, "t_variant_counts",
                  "SELECT count(*) FROM (SELECT p.id, count(v.id) AS n FROM products p "
                  "LEFT JOIN variants v ON v.product_id = p.id GROUP BY p.id) c "
                  "WHERE n NOT BETWEEN 1 AND 3"),
            0);
  EXPECT_EQ(count(conn, "t_variants", "SELECT count(*) FROM variants"), report.variants);
  EXPECT_GT(
      count(conn, "t_multi", "SELECT count(*) FROM products WHERE jsonb_array_length(options) = 1"),
      1000);
  EXPECT_GT(count(conn, "t_active", "SELECT count(*) FROM products WHERE status = 'active'"), 1900);
  EXPECT_EQ(count(conn, "t_uncategorised",
                  "SELECT count(*) FROM products p WHERE primary_category_id IS NULL OR NOT EXISTS "
                  "(SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id)"),
            0);
  EXPECT_EQ(count(conn, "t_unpriced", "SELECT count(*) FROM variants WHERE price_cents <= 0"), 0);
  EXPECT_GT(count(conn, "t_sold_out", "SELECT count(*) FROM variants WHERE stock_on_hand = 0"), 0);
  EXPECT_GT(
      count(conn, "t_on_sale", "SELECT count(*) FROM variants WHERE compare_at_cents IS NOT NULL"),
      0);
}

TEST_F(SeedBulk, ProductsAreFoundByFullTextSearchInBothLanguages) {
  seed(1000);
  auto conn = connect();
  EXPECT_GT(count(conn, "t_search_fr",
                  "SELECT count(*) FROM product_translations WHERE locale = 'fr' AND search @@ "
                  "plainto_tsquery(comptoir_search_config('fr'), 'théière')"),
            0);
  EXPECT_GT(count(conn, "t_search_en",
                  "SELECT count(*) FROM product_translations WHERE locale = 'en' AND search @@ "
                  "plainto_tsquery(comptoir_search_config('en'), 'teapot')"),
            0);
}

TEST_F(SeedBulk, FrenchQualifiersAgreeWithTheNoun) {
  seed(3000);
  auto conn = connect();
  EXPECT_GT(count(conn, "t_agree",
                  "SELECT count(*) FROM product_translations WHERE locale = 'fr' AND name ~ "
                  "'^(Bol|Gobelet) (émaillé|moucheté|satiné|tourné main) '"),
            0);
  EXPECT_EQ(count(conn, "t_disagree",
                  "SELECT count(*) FROM product_translations WHERE locale = 'fr' AND name ~ "
                  "'^(Bol|Gobelet) (émaillée|mouchetée|satinée|tournée main) '"),
            0);
  EXPECT_EQ(count(conn, "t_disagree_f",
                  "SELECT count(*) FROM product_translations WHERE locale = 'fr' AND name ~ "
                  "'^(Tasse|Tire d''érable) (émaillé|moucheté|satiné|doré|ambré|foncé) '"),
            0);
}

TEST_F(SeedBulk, RunsAgainNextToEarlierRunsWithTheSameCategories) {
  auto first = seed(300);
  auto second = seed(300);
  auto conn = connect();
  EXPECT_NE(first.run_id, second.run_id);
  EXPECT_EQ(count(conn, "t_products", "SELECT count(*) FROM products"), 600);
  EXPECT_EQ(count(conn, "t_categories", "SELECT count(*) FROM categories"), 14)
      << "the demo categories are created once, then reused";
  constexpr Query kSlugs{"t_run_slugs",
                         "SELECT count(*) FROM product_translations WHERE slug LIKE '%-' || $1 || "
                         "'-%'"};
  EXPECT_EQ(conn.exec(kSlugs, second.run_id).one<std::int64_t>(), 600);
}

TEST_F(SeedBulk, RefusesACountOutOfRange) {
  EXPECT_THROW(seed(0), std::invalid_argument);
  EXPECT_THROW(seed(kMaxBulkProducts + 1), std::invalid_argument);
}

}  // namespace
}  // namespace comptoir::catalog::seed
