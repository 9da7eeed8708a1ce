// The catalog's CSV import against PostgreSQL: the dry run says what each line would do and
// writes nothing; applying writes it, audited, product by product; a product is all or nothing;
// importing the same file twice changes nothing; a stale apply does nothing; a pass whose process
// died is taken up again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include <stop_token>

#include "catalog/catalog_imports.hpp"
#include "catalog_test_support.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog::test {
namespace {

namespace json = boost::json;

class CatalogImport : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    if (HasFatalFailure()) return;
    imports_ = std::make_unique<CatalogImports>(database(), catalog());
  }
  void TearDown() override {
    imports_.reset();
    CatalogTest::TearDown();
  }

  CatalogImports& imports() { return *imports_; }

  // Submits `csv` and runs the job until the pass is over; the import's id.
  std::int64_t check(const std::string& csv) {
    auto submitted = run(imports().submit("products.csv", csv, Author{}));
    EXPECT_TRUE(submitted.has_value()) << (submitted ? "" : submitted.error().code);
    imports().run_pending(std::stop_token{});
    return submitted.value_or(0);
  }

  ImportSummary summary(std::int64_t id) {
    auto found = run(imports().find(id));
    EXPECT_TRUE(found.has_value());
    return found.value_or(ImportSummary{});
  }

  void apply(std::int64_t id) {
    auto applied = run(imports().apply(id, summary(id).version,
                                       Author{.ip = "203.0.113.9", .request_id = "req-apply"}));
    ASSERT_TRUE(applied.has_value());
    imports().run_pending(std::stop_token{});
    EXPECT_EQ(summary(id).status, ImportStatus::applied);
  }

  // "line:outcome" for each line of the last pass.
  std::vector<std::string> outcomes(std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& row : run(imports().rows(id, std::nullopt, 0, 1000)))
      out.push_back(fmt::format("{}:{}", row.line, to_string(row.outcome)));
    return out;
  }

  ImportRowView line(std::int64_t id, int number) {
    for (auto& row : run(imports().rows(id, std::nullopt, 0, 1000)))
      if (row.line == number) return row;
    ADD_FAILURE() << "no line " << number;
    return {};
  }

  // "column:key" of a refused line's errors.
  std::vector<std::string> errors(std::int64_t id, int number) {
    std::vector<std::string> out;
    auto details = json::parse(line(id, number).details).as_object();
    if (auto* list = details.if_contains("errors"))
      for (const auto& error : list->as_array())
        out.push_back(fmt::format("{}:{}", error.at("field").as_string().c_str(),
                                  error.at("key").as_string().c_str()));
    return out;
  }

  std::shared_ptr<const Product> product(std::int64_t id) {
    auto found = run(catalog().product(id, true));
    EXPECT_TRUE(found) << id;
    return found;
  }

  std::int64_t count(std::string_view sql) {
    auto conn = connect();
    return conn.exec(db::Query{"test_import_count", sql}).one<std::int64_t>();
  }

 private:
  std::unique_ptr<CatalogImports> imports_;
};

constexpr std::string_view kHeader =
    "product_id,fr_slug,fr_name,en_name,categories,sku,fr_variant,en_variant,price,"
    "compare_at_price,stock\n";

TEST_F(CatalogImport, GtinsAreCheckedAndASpreadsheetsLostZerosComeBack) {
  auto mug = create({.fr = "Tasse", .en = "Mug", .variants = {{"MUG-1", 1000}}});
  auto bowl = create({.fr = "Bol", .en = "Bowl", .variants = {{"BOWL-1", 1000}}});
  auto id = check(
      "sku,gtin\n"
      "MUG-1,36000291452\n"       // 2: a UPC-A whose leading zero a spreadsheet dropped
      "BOWL-1,4006381333932\n");  // 3: a wrong check digit
  EXPECT_THAT(outcomes(id), ::testing::ElementsAre("2:changed", "3:refused"));
  EXPECT_THAT(errors(id, 3), ::testing::ElementsAre("gtin:catalog.error.gtin_format"));
  apply(id);
  EXPECT_EQ(product(mug->id)->variants[0].gtin, "036000291452");
  // The same item on another variant is refused; an empty cell removes the GTIN.
  auto taken = check("sku,gtin\nBOWL-1,0036000291452\n");
  EXPECT_THAT(errors(taken, 2), ::testing::ElementsAre("gtin:catalog.import.error.gtin_elsewhere"));
  auto cleared = check("sku,gtin\nMUG-1,\n");
  apply(cleared);
  EXPECT_EQ(product(mug->id)->variants[0].gtin, "");
  EXPECT_EQ(product(bowl->id)->variants[0].gtin, "");
}

