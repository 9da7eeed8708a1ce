#include <gtest/gtest.h>
#include <vips/vips8>

#include <cstdlib>
#include <memory>
#include <string>

#include "catalog/seed/demo.hpp"
#include "catalog/slug.hpp"
#include "db/migrations.hpp"
#include "media/image_pipeline.hpp"
#include "media/media_paths.hpp"
#include "media_test_support.hpp"
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

// Everything the demo writes, boiled down: equal before and after a run that changes nothing.
std::string snapshot(Connection& conn) {
  constexpr Query kSnapshot{"test_demo_snapshot", R"(
SELECT md5(concat_ws('|',
  (SELECT string_agg(id || ':' || version || ':' || updated_at, ',' ORDER BY id) FROM products),
  (SELECT string_agg(id || ':' || version || ':' || stock_on_hand, ',' ORDER BY id) FROM variants),
  (SELECT string_agg(product_id || locale || slug, ',' ORDER BY product_id, locale)
     FROM product_translations),
  (SELECT string_agg(id || path, ',' ORDER BY id) FROM product_images),
  (SELECT string_agg(id || ':' || version, ',' ORDER BY id) FROM categories),
  (SELECT string_agg(key, ',' ORDER BY key) FROM settings)))
)"};
  return conn.exec(kSnapshot).one<std::string>();
}

// One demo shop for the whole suite: drawing 70 pictures takes seconds, not milliseconds.
class SeedDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* admin_url = std::getenv(db::test::kUrlVariable);
    if (!admin_url || !*admin_url) return;  // SetUp reports it
    database_ = std::make_unique<db::test::TestDatabase>(
        admin_url, db::test::migrated_template(admin_url, data_dir() / "migrations"));
    db::Migrator(database_->url(), data_dir() / "migrations").migrate();
    media_ = std::make_unique<media::test::TempDir>();
    auto conn = Connection::open(database_->url());
    first_run_ = seed_demo(conn, options());
  }
  static void TearDownTestSuite() {
    media_.reset();
    database_.reset();
  }
  void SetUp() override {
    if (!database_) GTEST_FAIL() << db::test::kUrlVariable << " is not set (see scripts/test)";
  }

  static DemoOptions options() { return {.data_dir = data_dir(), .media_dir = media_->path()}; }
  static Connection connect() { return Connection::open(database_->url()); }

  static inline std::unique_ptr<db::test::TestDatabase> database_;
  static inline std::unique_ptr<media::test::TempDir> media_;
  static inline DemoReport first_run_;
};

// One case for the whole shop: under ctest every case is a process that seeds its own shop.
TEST_F(SeedDemo, LoadsACredibleBilingualShop) {
  auto conn = connect();
  // About 60 products in a category tree.
  EXPECT_GE(first_run_.products_added, 60);
  EXPECT_GE(count(conn, "t_products", "SELECT count(*) FROM products"), 60);
  EXPECT_GE(count(conn, "t_categories", "SELECT count(*) FROM categories"), 6);
  EXPECT_GE(count(conn, "t_roots", "SELECT count(*) FROM categories WHERE parent_id IS NULL"), 3);
  EXPECT_GE(
      count(conn, "t_children", "SELECT count(*) FROM categories WHERE parent_id IS NOT NULL"), 6);
  EXPECT_EQ(count(conn, "t_empty_categories",
                  "SELECT count(*) FROM categories c WHERE parent_id IS NOT NULL AND NOT EXISTS "
                  "(SELECT 1 FROM product_categories pc WHERE pc.category_id = c.id)"),
            0)
      << "every subcategory has products";

  // The planner knows the tables' sizes at once, not after autovacuum's next pass.
  EXPECT_GE(count(conn, "t_analyzed",
                  "SELECT min(reltuples)::bigint FROM pg_class WHERE relname IN ('products', "
                  "'variants', 'product_translations', 'product_reads')"),
            60);

  // Every product has a variant and both translations.
  EXPECT_EQ(count(conn, "t_no_variant",
                  "SELECT count(*) FROM products p WHERE NOT EXISTS "
                  "(SELECT 1 FROM variants v WHERE v.product_id = p.id)"),
            0);
  EXPECT_EQ(
      count(conn, "t_missing_locale",
            "SELECT count(*) FROM products p WHERE (SELECT count(*) FROM product_translations "
            "t WHERE t.product_id = p.id AND t.locale IN ('fr', 'en')) <> 2"),
      0);
  EXPECT_EQ(count(conn, "t_untranslated",
                  "SELECT count(*) FROM product_translations f JOIN product_translations e "
                  "ON e.product_id = f.product_id AND e.locale = 'en' WHERE f.locale = 'fr' "
                  "AND (f.name = e.name OR f.description = e.description OR f.short_description = "
                  "'' OR e.short_description = '')"),
            0)
      << "French and English copy are both written, and differ";
  EXPECT_EQ(count(conn, "t_category_untranslated",
                  "SELECT count(*) FROM categories c WHERE (SELECT count(*) FROM "
                  "category_translations t WHERE t.category_id = c.id) <> 2"),
            0);

  // Slugs are the name in lowercase ASCII.
  constexpr Query kSlug{"t_slug_of",
                        "SELECT slug FROM product_translations WHERE locale = $1 AND name = $2"};
  EXPECT_EQ(conn.exec(kSlug, "fr", "Théière en fonte Tetsu").one<std::string>(),
            "theiere-en-fonte-tetsu");
  EXPECT_EQ(conn.exec(kSlug, "en", "Tetsu cast iron teapot").one<std::string>(),
            "tetsu-cast-iron-teapot");

  // The variety of a real shop.
  EXPECT_EQ(count(conn, "t_drafts", "SELECT count(*) FROM products WHERE status = 'draft'"), 2);
  EXPECT_EQ(count(conn, "t_archived", "SELECT count(*) FROM products WHERE status = 'archived'"),
            1);
  EXPECT_GE(count(conn, "t_featured",
                  "SELECT count(*) FROM products WHERE featured AND status = 'active'"),
            4);
  EXPECT_GE(count(conn, "t_on_sale",
                  "SELECT count(DISTINCT product_id) FROM variants WHERE compare_at_cents > "
                  "price_cents"),
            5);
  EXPECT_GE(count(conn, "t_sold_out",
                  "SELECT count(*) FROM products p WHERE status = 'active' AND NOT EXISTS "
                  "(SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.stock_on_hand > 0)"),
            3);
  EXPECT_GE(count(conn, "t_with_options",
                  "SELECT count(*) FROM products WHERE jsonb_array_length(options) > 0"),
            10);
  EXPECT_EQ(count(conn, "t_option_untranslated",
                  "SELECT count(*) FROM variants, jsonb_each(option_values) AS o(code, value) "
                  "WHERE coalesce(value->>'fr', '') = '' OR coalesce(value->>'en', '') = ''"),
            0);
  EXPECT_EQ(count(conn, "t_no_brand", "SELECT count(*) FROM products WHERE brand = ''"), 0);
  EXPECT_EQ(count(conn, "t_no_weight", "SELECT count(*) FROM products WHERE weight_grams = 0"), 0);
}

