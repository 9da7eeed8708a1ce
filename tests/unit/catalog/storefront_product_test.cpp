#include <gtest/gtest.h>

#include "catalog/storefront_product.hpp"
#include "storefront_fixtures.hpp"
#include "storefront_test_support.hpp"

namespace comptoir::catalog::storefront {
namespace {

using testing::formatter;
using testing::messages;

std::vector<std::string> names(const std::vector<Crumb>& crumbs) {
  std::vector<std::string> out;
  for (const auto& crumb : crumbs) out.push_back(crumb.name);
  return out;
}

TEST(ProductPage, BreadcrumbsGoThroughThePrimaryCategoryPath) {
  auto tree = testing::tree();
  auto view = product_view(testing::teapot(), tree, Locale::fr, formatter(), messages());
  EXPECT_EQ(names(view.breadcrumbs), (std::vector<std::string>{"Accueil", "Cuisine", "Thé",
                                                               "Théières", "Théière en fonte"}));
  EXPECT_EQ(view.breadcrumbs[0].path, "/fr/");
  EXPECT_EQ(view.breadcrumbs[2].path, "/fr/categorie/the");
  EXPECT_EQ(view.breadcrumbs.back().path, "/fr/produit/theiere-en-fonte");
}

TEST(ProductPage, InactiveCategoriesAreLeftOutOfBreadcrumbs) {
  auto tree = testing::tree();
  tree.categories[3].active = false;  // Thé
  auto product = testing::teapot();
  auto view = product_view(product, tree, Locale::en, formatter(), messages());
  EXPECT_EQ(names(view.breadcrumbs),
            (std::vector<std::string>{"Home", "Kitchen", "Teapots", "Cast iron teapot"}));

  product.primary_category_id = 5;  // Archives, inactive
  product.category_ids = {5, 4};
  EXPECT_EQ(breadcrumb_category(product, tree), 4);
  product.category_ids = {5};
  EXPECT_EQ(breadcrumb_category(product, tree), std::nullopt);
  view = product_view(product, tree, Locale::en, formatter(), messages());
  EXPECT_EQ(names(view.breadcrumbs), (std::vector<std::string>{"Home", "Cast iron teapot"}));
}

TEST(ProductPage, VariantsShowTheirOptionPriceAndStock) {
  auto view = product_view(testing::teapot(), testing::tree(), Locale::fr, formatter(), messages());
  ASSERT_EQ(view.variants.size(), 2u);
  EXPECT_EQ(view.choice_legend, "Taille");
  EXPECT_EQ(view.variants[0].label, "Petite");
  EXPECT_EQ(view.variants[0].input_id, "variant-7");
  EXPECT_EQ(view.variants[0].price.current, "49,99\u00A0$");
  EXPECT_EQ(view.variants[0].price.compare_at, "59,99\u00A0$");
  EXPECT_TRUE(view.variants[0].checked);
  EXPECT_EQ(view.variants[0].stock_label, "En stock");
  EXPECT_EQ(view.variants[1].label, "Grande");
  EXPECT_EQ(view.variants[1].price.current, "69,99\u00A0$");
  EXPECT_FALSE(view.variants[1].available);
  EXPECT_FALSE(view.variants[1].checked);
  EXPECT_EQ(view.variants[1].stock_label, "Épuisé");
  EXPECT_EQ(view.default_variant_id, 7);
  EXPECT_TRUE(view.price_varies);
  EXPECT_EQ(view.price.current, "49,99\u00A0$");
  EXPECT_EQ(view.sku, "");  // several variants: each has its own
}

TEST(ProductPage, TheFirstAvailableVariantIsPreselected) {
  auto product = testing::teapot();
  product.variants[0].stock_on_hand = 0;
  product.variants[1].stock_on_hand = 2;
  auto view = product_view(product, testing::tree(), Locale::en, formatter(), messages());
  EXPECT_FALSE(view.variants[0].checked);
  EXPECT_TRUE(view.variants[1].checked);
  EXPECT_EQ(view.default_variant_id, 8);
  EXPECT_EQ(view.variants[1].price.current, "$69.99");
}

TEST(ProductPage, SoldOutWhenNoVariantIsAvailable) {
  auto product = testing::teapot();
  product.variants[0].stock_on_hand = 0;
  auto view = product_view(product, testing::tree(), Locale::fr, formatter(), messages());
  EXPECT_FALSE(view.available);
  EXPECT_EQ(view.stock_label, "Épuisé");
  EXPECT_EQ(view.default_variant_id, 0);
  product.variants[0].track_inventory = false;  // made to order: always available
  EXPECT_TRUE(
      product_view(product, testing::tree(), Locale::fr, formatter(), messages()).available);
}

TEST(ProductPage, ASingleVariantShowsItsSku) {
  auto product = testing::teapot();
  product.variants.resize(1);
  product.options.clear();
  product.variants[0].option_values.clear();
  auto view = product_view(product, testing::tree(), Locale::en, formatter(), messages());
  EXPECT_EQ(view.sku, "TEA-POT-S");
  EXPECT_FALSE(view.price_varies);
  EXPECT_EQ(view.variants[0].label, "TEA-POT-S");
  EXPECT_EQ(view.choice_legend, "Choose an option");
}

TEST(ProductPage, GalleryLoadsTheFirstImageEagerlyWithTranslatedAlt) {
  auto view = product_view(testing::teapot(), testing::tree(), Locale::fr, formatter(), messages());
  ASSERT_EQ(view.gallery.size(), 2u);
  EXPECT_TRUE(view.gallery[0].eager);
  EXPECT_EQ(view.gallery[0].alt, "Théière noire vue de face");
  EXPECT_EQ(view.gallery[0].width, 1000);
  EXPECT_EQ(view.gallery[0].height, 800);
  EXPECT_EQ(view.gallery[0].srcset,
            "/media/products/42/1-320.webp 320w, /media/products/42/1-640.webp 640w, "
            "/media/products/42/1-960.webp 960w");
  EXPECT_EQ(view.gallery[0].sizes, kMainImageSizes);
  EXPECT_FALSE(view.gallery[1].eager);
  EXPECT_EQ(view.gallery[1].alt, "Théière en fonte, image 2");
  EXPECT_EQ(view.gallery[1].srcset, "");
}

TEST(ProductPage, DescriptionIsSplitIntoParagraphs) {
  auto view = product_view(testing::teapot(), testing::tree(), Locale::en, formatter(), messages());
  EXPECT_EQ(view.description,
            (std::vector<std::string>{"Enamelled cast iron.", "Holds 1.2 litres."}));
  EXPECT_EQ(view.brand, "Fonderie Laval");
}

TEST(ProductPage, PathsInEveryLocaleForTheLanguageSwitcher) {
  auto product = testing::teapot();
  auto view = product_view(product, testing::tree(), Locale::fr, formatter(), messages());
  EXPECT_EQ(view.paths[Locale::fr], "/fr/produit/theiere-en-fonte");
  EXPECT_EQ(view.paths[Locale::en], "/en/product/cast-iron-teapot");
  product.text[Locale::en].slug.clear();
  EXPECT_EQ(
      product_view(product, testing::tree(), Locale::fr, formatter(), messages()).paths[Locale::en],
      "");
}

TEST(HomeCategories, FeaturedOnesElseActiveTopLevel) {
  auto tree = testing::tree();
  auto top = featured_categories(tree, Locale::en);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].name, "Kitchen");
  EXPECT_EQ(top[0].url, "/en/category/kitchen");
  EXPECT_EQ(top[1].name, "Garden");
  tree.categories[4].featured = true;  // Théières
  auto featured = featured_categories(tree, Locale::fr);
  ASSERT_EQ(featured.size(), 1u);
  EXPECT_EQ(featured[0].url, "/fr/categorie/theieres");
}

TEST(Subcategories, ActiveDirectChildrenOnly) {
  auto tree = testing::tree();
  auto children = subcategories(tree, 1, Locale::fr);
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(children[0].name, "Thé");
  tree.categories[3].active = false;
  EXPECT_TRUE(subcategories(tree, 1, Locale::fr).empty());
}

}  // namespace
}  // namespace comptoir::catalog::storefront
