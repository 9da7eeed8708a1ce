#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "catalog/api_input.hpp"
#include "catalog/api_json.hpp"
#include "catalog/catalog_api.hpp"
#include "catalog/catalog_urls.hpp"

namespace comptoir::catalog::api {
namespace {

using ::testing::Contains;
using ::testing::Field;

auto error_at(std::string field, std::string key) {
  return Contains(::testing::AllOf(Field(&FieldError::field, field),
                                   Field(&FieldError::message_key, "catalog.error." + key)));
}

boost::json::value json(std::string_view text) {
  return boost::json::parse(text);
}

TEST(ProductBody, ReadsAWholeProduct) {
  auto input = parse_product(json(R"({
    "status": "active", "brand": "Fonte & Cie", "category_ids": [3, 4], "primary_category_id": 3,
    "options": [{"code": "size", "name": {"fr": "Taille", "en": "Size"}}],
    "text": {"fr": {"name": "Théière"}, "en": {"name": "Teapot", "slug": "teapot"}},
    "variants": [{"sku": "T-1", "price_cents": 4599, "compare_at_cents": null,
                  "option_values": {"size": {"fr": "Grand", "en": "Large"}}}],
    "images": [{"path": "p/1.jpg", "width": 800, "height": 600, "alt": {"fr": "Vue"}}]})"),
                             true);
  ASSERT_TRUE(input) << input.error().front().field;
  EXPECT_EQ(input->status, ProductStatus::active);
  EXPECT_EQ(input->brand, "Fonte & Cie");
  EXPECT_EQ(input->category_ids, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(input->primary_category_id, std::optional<std::int64_t>{3});
  ASSERT_EQ(input->options->size(), 1u);
  EXPECT_EQ((*input->options)[0].name[Locale::en], "Size");
  EXPECT_EQ(input->text[Locale::fr]->name, "Théière");
  EXPECT_EQ(input->text[Locale::en]->slug, "teapot");
  ASSERT_EQ(input->variants.size(), 1u);
  EXPECT_EQ(input->variants[0].price_cents, 4599);
  ASSERT_TRUE(input->variants[0].compare_at_cents.has_value());  // given as null: clear it
  EXPECT_FALSE(input->variants[0].compare_at_cents->has_value());
  EXPECT_EQ(input->variants[0].option_values->at("size")[Locale::fr], "Grand");
  EXPECT_EQ(input->images[0].alt[Locale::fr], "Vue");
  EXPECT_FALSE(input->images[0].alt[Locale::en].has_value());
}

TEST(ProductBody, ReportsTypeErrorsWithTheirPaths) {
  auto input = parse_product(json(R"({"weight_grams": "heavy", "featured": "yes",
    "text": {"fr": {"name": 12}}, "variants": [{"sku": "A", "price_cents": 12.5}],
    "category_ids": ["x"]})"),
                             true);
  ASSERT_FALSE(input);
  EXPECT_THAT(input.error(), error_at("weight_grams", "type_integer"));
  EXPECT_THAT(input.error(), error_at("featured", "type_boolean"));
  EXPECT_THAT(input.error(), error_at("text.fr.name", "type_string"));
  EXPECT_THAT(input.error(), error_at("variants[0].price_cents", "type_integer"));
  EXPECT_THAT(input.error(), error_at("category_ids[0]", "type_integer"));
}

TEST(ProductBody, UnknownFieldsAreErrorsButReadOnlyOnesAreIgnored) {
  auto typo = parse_product(json(R"({"pirce": 1, "text": {"de": {}}})"), false);
  ASSERT_FALSE(typo);
  EXPECT_THAT(typo.error(), error_at("pirce", "unknown_field"));
  EXPECT_THAT(typo.error(), error_at("text.de", "unknown_field"));
  auto echoed = parse_product(
      json(R"({"id": 4, "version": 7, "links": {}, "price": {}, "brand": "B"})"), false);
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->brand, "B");
}

TEST(ProductBody, VariantsAndImagesHaveTheirOwnEndpointsOnUpdate) {
  auto input = parse_product(json(R"({"variants": [], "images": []})"), false);
  ASSERT_FALSE(input);
  EXPECT_THAT(input.error(), error_at("variants", "use_subresource"));
  EXPECT_THAT(input.error(), error_at("images", "use_subresource"));
}

