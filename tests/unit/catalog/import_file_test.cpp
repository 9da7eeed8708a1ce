// Reading an import file and grouping its lines by product, before any database is asked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_import_file.hpp"

namespace comptoir::catalog {
namespace {

using ::testing::ElementsAre;

ImportFile read(std::string_view text) {
  auto file = read_import_file(text);
  EXPECT_TRUE(file.has_value()) << (file ? "" : file.error().code);
  return file.value_or(ImportFile{});
}

std::vector<std::string> errors(const ImportLine& line) {
  std::vector<std::string> out;
  for (const auto& error : line.errors)
    out.push_back(error.field + ":" + error.message_key + ":" + error.value);
  return out;
}

TEST(ImportFile, ColumnsAreFoundByNameAndUnknownOnesAreSetAside) {
  auto file = read("Price , SKU,colour\n24.50,TEA-1,blue\n");
  EXPECT_THAT(file.ignored_columns, ElementsAre("colour"));
  ASSERT_EQ(file.lines.size(), 1U);
  EXPECT_EQ(file.lines[0].line, 2U);
  EXPECT_EQ(file.lines[0].sku, "TEA-1");
  EXPECT_EQ(file.lines[0].price_cents, 2450);
  EXPECT_FALSE(file.lines[0].stock.has_value());  // no such column: left as it is
  EXPECT_FALSE(file.lines[0].name[Locale::fr].has_value());
}

TEST(ImportFile, PricesWithAPointACommaOrSpacesBetweenThousands) {
  auto file = read(
      "sku;price;compare_at_price\nA;24,5;\nB;1 234,50;2000\nC;\"1\u202F000\";\nD;24.505;\nE;-3;\n"
      "F;,5;\n");
  ASSERT_EQ(file.lines.size(), 6U);
  EXPECT_EQ(file.lines[0].price_cents, 2450);
  ASSERT_TRUE(file.lines[0].compare_at_cents.has_value());
  EXPECT_FALSE(file.lines[0].compare_at_cents->has_value());  // empty: none
  EXPECT_EQ(file.lines[1].price_cents, 123450);
  EXPECT_EQ(file.lines[1].compare_at_cents, std::optional<std::int64_t>(200000));
  EXPECT_EQ(file.lines[2].price_cents, 100000);
  EXPECT_THAT(errors(file.lines[3]), ElementsAre("price:catalog.import.error.price:24.505"));
  EXPECT_THAT(errors(file.lines[4]), ElementsAre("price:catalog.import.error.price:-3"));
  EXPECT_THAT(errors(file.lines[5]), ElementsAre("price:catalog.import.error.price:,5"));
}

TEST(ImportFile, CellsAreReadOrRefusedWithTheirColumn) {
  auto file = read(
      "product_id,status,fulfillment,featured,track_inventory,stock,categories,sku\n"
      "12,Active,dropshipping,oui,0,7,\"cuisine  the\",A\n"
      "x,published,by-hand,maybe,,-1,,B\n"
      ",,,,,,,\n");
  ASSERT_EQ(file.lines.size(), 3U);
  const auto& good = file.lines[0];
  EXPECT_TRUE(good.errors.empty());
  EXPECT_EQ(good.product_id, 12);
  EXPECT_EQ(good.status, ProductStatus::active);
  EXPECT_EQ(good.fulfillment, FulfillmentType::dropshipping);
  EXPECT_EQ(good.featured, true);
  EXPECT_EQ(good.track_inventory, false);
  EXPECT_EQ(good.stock, 7);
  EXPECT_THAT(*good.categories, ElementsAre("cuisine", "the"));
  EXPECT_THAT(errors(file.lines[1]),
              ElementsAre("product_id:catalog.import.error.id:x",
                          "status:catalog.import.error.status:published",
                          "fulfillment:catalog.import.error.fulfillment:by-hand",
                          "featured:catalog.import.error.boolean:maybe"));
  EXPECT_EQ(file.lines[1].stock, -1);  // a range the catalog's rules check
  EXPECT_THAT(errors(file.lines[2]), ElementsAre("sku:catalog.import.error.sku_required:"));
}

TEST(ImportFile, TheExportsFormulaGuardIsTakenOff) {
  auto file = read("sku,fr_description\nA,\"'=1+1\"\n");
  EXPECT_EQ(file.lines[0].description[Locale::fr], "=1+1");
}

TEST(ImportFile, AFileOfTheWrongShapeSaysWhy) {
  auto code = [](std::string_view text) {
    auto file = read_import_file(text);
    return file ? std::string("ok") : file.error().code;
  };
  EXPECT_EQ(code("sku\nA\n"), "ok");
  EXPECT_EQ(code("price\n1\n"), "no_sku_column");
  EXPECT_EQ(code("sku\n"), "empty");
  EXPECT_EQ(code("sku,SKU\nA,B\n"), "duplicate_column");
  EXPECT_EQ(code("sku\n\"A\n"), "malformed");
  EXPECT_EQ(code("sku\nA\xFF\n"), "not_utf8");
  EXPECT_EQ(code(std::string("sku\nA\0B\n", 8)), "not_utf8");
}

TEST(ImportGroups, LinesGoToTheirProductByIdSlugNameOrSku) {
  auto file = read(
      "product_id,fr_slug,fr_name,sku\n"
      "7,,,A\n"
      ",bol,Bol,B\n"
      ",,Bol,C\n"
      "7,,,D\n"
      ",,,E\n");
  auto groups = group_import_lines(std::move(file.lines));
  ASSERT_EQ(groups.size(), 3U);
  EXPECT_EQ(groups[0].key, ImportGroup::Key::product_id);
  EXPECT_EQ(groups[0].product_id, 7);
  ASSERT_EQ(groups[0].lines.size(), 2U);
  EXPECT_EQ(groups[0].lines[1].sku, "D");
  EXPECT_EQ(groups[1].key, ImportGroup::Key::slug);
  EXPECT_EQ(groups[1].slug, "bol");
  EXPECT_EQ(groups[1].lines.size(), 2U);  // "Bol" makes the slug "bol"
  EXPECT_EQ(groups[2].key, ImportGroup::Key::sku);
}

TEST(ImportGroups, ALaterLineMayLeaveProductFieldsEmptyButNotContradictTheFirst) {
  auto file = read(
      "fr_slug,fr_name,brand,weight_grams,sku\n"
      "bol,Bol,Potier,300,A\n"
      "bol,,,,B\n"
      "bol,Bol,Autre,300,C\n"
      "bol,,,,a\n");
  auto groups = group_import_lines(std::move(file.lines));
  ASSERT_EQ(groups.size(), 1U);
  const auto& lines = groups[0].lines;
  EXPECT_TRUE(lines[1].errors.empty());
  EXPECT_THAT(errors(lines[2]), ElementsAre("brand:catalog.import.error.differs:2"));
  EXPECT_THAT(errors(lines[3]), ElementsAre("sku:catalog.import.error.duplicate_sku:2"));
}

TEST(ImportColumns, TheCatalogsFieldNamesBecomeTheFilesColumns) {
  EXPECT_EQ(import_column("text.fr.name"), "fr_name");
  EXPECT_EQ(import_column("text.en"), "en_name");
  EXPECT_EQ(import_column("variants[3].price_cents"), "price");
  EXPECT_EQ(import_column("compare_at_cents"), "compare_at_price");
  EXPECT_EQ(import_column("option_values.size.en"), "en_variant");
  EXPECT_EQ(import_column("category_ids[0]"), "categories");
  EXPECT_EQ(import_column("stock_on_hand"), "stock");
  EXPECT_EQ(import_column("brand"), "brand");
}

}  // namespace
}  // namespace comptoir::catalog
