// The catalog as rows for the back office's CSV export: one row per variant with both languages,
// its option values in the order of the product's axes, filters by status and by category (its
// subcategories included), and pages by keyset that neither repeat nor skip a variant.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "catalog/catalog_export.hpp"
#include "catalog_test_support.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog::test {
namespace {

class CatalogExport : public CatalogTest {
 protected:
  std::vector<ExportRow> rows(ExportFilter filter) {
    auto conn = connect();
    return export_rows(conn, filter);
  }
};

TEST_F(CatalogExport, OneRowPerVariantWithBothLanguagesAndItsOptions) {
  ProductInput input = product_input({.fr = "Tasse", .en = "Mug"});
  OptionAxis size{.code = "size", .name = {}};
  size.name[Locale::fr] = "Taille";
  size.name[Locale::en] = "Size";
  OptionAxis color{.code = "color", .name = {}};
  color.name[Locale::fr] = "Couleur";
  color.name[Locale::en] = "Colour";
  input.options = std::vector<OptionAxis>{size, color};
  auto values = [](const char* size_fr, const char* size_en, const char* fr, const char* en) {
    OptionValues out;
    out["size"][Locale::fr] = size_fr;
    out["size"][Locale::en] = size_en;
    out["color"][Locale::fr] = fr;
    out["color"][Locale::en] = en;
    return out;
  };
  input.variants = {{.sku = "TASSE-GB",
                     .option_values = values("Grande", "Large", "Bleu", "Blue"),
                     .price_cents = 1850,
                     .compare_at_cents = std::optional<std::int64_t>{2200},
                     .stock_on_hand = 4},
                    {.sku = "TASSE-PR",
                     .option_values = values("Petite", "Small", "Rouge", "Red"),
                     .price_cents = 1500,
                     .stock_on_hand = 0}};
  auto created = run(catalog().create_product(std::move(input)));
  ASSERT_TRUE(created) << created.error().message_key;

  auto all = rows({});
  ASSERT_EQ(all.size(), 2U);
  const auto& first = all[0];
  EXPECT_EQ(first.product_id, (*created)->id);
  EXPECT_EQ(first.name[Locale::fr], "Tasse");
  EXPECT_EQ(first.name[Locale::en], "Mug");
  EXPECT_EQ(first.slug[Locale::en], (*created)->text[Locale::en].slug);
  EXPECT_EQ(first.sku, "TASSE-GB");
  EXPECT_EQ(first.variant_label[Locale::fr], "Grande / Bleu") << "in the order of the axes";
  EXPECT_EQ(first.variant_label[Locale::en], "Large / Blue");
  EXPECT_EQ(first.price_cents, 1850);
  EXPECT_EQ(first.compare_at_cents, 2200);
  EXPECT_EQ(first.stock, 4);
  EXPECT_EQ(all[1].sku, "TASSE-PR");
  EXPECT_EQ(all[1].variant_label[Locale::en], "Small / Red");
  EXPECT_FALSE(all[1].compare_at_cents);
}

TEST_F(CatalogExport, FiltersByStatusAndByACategoryWithItsSubcategories) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto cups = create_category("Tasses", "Cups", kitchen);
  auto garden = create_category("Jardin", "Garden");
  create({.fr = "Tasse", .en = "Cup", .categories = {cups}});
  create({.fr = "Pelle", .en = "Shovel", .categories = {garden}});
  create(
      {.fr = "Brouillon", .en = "Draft", .categories = {kitchen}, .status = ProductStatus::draft});

  auto in_kitchen = rows({.category_id = kitchen});
  ASSERT_EQ(in_kitchen.size(), 2U);
  EXPECT_EQ(in_kitchen[0].name[Locale::fr], "Tasse");
  EXPECT_EQ(in_kitchen[0].categories, "tasses");
  EXPECT_EQ(in_kitchen[0].primary_category, "tasses");
  auto drafts = rows({.status = ProductStatus::draft});
  ASSERT_EQ(drafts.size(), 1U);
  EXPECT_EQ(drafts[0].status, "draft");
  EXPECT_EQ(rows({.status = ProductStatus::active, .category_id = kitchen}).size(), 1U);
}

TEST_F(CatalogExport, PagesNeitherRepeatNorSkip) {
  for (int i = 0; i < 7; ++i)
    create({.fr = fmt::format("Bol {}", i),
            .en = fmt::format("Bowl {}", i),
            .variants = {{fmt::format("BOL-{}-A", i), 1000}, {fmt::format("BOL-{}-B", i), 1100}}});
  std::vector<std::string> seen;
  ExportFilter filter{.limit = 3};
  while (true) {
    auto page = rows(filter);
    for (const auto& row : page) seen.push_back(row.sku);
    if (page.size() < 3) break;
    filter.after_product_id = page.back().product_id;
    filter.after_variant_id = page.back().variant_id;
  }
  ASSERT_EQ(seen.size(), 14U);
  EXPECT_EQ(seen.front(), "BOL-0-A");
  EXPECT_EQ(seen[1], "BOL-0-B");
  EXPECT_EQ(seen.back(), "BOL-6-B");
  auto unique = seen;
  std::ranges::sort(unique);
  EXPECT_EQ(std::ranges::adjacent_find(unique), unique.end());
}

}  // namespace
}  // namespace comptoir::catalog::test
