#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/validation.hpp"

namespace comptoir::catalog {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::Not;

auto has_error(std::string field, std::string key) {
  return Contains(::testing::AllOf(Field(&FieldError::field, field),
                                   Field(&FieldError::message_key, "catalog.error." + key)));
}

ProductInput valid_product() {
  ProductInput input;
  input.text[Locale::fr] = ProductTextInput{.name = "Théière en fonte"};
  input.text[Locale::en] = ProductTextInput{.name = "Cast iron teapot"};
  input.variants.push_back({.sku = "TEA-1", .price_cents = 4599});
  return input;
}

FieldErrors check_new(const ProductInput& input) {
  FieldErrors errors;
  check_product(input, apply(input, Product{}), true, errors);
  return errors;
}

FieldErrors check_new_variant(const VariantInput& input, std::vector<OptionAxis> options = {}) {
  FieldErrors errors;
  check_variant(input, apply(input, Variant{}), options, true, "", errors);
  return errors;
}

TEST(ProductRules, AValidProductPasses) {
  EXPECT_THAT(check_new(valid_product()), IsEmpty());
}

TEST(ProductRules, NeedsBothLanguagesAndAVariant) {
  ProductInput input;
  auto errors = check_new(input);
  EXPECT_THAT(errors, has_error("text.fr", "required"));
  EXPECT_THAT(errors, has_error("text.en", "required"));
  EXPECT_THAT(errors, has_error("variants", "no_variant"));
}

TEST(ProductRules, NameMustNotBeBlankNorTooLong) {
  auto input = valid_product();
  input.text[Locale::fr]->name = "   ";
  input.text[Locale::en]->name = std::string(201, 'x');
  auto errors = check_new(input);
  EXPECT_THAT(errors, has_error("text.fr.name", "required"));
  EXPECT_THAT(errors, has_error("text.en.name", "too_long"));
}

TEST(ProductRules, LengthsCountCharactersNotBytes) {
  auto input = valid_product();
  std::string name;
  for (int i = 0; i < 200; ++i) name += "é";  // 400 bytes, 200 characters
  input.text[Locale::fr]->name = name;
  EXPECT_THAT(check_new(input), IsEmpty());
}

TEST(ProductRules, AnAskedSlugMustBeWellFormed) {
  auto input = valid_product();
  input.text[Locale::fr]->slug = "Théière";
  EXPECT_THAT(check_new(input), has_error("text.fr.slug", "slug_format"));
}

TEST(ProductRules, SkusMustBeDistinctWhateverTheirCase) {
  auto input = valid_product();
  input.variants.push_back({.sku = "tea-1", .price_cents = 100});
  EXPECT_THAT(check_new(input), has_error("variants[1].sku", "sku_duplicate"));
}

TEST(ProductRules, GtinsMustBeDistinctInTheirFourteenDigitForm) {
  auto input = valid_product();
  input.variants.front().gtin = "036000291452";
  input.variants.push_back({.sku = "TEA-2", .gtin = "0036000291452", .price_cents = 100});
  EXPECT_THAT(check_new(input), has_error("variants[1].gtin", "gtin_duplicate"));
  input.variants.back().gtin = "";  // none: nothing to compare
  EXPECT_THAT(check_new(input), IsEmpty());
}

TEST(ProductRules, VariantsShareOneCurrency) {
  auto input = valid_product();
  input.variants.push_back({.sku = "TEA-2", .price_cents = 100, .currency = "EUR"});
  EXPECT_THAT(check_new(input), has_error("variants[1].currency", "currency_mismatch"));
}

TEST(ProductRules, OptionCodesAreWordsAndUnique) {
  auto input = valid_product();
  OptionAxis size{"size", {}};
  size.name[Locale::fr] = "Taille";
  size.name[Locale::en] = "Size";
  OptionAxis bad{"Size!", size.name};
  input.options = std::vector{size, size, bad};
  auto errors = check_new(input);
  EXPECT_THAT(errors, has_error("options[1].code", "option_duplicate"));
  EXPECT_THAT(errors, has_error("options[2].code", "option_code"));
}

TEST(ProductRules, ThePrimaryCategoryIsAlwaysOneOfTheCategories) {
  ProductInput input;
  input.category_ids = std::vector<std::int64_t>{4};
  input.primary_category_id = std::optional<std::int64_t>{7};
  auto product = apply(input, Product{});
  EXPECT_EQ(product.category_ids, (std::vector<std::int64_t>{4, 7}));
}

TEST(ProductRules, NewCategoriesWithoutTheOldPrimaryPickANewPrimary) {
  Product current;
  current.category_ids = {4};
  current.primary_category_id = 4;
  ProductInput patch;
  patch.category_ids = std::vector<std::int64_t>{9, 8};
  auto product = apply(patch, current);
  EXPECT_EQ(product.category_ids, (std::vector<std::int64_t>{9, 8}));
  EXPECT_EQ(product.primary_category_id, 9);
  patch.category_ids = std::vector<std::int64_t>{};
  EXPECT_EQ(apply(patch, current).primary_category_id, std::nullopt);
}

TEST(VariantRules, SkuAndPriceAreRequiredOnCreate) {
  auto errors = check_new_variant({});
  EXPECT_THAT(errors, has_error("sku", "required"));
  EXPECT_THAT(errors, has_error("price_cents", "required"));
}

TEST(VariantRules, PriceCannotBeNegative) {
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = -1}),
              has_error("price_cents", "price_negative"));
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 0}), IsEmpty());
}