TEST_F(SeedDemo, PicturesAreWrittenWithTheRecordedDimensions) {
  auto conn = connect();
  constexpr Query kImages{"t_images",
                          "SELECT path, width, height, alt->>'fr', alt->>'en' FROM "
                          "product_images ORDER BY id"};
  auto rows = conn.exec(kImages);
  ASSERT_GE(rows.size(), 60u);
  EXPECT_EQ(count(conn, "t_no_picture",
                  "SELECT count(*) FROM products p WHERE NOT EXISTS "
                  "(SELECT 1 FROM product_images i WHERE i.product_id = p.id)"),
            0);
  bool landscape = false;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    auto path = rows.get<std::string>(row, 0);
    auto width = rows.get<std::int32_t>(row, 1);
    auto height = rows.get<std::int32_t>(row, 2);
    EXPECT_FALSE(rows.get<std::string>(row, 3).empty()) << path << ": French alt text";
    EXPECT_FALSE(rows.get<std::string>(row, 4).empty()) << path << ": English alt text";
    auto image = vips::VImage::new_from_file((media_->path() / path).c_str());
    EXPECT_EQ(image.width(), width) << path;
    EXPECT_EQ(image.height(), height) << path;
    for (int w : media::variant_widths(width))
      EXPECT_EQ(vips::VImage::new_from_file((media_->path() / media::variant_path(path, w)).c_str())
                    .width(),
                w)
          << path;
    landscape = landscape || width > height;
  }
  EXPECT_TRUE(landscape) << "some pictures are landscape, to exercise layouts";
}

TEST_F(SeedDemo, ASecondRunChangesNothing) {
  auto conn = connect();
  auto before = snapshot(conn);

  auto report = seed_demo(conn, options());

  EXPECT_FALSE(report.changed());
  EXPECT_EQ(report.products_added, 0);
  EXPECT_EQ(snapshot(conn), before);
}

TEST_F(SeedDemo, RedrawsPicturesMissingFromANewMediaDirectory) {
  auto conn = connect();
  auto before = snapshot(conn);
  auto path =
      conn.exec(Query{"t_first_image", "SELECT path FROM product_images ORDER BY id LIMIT 1"})
          .one<std::string>();
  fs::remove(media_->path() / path);
  fs::remove(media_->path() / media::variant_path(path, 640));

  auto report = seed_demo(conn, options());

  EXPECT_EQ(report.images_restored, 1);
  EXPECT_EQ(report.products_added, 0);
  EXPECT_TRUE(fs::exists(media_->path() / path));
  EXPECT_TRUE(fs::exists(media_->path() / media::variant_path(path, 640)));
  EXPECT_EQ(snapshot(conn), before) << "the database is left alone";
}

TEST(SeedDemoData, TheShippedFilesAreValid) {
  auto catalog = load_demo_catalog(data_dir() / "seeds" / "demo");
  EXPECT_GE(catalog.products.size(), 60u);
  EXPECT_GE(catalog.categories.size(), 6u);
}

TEST(SeedDemoData, SlugsAreWhatTheCatalogWouldMakeOfTheNames) {
  auto catalog = load_demo_catalog(data_dir() / "seeds" / "demo");
  for (auto locale : core::kLocales) {
    for (const auto& category : catalog.categories)
      EXPECT_EQ(category.text[locale].slug, slugify(category.text[locale].name)) << category.key;
    for (const auto& product : catalog.products)
      EXPECT_EQ(product.text[locale].slug, slugify(product.text[locale].name)) << product.key;
  }
}

}  // namespace
}  // namespace comptoir::catalog::seed