TEST(ProductBody, MustBeAnObject) {
  auto input = parse_product(json("[1, 2]"), true);
  ASSERT_FALSE(input);
  EXPECT_THAT(input.error(), error_at("", "type_object"));
}

TEST(ProductBody, RefusesNulCharacters) {
  auto input = parse_product(json(R"({"brand": "a\u0000b"})"), false);
  ASSERT_FALSE(input);
  EXPECT_THAT(input.error(), error_at("brand", "invalid_text"));
}

TEST(ProductBody, EnumsAreChecked) {
  auto input =
      parse_product(json(R"({"status": "published", "fulfillment_type": "local"})"), false);
  ASSERT_FALSE(input);
  EXPECT_THAT(input.error(), error_at("status", "one_of"));
  EXPECT_THAT(input.error(), error_at("fulfillment_type", "one_of"));
}

TEST(CategoryBody, NullParentMeansTopLevel) {
  auto input = parse_category(json(R"({"parent_id": null, "image_path": null})"));
  ASSERT_TRUE(input);
  ASSERT_TRUE(input->parent_id.has_value());
  EXPECT_FALSE(input->parent_id->has_value());
  EXPECT_EQ(input->image_path, "");
  auto absent = parse_category(json("{}"));
  EXPECT_FALSE(absent->parent_id.has_value());
}

TEST(TextBody, OnlyTextFields) {
  EXPECT_TRUE(parse_product_text(json(R"({"name": "A", "slug": "a"})")));
  auto input = parse_category_text(json(R"({"short_description": "x"})"));
  ASSERT_FALSE(input);
  EXPECT_THAT(input.error(), error_at("short_description", "unknown_field"));
}

TEST(EntityTags, IfMatchGivesTheVersionRead) {
  EXPECT_EQ(expected_version(R"(W/"7-fr")"), 7);
  EXPECT_EQ(expected_version(R"("7")"), 7);
  EXPECT_EQ(expected_version(R"(W/"12-en", W/"3-fr")"), 12);
  EXPECT_EQ(expected_version(""), std::nullopt);
  EXPECT_EQ(expected_version("*"), std::nullopt);
  EXPECT_EQ(expected_version(R"("abc")"), -1);  // names no version of ours: fails with 412
}

TEST(EntityTags, IfNoneMatchComparesWeakly) {
  auto etag = version_etag(3, Locale::fr);
  EXPECT_EQ(etag, R"(W/"3-fr")");
  EXPECT_TRUE(none_match(R"(W/"3-fr")", etag));
  EXPECT_TRUE(none_match(R"("3-fr")", etag));
  EXPECT_TRUE(none_match(R"(W/"1-fr", W/"3-fr")", etag));
  EXPECT_TRUE(none_match("*", etag));
  EXPECT_FALSE(none_match(R"(W/"3-en")", etag));
  EXPECT_FALSE(none_match("", etag));
}

TEST(EntityTags, BodyTagsFollowTheBody) {
  EXPECT_EQ(body_etag("{}"), body_etag("{}"));
  EXPECT_NE(body_etag(R"({"a":1})"), body_etag(R"({"a":2})"));
}

TEST(Highlight, EscapesTextAndMarksMatches) {
  std::string marked = "<b>\x02Théière\x03 & co";
  EXPECT_EQ(highlight_html(marked), "&lt;b&gt;<mark>Théière</mark> &amp; co");
}

TEST(StorefrontPaths, AreLocalized) {
  EXPECT_EQ(urls::product(Locale::fr, "theiere"), "/fr/produit/theiere");
  EXPECT_EQ(urls::product(Locale::en, "teapot"), "/en/product/teapot");
  EXPECT_EQ(urls::category(Locale::fr, "cuisine"), "/fr/categorie/cuisine");
  EXPECT_EQ(urls::category(Locale::en, "kitchen"), "/en/category/kitchen");
}

}  // namespace
}  // namespace comptoir::catalog::api
