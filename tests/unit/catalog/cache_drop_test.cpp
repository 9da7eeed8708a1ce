#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "catalog/cache_drop.hpp"
#include "catalog/catalog_cache.hpp"

namespace comptoir::catalog {
namespace {

TEST(DropOf, ProductsAndCategoriesAreNamedEverythingElseDropsAll) {
  auto drop = drop_of({"product:12", "category:3", "product:12", "category:4"});
  EXPECT_FALSE(drop.everything);
  EXPECT_EQ(drop.products, (std::vector<std::int64_t>{12}));
  EXPECT_EQ(drop.categories, (std::vector<std::int64_t>{3, 4}));
  EXPECT_FALSE(drop.all_lists);

  // The payloads of other notifiers, or of the triggers before 0034: a full drop.
  EXPECT_TRUE(drop_of({""}).everything);
  EXPECT_TRUE(drop_of({"variants"}).everything);
  EXPECT_TRUE(drop_of({"product:12", "categories"}).everything);
  EXPECT_TRUE(drop_of({"product:"}).everything);
  EXPECT_TRUE(drop_of({"product:12x"}).everything);
  EXPECT_TRUE(drop_of({"product:-3"}).everything);
  EXPECT_TRUE(drop_of({}).empty());
}

TEST(PageTagsOf, AProductDropsItsPagesTheSearchesAndTheHome) {
  auto tags = page_tags_of(drop_of({"product:12", "category:3"}));
  EXPECT_EQ(tags, (std::vector<std::string>{"home", "products", "product:12", "category:3"}));
  EXPECT_EQ(page_tags_of(drop_of({"category:3"})), std::vector<std::string>{"category:3"});
  // A write of this process does not know the categories: every category page goes.
  EXPECT_EQ(page_tags_of(CacheDrop::product_write(7)),
            (std::vector<std::string>{"home", "products", "listing", "product:7"}));
  EXPECT_TRUE(page_tags_of(CacheDrop::all()).empty()) << "the generation moves instead";
}

// A cache holding two products, their slugs, and lists: one of each category, and a search.
class CatalogCacheDrops : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::int64_t id : {kTeapot, kGrinder}) {
      auto product = std::make_shared<Product>();
      product->id = id;
      cache_.products.put(id, product);
      ProductSlugMatch match;
      match.product_id = id;
      cache_.product_slugs.put("fr:" + std::to_string(id), match);
    }
    cache_.product_slugs.put("fr:nothing-here", std::nullopt);
    cache_.lists.put("tea-page-1", list_of({kTeapot}, kTea));
    cache_.lists.put("tea-page-2", list_of({}, kTea));
    cache_.lists.put("coffee", list_of({kGrinder}, kCoffee));
    cache_.lists.put("search-moulin", list_of({kGrinder}, std::nullopt));
    cache_.featured.put("fr:8", std::make_shared<const std::vector<ProductSummary>>());
    cache_.categories = std::make_shared<const CategorySnapshot>();
  }

  static CachedList list_of(std::vector<std::int64_t> ids, std::optional<std::int64_t> category) {
    auto list = std::make_shared<ProductList>();
    for (auto id : ids) {
      ProductSummary item;
      item.id = id;
      list->items.push_back(item);
    }
    return {.list = list, .category = category};
  }

  bool has_product(std::int64_t id) { return cache_.products.get(id).has_value(); }
  bool has_slug(const std::string& key) { return cache_.product_slugs.get(key).has_value(); }
  bool has_list(const std::string& key) { return cache_.lists.get(key).has_value(); }

  static constexpr std::int64_t kTeapot = 1;
  static constexpr std::int64_t kGrinder = 2;
  static constexpr std::int64_t kTea = 10;
  static constexpr std::int64_t kCoffee = 20;
  CatalogCache cache_;
};

TEST_F(CatalogCacheDrops, AProductGoesWithTheListsThatMayShowItTheOthersStay) {
  cache_.drop_entries(drop_of({"product:1", "category:10"}));
  EXPECT_FALSE(has_product(kTeapot));
  EXPECT_FALSE(has_slug("fr:1"));
  EXPECT_FALSE(has_slug("fr:nothing-here")) << "the product may have taken a slug that led nowhere";
  EXPECT_FALSE(has_list("tea-page-1"));
  EXPECT_FALSE(has_list("tea-page-2")) << "its category's other pages may show it now";
  EXPECT_FALSE(has_list("search-moulin")) << "any search may find it now";
  EXPECT_EQ(cache_.featured.size(), 0U);

  EXPECT_TRUE(has_product(kGrinder));
  EXPECT_TRUE(has_slug("fr:2"));
  EXPECT_TRUE(has_list("coffee"));
  EXPECT_NE(cache_.categories, nullptr) << "the category tree did not change";
}

TEST_F(CatalogCacheDrops, AListShowingTheProductGoesWhateverItsCategory) {
  cache_.drop_entries(drop_of({"product:2"}));  // no category named: a list showing it still goes
  EXPECT_FALSE(has_list("coffee"));
  EXPECT_TRUE(has_list("tea-page-1"));
  EXPECT_TRUE(has_product(kTeapot));
}

TEST_F(CatalogCacheDrops, ACategoryAloneDropsItsListsOnly) {
  cache_.drop_entries(drop_of({"category:20"}));
  EXPECT_FALSE(has_list("coffee"));
  EXPECT_TRUE(has_list("tea-page-1"));
  EXPECT_TRUE(has_list("search-moulin"));
  EXPECT_TRUE(has_product(kGrinder));
  EXPECT_TRUE(has_slug("fr:nothing-here"));
  EXPECT_EQ(cache_.featured.size(), 1U);
}

TEST_F(CatalogCacheDrops, AWriteOfThisProcessDropsEveryListButOnlyItsProduct) {
  cache_.drop_entries(CacheDrop::product_write(kTeapot));
  EXPECT_FALSE(has_product(kTeapot));
  EXPECT_TRUE(has_product(kGrinder));
  EXPECT_EQ(cache_.lists.size(), 0U);
}

}  // namespace
}  // namespace comptoir::catalog
