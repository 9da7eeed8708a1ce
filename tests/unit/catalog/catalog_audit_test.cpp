#include "catalog/catalog_audit.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace comptoir::catalog {
namespace {

namespace json = boost::json;

Product sample() {
  Product product;
  product.id = 7;
  product.status = ProductStatus::draft;
  product.tax_class = "standard";
  product.category_ids = {3};
  product.text[Locale::fr].name = "Bol";
  product.text[Locale::fr].slug = "bol";
  product.text[Locale::en].name = "Bowl";
  product.text[Locale::en].slug = "bowl";
  Variant variant;
  variant.id = 11;
  variant.sku = "BOL";
  variant.price = {2400, "CAD"};
  variant.stock_on_hand = 5;
  product.variants = {variant};
  return product;
}

TEST(ProductChanges, SameProductChangesNothing) {
  EXPECT_TRUE(product_changes(sample(), sample()).empty());
}

TEST(ProductChanges, NamesEachChangedFieldWithItsBeforeAndAfter) {
  auto before = sample();
  auto after = sample();
  after.status = ProductStatus::active;
  after.text[Locale::en].name = "Ceramic bowl";
  after.variants[0].price.cents = 2600;
  after.category_ids = {3, 4};
  auto changes = product_changes(before, after);
  EXPECT_EQ(changes.size(), 4U) << json::serialize(changes);
  EXPECT_EQ(changes.at("status"), (json::object{{"before", "draft"}, {"after", "active"}}));
  EXPECT_EQ(changes.at("text.en.name"),
            (json::object{{"before", "Bowl"}, {"after", "Ceramic bowl"}}));
  EXPECT_EQ(changes.at("variants.11.price_cents"),
            (json::object{{"before", 2400}, {"after", 2600}}));
  EXPECT_EQ(changes.at("category_ids"),
            (json::object{{"before", json::array{3}}, {"after", json::array{3, 4}}}));
}

TEST(ProductChanges, AnAddedOrRemovedPartHasNullOnTheOtherSide) {
  auto before = sample();
  auto after = sample();
  Image image;
  image.id = 5;
  image.path = "products/7/a.jpg";
  image.alt[Locale::fr] = "Un bol";
  after.images = {image};
  after.variants.clear();
  auto changes = product_changes(before, after);
  EXPECT_EQ(changes.at("images.5.path"),
            (json::object{{"before", nullptr}, {"after", "products/7/a.jpg"}}));
  EXPECT_EQ(changes.at("images.5.alt.fr"),
            (json::object{{"before", nullptr}, {"after", "Un bol"}}));
  EXPECT_EQ(changes.at("variants.11.sku"), (json::object{{"before", "BOL"}, {"after", nullptr}}));
}

TEST(ProductChanges, ACreationOrADeletionListsEveryField) {
  auto product = sample();
  auto created = product_changes(nullptr, &product);
  EXPECT_EQ(created.at("status"), (json::object{{"before", nullptr}, {"after", "draft"}}));
  EXPECT_EQ(created.at("variants.11.stock_on_hand"),
            (json::object{{"before", nullptr}, {"after", 5}}));
  auto deleted = product_changes(&product, nullptr);
  EXPECT_EQ(deleted.size(), created.size());
  EXPECT_EQ(deleted.at("text.fr.name"), (json::object{{"before", "Bol"}, {"after", nullptr}}));
}

TEST(ProductChanges, LongTextsAreCutOnACharacterBoundary) {
  auto before = sample();
  auto after = sample();
  // 2-byte characters after one ASCII byte: a cut at an even byte would split one.
  std::string accents;
  for (int i = 0; i < 400; ++i) accents += "é";
  after.text[Locale::fr].description = "x" + accents;
  auto changes = product_changes(before, after);
  auto cut = std::string(changes.at("text.fr.description").as_object().at("after").as_string());
  EXPECT_TRUE(cut.ends_with("…"));
  EXPECT_LE(cut.size(), kMaxAuditText + std::string("…").size());
  auto body = cut.substr(0, cut.size() - std::string("…").size());
  EXPECT_EQ(body.size() % 2, 1U) << "an é was split";  // "x" then whole é's
}

Category sample_category() {
  Category category;
  category.id = 4;
  category.parent_id = 1;
  category.position = 2;
  category.text[Locale::fr] = {"Thé", "the", "", "", ""};
  category.text[Locale::en] = {"Tea", "tea", "", "", ""};
  return category;
}

TEST(CategoryChanges, NamesEachChangedField) {
  auto before = sample_category();
  auto after = sample_category();
  EXPECT_TRUE(category_changes(&before, &after).empty());
  after.text[Locale::fr].name = "Thés";
  after.text[Locale::fr].slug = "thes";
  after.active = false;
  auto changes = category_changes(&before, &after);
  EXPECT_EQ(changes.size(), 3U) << json::serialize(changes);
  EXPECT_EQ(changes.at("text.fr.slug"), (json::object{{"before", "the"}, {"after", "thes"}}));
  EXPECT_EQ(changes.at("active"), (json::object{{"before", true}, {"after", false}}));
}

TEST(CategoryChanges, ACreationListsEveryFieldAndADeletionToo) {
  auto category = sample_category();
  auto created = category_changes(nullptr, &category);
  EXPECT_EQ(created.at("parent_id"), (json::object{{"before", nullptr}, {"after", 1}}));
  EXPECT_EQ(created.at("text.en.name"), (json::object{{"before", nullptr}, {"after", "Tea"}}));
  auto deleted = category_changes(&category, nullptr);
  EXPECT_EQ(deleted.size(), created.size());
  EXPECT_EQ(deleted.at("position"), (json::object{{"before", 2}, {"after", nullptr}}));
}

TEST(CategoryAction, AMoveAReorderOrAnUpdate) {
  auto before = sample_category();
  auto moved = before;
  moved.parent_id = std::nullopt;
  moved.position = 0;
  EXPECT_EQ(category_action(before, moved), "category.moved");
  auto reordered = before;
  reordered.position = 0;
  EXPECT_EQ(category_action(before, reordered), "category.reordered");
  auto renamed = before;
  renamed.text[Locale::en].name = "Teas";
  EXPECT_EQ(category_action(before, renamed), "category.updated");
  renamed.position = 0;  // a rename that also moved it among its siblings is still an update
  EXPECT_EQ(category_action(before, renamed), "category.updated");
}

}  // namespace
}  // namespace comptoir::catalog
