#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/lru_cache.hpp"
#include "catalog/model.hpp"

namespace comptoir::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

Category category(std::int64_t id, std::optional<std::int64_t> parent, std::string fr_slug) {
  Category c;
  c.id = id;
  c.parent_id = parent;
  c.text[Locale::fr].slug = std::move(fr_slug);
  return c;
}

// cuisine(1) > thé(2) > théières(4); cuisine > café(3); maison(5)
CategoryTree sample_tree() {
  return {{category(1, std::nullopt, "cuisine"), category(5, std::nullopt, "maison"),
           category(2, 1, "the"), category(3, 1, "cafe"), category(4, 2, "theieres")}};
}

TEST(CategoryTree, SubtreeIncludesEveryDescendant) {
  auto tree = sample_tree();
  EXPECT_THAT(tree.subtree_ids(1), UnorderedElementsAre(1, 2, 3, 4));
  EXPECT_THAT(tree.subtree_ids(2), UnorderedElementsAre(2, 4));
  EXPECT_THAT(tree.subtree_ids(5), ElementsAre(5));
}

TEST(CategoryTree, SubtreeOfAnUnknownCategoryIsEmpty) {
  EXPECT_THAT(sample_tree().subtree_ids(42), IsEmpty());
}

TEST(CategoryTree, PathGoesFromTheRootDown) {
  auto tree = sample_tree();
  std::vector<std::int64_t> ids;
  for (const auto* c : tree.path_to(4)) ids.push_back(c->id);
  EXPECT_THAT(ids, ElementsAre(1, 2, 4));
}

TEST(CategoryTree, FindsChildrenAndSlugs) {
  auto tree = sample_tree();
  EXPECT_EQ(tree.children(std::nullopt).size(), 2u);
  EXPECT_EQ(tree.children(1).size(), 2u);
  ASSERT_NE(tree.find_by_slug(Locale::fr, "cafe"), nullptr);
  EXPECT_EQ(tree.find_by_slug(Locale::fr, "cafe")->id, 3);
  EXPECT_EQ(tree.find_by_slug(Locale::fr, "nope"), nullptr);
}

TEST(MovedAmong, MovesUpAndDownOnePlace) {
  EXPECT_THAT(moved_among({10, 20, 30}, 20, -1), ElementsAre(20, 10, 30));
  EXPECT_THAT(moved_among({10, 20, 30}, 20, 1), ElementsAre(10, 30, 20));
}

TEST(MovedAmong, StopsAtEitherEnd) {
  EXPECT_THAT(moved_among({10, 20, 30}, 10, -1), ElementsAre(10, 20, 30));
  EXPECT_THAT(moved_among({10, 20, 30}, 30, 1), ElementsAre(10, 20, 30));
  EXPECT_THAT(moved_among({10, 20, 30, 40}, 40, -99), ElementsAre(40, 10, 20, 30));
  EXPECT_THAT(moved_among({10, 20, 30, 40}, 10, 99), ElementsAre(20, 30, 40, 10));
}

TEST(MovedAmong, LeavesTheOrderAloneForAStranger) {
  EXPECT_THAT(moved_among({10, 20}, 99, -1), ElementsAre(10, 20));
  EXPECT_THAT(moved_among({}, 99, 1), IsEmpty());
}

TEST(Product, CheapestVariantBreaksTiesByPosition) {
  Product product;
  Variant a;
  a.id = 1;
  a.price = {1500, "CAD"};
  a.position = 0;
  Variant b = a;
  b.id = 2;
  b.price.cents = 900;
  b.position = 2;
  Variant c = b;
  c.id = 3;
  c.position = 1;
  product.variants = {a, b, c};
  EXPECT_EQ(product.cheapest_variant().id, 3);
}

TEST(Product, IsAvailableWhenAnyVariantIs) {
  Product product;
  Variant sold_out;
  sold_out.stock_on_hand = 0;
  product.variants = {sold_out};
  EXPECT_FALSE(product.available());
  Variant untracked = sold_out;
  untracked.track_inventory = false;
  product.variants.push_back(untracked);
  EXPECT_TRUE(product.available());
}

TEST(ModelText, StatusesAndFulfillmentRoundTrip) {
  for (auto status : {ProductStatus::draft, ProductStatus::active, ProductStatus::archived})
    EXPECT_EQ(parse_product_status(to_string(status)), status);
  for (auto type : {FulfillmentType::local_stock, FulfillmentType::dropshipping,
                    FulfillmentType::print_on_demand})
    EXPECT_EQ(parse_fulfillment_type(to_string(type)), type);
  EXPECT_EQ(parse_product_status("Active"), std::nullopt);
  EXPECT_EQ(to_string(FulfillmentType::print_on_demand), "PRINT_ON_DEMAND");
}

TEST(ModelText, SortNames) {
  EXPECT_EQ(parse_sort("price"), Sort::price_asc);
  EXPECT_EQ(parse_sort("-price"), Sort::price_desc);
  EXPECT_EQ(parse_sort("newest"), Sort::newest);
  EXPECT_EQ(parse_sort("name"), Sort::name);
  EXPECT_EQ(parse_sort("relevance"), Sort::relevance);
  EXPECT_EQ(parse_sort("cheapest"), std::nullopt);
}

TEST(LruCache, DropsTheLeastRecentlyUsed) {
  LruCache<int, std::string> cache(2);
  cache.put(1, "one");
  cache.put(2, "two");
  ASSERT_EQ(cache.get(1), "one");  // 1 is now the most recent
  cache.put(3, "three");
  EXPECT_EQ(cache.get(2), std::nullopt);
  EXPECT_EQ(cache.get(1), "one");
  EXPECT_EQ(cache.get(3), "three");
  EXPECT_EQ(cache.size(), 2u);
}

TEST(LruCache, ReplacesAndClears) {
  LruCache<int, int> cache(3);
  cache.put(1, 10);
  cache.put(1, 11);
  EXPECT_EQ(cache.get(1), 11);
  EXPECT_EQ(cache.size(), 1u);
  cache.clear();
  EXPECT_EQ(cache.get(1), std::nullopt);
}

}  // namespace
}  // namespace comptoir::catalog