TEST_F(CatalogImport, ADryRunSaysWhatEachLineWouldDoAndWritesNothing) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto teapot = create({.fr = "Théière", .en = "Teapot", .variants = {{"TEA-1", 4500}}});
  const auto version = teapot->version;
  auto csv = fmt::format(
      "{}"
      "{},,,,,TEA-1,,,49.00,,\n"  // 2: a new price
      "{},,,,,TEA-2,,,52,,\n"     // 3: a new variant of it
      ",bol-bleu,Bol bleu,Blue bowl,cuisine,BOWL-S,Petit,Small,\"12,50\",,3\n"  // 4: new product
      ",bol-bleu,,,,BOWL-L,Grand,Large,14.5,,3\n"                               // 5: its variant
      ",,,,,TEA-1X,,,douze,,\n"                                                 // 6: not a price
      ",tasse,Tasse,Cup,inconnue,CUP-1,,,8,,\n"  // 7: no such category
      "{},,,,,TEA-1,,,50,,\n",                   // 8: TEA-1 twice
      kHeader, teapot->id, teapot->id, teapot->id);
  auto id = check(csv);
  auto checked = summary(id);
  EXPECT_EQ(checked.status, ImportStatus::checked);
  EXPECT_EQ(checked.rows_total, 7);
  EXPECT_EQ(checked.rows_done, 7);
  EXPECT_THAT(outcomes(id),
              ::testing::ElementsAre("2:refused", "3:refused", "4:created", "5:created",
                                     "6:refused", "7:refused", "8:refused"));
  EXPECT_THAT(errors(id, 6), ::testing::ElementsAre("price:catalog.import.error.price"));
  EXPECT_THAT(errors(id, 7),
              ::testing::ElementsAre("categories:catalog.import.error.unknown_category"));
  EXPECT_THAT(errors(id, 8), ::testing::ElementsAre("sku:catalog.import.error.duplicate_sku"));
  // TEA-1's product has a refused line (8): its other lines are left out with it.
  EXPECT_THAT(errors(id, 2), ::testing::ElementsAre(":catalog.import.error.product_refused"));
  EXPECT_EQ(checked.created, 2);
  EXPECT_EQ(checked.refused, 5);

  EXPECT_EQ(product(teapot->id)->version, version);
  EXPECT_EQ(count("SELECT count(*) FROM products"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action LIKE 'product.%'"), 0);
  (void)kitchen;
}

TEST_F(CatalogImport, ApplyingWritesEachProductAuditedAndASecondImportChangesNothing) {
  create_category("Cuisine", "Kitchen");
  auto teapot = create({.fr = "Théière", .en = "Teapot", .variants = {{"TEA-1", 4500}}});
  auto csv = fmt::format(
      "{}"
      "{},,,,,TEA-1,,,49.00,55,\n"
      "{},,,,,TEA-2,,,52,,\n"
      ",bol-bleu,Bol bleu,Blue bowl,cuisine,BOWL-S,Petit,Small,\"12,50\",,3\n"
      ",bol-bleu,,,,BOWL-L,Grand,Large,14.5,,3\n",
      kHeader, teapot->id, teapot->id);
  auto id = check(csv);
  EXPECT_THAT(outcomes(id),
              ::testing::ElementsAre("2:changed", "3:created", "4:created", "5:created"));
  auto changes = json::parse(line(id, 2).details).as_object().at("changes").as_object();
  auto key = fmt::format("variants.{}.price_cents", teapot->variants.front().id);
  ASSERT_TRUE(changes.contains(key));
  EXPECT_EQ(changes.at(key).at("before").as_int64(), 4500);
  EXPECT_EQ(changes.at(key).at("after").as_int64(), 4900);
  apply(id);
  EXPECT_THAT(outcomes(id),
              ::testing::ElementsAre("2:changed", "3:created", "4:created", "5:created"));

  auto updated = product(teapot->id);
  ASSERT_EQ(updated->variants.size(), 2U);
  EXPECT_EQ(updated->variants[0].price.cents, 4900);
  EXPECT_EQ(updated->variants[0].compare_at_cents, 5500);
  EXPECT_EQ(updated->variants[1].sku, "TEA-2");
  auto bowl = run(catalog().product_by_slug(Locale::fr, "bol-bleu", true));
  ASSERT_TRUE(bowl.found && *bowl.found);
  const auto& made = **bowl.found;
  EXPECT_EQ(made.text[Locale::en].name, "Blue bowl");
  EXPECT_EQ(made.text[Locale::en].slug, "blue-bowl");
  EXPECT_EQ(made.status, ProductStatus::draft);
  ASSERT_EQ(made.variants.size(), 2U);
  EXPECT_EQ(made.variants[0].price.cents, 1250);
  EXPECT_EQ(made.variants[1].price.cents, 1450);
  ASSERT_EQ(made.options.size(), 1U);
  EXPECT_EQ(made.variants[1].option_values.at(made.options[0].code)[Locale::en], "Large");
  EXPECT_EQ(made.category_ids.size(), 1U);
  // One entry per product written, with the import as its request and the applier's address.
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE request_id = 'import-{}' "
                              "AND ip = '203.0.113.9' AND action IN ('product.updated', "
                              "'product.created')",
                              id)),
            2);

  const auto version = product(teapot->id)->version;
  auto again = check(csv);
  EXPECT_THAT(outcomes(again),
              ::testing::ElementsAre("2:unchanged", "3:unchanged", "4:unchanged", "5:unchanged"));
  auto refused = run(imports().apply(again, summary(again).version, Author{}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), ApplyRefusal::nothing_to_apply);
  EXPECT_EQ(product(teapot->id)->version, version);
}