TEST(VariantRules, CompareAtPriceMustBeAbovePrice) {
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 1000, .compare_at_cents = 1000}),
              has_error("compare_at_cents", "compare_at_not_greater"));
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 1000, .compare_at_cents = 999}),
              has_error("compare_at_cents", "compare_at_not_greater"));
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 1000, .compare_at_cents = 1001}),
              IsEmpty());
}

TEST(VariantRules, RaisingThePriceAboveTheKeptCompareAtPriceIsRefused) {
  Variant current;
  current.sku = "A";
  current.price = {1000, "CAD"};
  current.compare_at_cents = 1500;
  VariantInput patch{.price_cents = 2000};
  FieldErrors errors;
  check_variant(patch, apply(patch, current), {}, false, "", errors);
  EXPECT_THAT(errors, has_error("compare_at_cents", "compare_at_not_greater"));
}

TEST(VariantRules, CurrencyMustBeAnIsoCodeInUse) {
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 1, .currency = "CAD"}), IsEmpty());
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 1, .currency = "EUR"}), IsEmpty());
  for (std::string_view bad : {"cad", "CA", "XYZ", "FRF", "CAD "})
    EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 1, .currency = std::string(bad)}),
                has_error("currency", "currency"))
        << bad;
}

TEST(VariantRules, SkuFormat) {
  EXPECT_TRUE(is_valid_sku("TEA-1"));
  EXPECT_TRUE(is_valid_sku("a.b_c-9"));
  EXPECT_FALSE(is_valid_sku(""));
  EXPECT_FALSE(is_valid_sku("-A"));
  EXPECT_FALSE(is_valid_sku("A B"));
  EXPECT_FALSE(is_valid_sku(std::string(65, 'A')));
}

TEST(VariantRules, AGtinNeedsItsCheckDigitAndMayBeRemoved) {
  EXPECT_THAT(check_new_variant({.sku = "A", .gtin = "4006381333931", .price_cents = 1}),
              IsEmpty());
  EXPECT_THAT(check_new_variant({.sku = "A", .gtin = "4006381333932", .price_cents = 1}),
              has_error("gtin", "gtin_format"));
  EXPECT_THAT(check_new_variant({.sku = "A", .gtin = "4006-381333931", .price_cents = 1}),
              has_error("gtin", "gtin_format"));
  EXPECT_THAT(check_new_variant({.sku = "A", .gtin = "", .price_cents = 1}), IsEmpty());
}

TEST(VariantRules, OptionValuesMustNameADeclaredAxisInBothLanguages) {
  OptionAxis size{"size", {}};
  OptionValues values;
  values["size"][Locale::fr] = "Grand";  // no English
  values["colour"][Locale::fr] = "Rouge";
  values["colour"][Locale::en] = "Red";
  auto errors = check_new_variant({.sku = "A", .option_values = values, .price_cents = 1}, {size});
  EXPECT_THAT(errors, has_error("option_values.size.en", "required"));
  EXPECT_THAT(errors, has_error("option_values.colour", "option_unknown"));
}

TEST(VariantRules, StockCannotBeNegative) {
  EXPECT_THAT(check_new_variant({.sku = "A", .price_cents = 1, .stock_on_hand = -3}),
              has_error("stock_on_hand", "out_of_range"));
}

TEST(ImageRules, PathMustStayUnderTheMediaDirectory) {
  EXPECT_TRUE(is_valid_media_path("products/1/a.jpg"));
  for (std::string_view bad : {"", "/etc/passwd", "../secret", "a/../../b", "a//b", "a\\b", "./a"})
    EXPECT_FALSE(is_valid_media_path(bad)) << bad;
}

TEST(ImageRules, SizeAndPathAreRequiredOnCreate) {
  FieldErrors errors;
  ImageInput input{.width = 0};
  check_image(input, apply(input, Image{}), true, "images[0].", errors);
  EXPECT_THAT(errors, has_error("images[0].path", "required"));
  EXPECT_THAT(errors, has_error("images[0].height", "required"));
  EXPECT_THAT(errors, has_error("images[0].width", "out_of_range"));
}

TEST(CategoryRules, NeedsBothNamesOnCreate) {
  CategoryInput input;
  input.text[Locale::fr] = CategoryTextInput{.name = "Cuisine"};
  FieldErrors errors;
  check_category(input, apply(input, Category{}), true, errors);
  EXPECT_THAT(errors, has_error("text.en", "required"));
  EXPECT_THAT(errors, Not(has_error("text.fr", "required")));
}

TEST(CategoryRules, CannotBeItsOwnParent) {
  Category current;
  current.id = 5;
  CategoryInput patch{.parent_id = std::optional<std::int64_t>{5}};
  FieldErrors errors;
  check_category(patch, apply(patch, current), false, errors);
  EXPECT_THAT(errors, has_error("parent_id", "category_cycle"));
}

}  // namespace
}  // namespace comptoir::catalog