TEST_F(CatalogImport, OnlyTheColumnsGivenChangeAndAFrenchFileIsRead) {
  auto teapot = create({.fr = "Théière",
                        .en = "Teapot",
                        .variants = {{"TEA-1", 4500}},
                        .fr_description = "En fonte."});
  // Semicolons, decimal commas, a byte order mark: a file as a French spreadsheet saves it.
  auto id = check("\xEF\xBB\xBFsku;price;stock\r\nTEA-1;47,90;12\r\n");
  EXPECT_THAT(outcomes(id), ::testing::ElementsAre("2:changed"));
  apply(id);
  auto updated = product(teapot->id);
  EXPECT_EQ(updated->variants[0].price.cents, 4790);
  EXPECT_EQ(updated->variants[0].stock_on_hand, 12);
  EXPECT_EQ(updated->text[Locale::fr].name, "Théière");
  EXPECT_EQ(updated->text[Locale::fr].short_description, "En fonte.");
}

TEST_F(CatalogImport, AStaleOrUncheckedApplyDoesNothing) {
  auto teapot = create({.fr = "Théière", .en = "Teapot", .variants = {{"TEA-1", 4500}}});
  auto id = check("sku,price\nTEA-1,50\n");
  auto stale = run(imports().apply(id, summary(id).version - 1, Author{}));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error(), ApplyRefusal::stale);
  auto missing = run(imports().apply(id + 1000, 1, Author{}));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), ApplyRefusal::not_found);
  EXPECT_EQ(summary(id).status, ImportStatus::checked);
  EXPECT_EQ(product(teapot->id)->variants[0].price.cents, 4500);
}

TEST_F(CatalogImport, APassWhoseProcessDiedIsTakenUpAgain) {
  auto teapot = create({.fr = "Théière", .en = "Teapot", .variants = {{"TEA-1", 4500}}});
  auto id = check("sku,price\nTEA-1,50\n");
  ASSERT_TRUE(run(imports().apply(id, summary(id).version, Author{})));
  // Claimed by a process that died: its heartbeat is recent, so no one takes it yet…
  auto conn = connect();
  conn.exec(db::Query{"test_import_claimed",
                      "UPDATE catalog_imports SET heartbeat_at = now() WHERE id = $1"},
            id);
  imports().run_pending(std::stop_token{});
  EXPECT_EQ(summary(id).status, ImportStatus::applying);
  // …until it is old.
  conn.exec(db::Query{"test_import_dead",
                      "UPDATE catalog_imports SET heartbeat_at = now() - interval '1 hour' "
                      "WHERE id = $1"},
            id);
  imports().run_pending(std::stop_token{});
  EXPECT_EQ(summary(id).status, ImportStatus::applied);
  EXPECT_EQ(product(teapot->id)->variants[0].price.cents, 5000);
}

TEST_F(CatalogImport, AFileOfTheWrongShapeIsRefusedAtOnce) {
  auto problem = [&](std::string csv) {
    auto submitted = run(imports().submit("x.csv", std::move(csv), Author{}));
    return submitted ? std::string("accepted") : submitted.error().code;
  };
  EXPECT_EQ(problem("name,price\nA,1\n"), "no_sku_column");
  EXPECT_EQ(problem("sku,price\n"), "empty");
  EXPECT_EQ(problem("sku,sku\nA,B\n"), "duplicate_column");
  EXPECT_EQ(problem("sku,price\n\"A,1\n"), "malformed");
  EXPECT_EQ(problem("sku,fr_name\nA,Th\xE9i\xE8re\n"), "not_utf8");  // Latin-1
  EXPECT_EQ(count("SELECT count(*) FROM catalog_imports"), 0);
}

}  // namespace
}  // namespace comptoir::catalog::test
