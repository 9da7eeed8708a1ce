#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_repository.hpp"
#include "catalog_test_support.hpp"

namespace comptoir::catalog::test {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class CatalogSearch : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    if (HasFatalFailure()) return;
    kitchen_ = create_category("Cuisine", "Kitchen");
    tea_ = create_category("Thé", "Tea", kitchen_);
    home_ = create_category("Maison", "Home");
    create({.fr = "Théière en fonte",
            .en = "Cast iron teapot",
            .variants = {{"TEA-POT-1", 4599}},
            .categories = {tea_},
            .fr_description = "Une théière robuste qui garde le thé chaud.",
            .en_description = "A sturdy teapot that keeps tea warm.",
            .popularity = 10});
    create({.fr = "Chalumeau à crème brûlée",
            .en = "Crème brûlée torch",
            .variants = {{"TORCH-1", 2999}},
            .categories = {kitchen_},
            .fr_description = "Pour caraméliser le sucre.",
            .en_description = "To caramelize sugar."});
    create({.fr = "Tasses à thé",
            .en = "Tea cups",
            .variants = {{"CUP-S", 1200}, {"CUP-L", 900}},
            .categories = {tea_},
            .stock = 0,
            .popularity = 50});
    create({.fr = "Coussin en lin",
            .en = "Linen cushion",
            .variants = {{"CUSH-1", 3500}},
            .categories = {home_}});
    create({.fr = "Théière brouillon",
            .en = "Draft teapot",
            .categories = {tea_},
            .status = ProductStatus::draft});
  }

  ProductList search(Locale locale, std::string q, Sort sort = Sort::relevance) {
    return list({.locale = locale, .q = std::move(q), .sort = sort});
  }

  std::int64_t kitchen_ = 0, tea_ = 0, home_ = 0;
};

TEST_F(CatalogSearch, FrenchSearchIgnoresAccents) {
  EXPECT_THAT(names(search(Locale::fr, "théière")), ElementsAre("Théière en fonte"));
  EXPECT_THAT(names(search(Locale::fr, "theiere")), ElementsAre("Théière en fonte"));
  EXPECT_THAT(names(search(Locale::fr, "THEIERE")), ElementsAre("Théière en fonte"));
}

TEST_F(CatalogSearch, FrenchSearchStems) {
  EXPECT_THAT(names(search(Locale::fr, "théières")), ElementsAre("Théière en fonte"));
  EXPECT_THAT(names(search(Locale::fr, "tasse")), ElementsAre("Tasses à thé"));
}

TEST_F(CatalogSearch, EnglishSearchIgnoresAccentsAndStems) {
  EXPECT_THAT(names(search(Locale::en, "creme brulee")), ElementsAre("Crème brûlée torch"));
  EXPECT_THAT(names(search(Locale::en, "crème brûlée")), ElementsAre("Crème brûlée torch"));
  EXPECT_THAT(names(search(Locale::en, "teapots")), ElementsAre("Cast iron teapot"));
}

TEST_F(CatalogSearch, SearchesOnlyTheRequestedLanguage) {
  EXPECT_THAT(search(Locale::en, "fonte").items, IsEmpty());
  EXPECT_THAT(search(Locale::fr, "cushion").items, IsEmpty());
}

TEST_F(CatalogSearch, NamesRankAboveDescriptions) {
  // "thé" is in the name of the cups and only in the description of the teapot… and the
  // teapot's name ("théière") is another word: the cups come first.
  auto found = names(search(Locale::fr, "thé"));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "Tasses à thé");
}

TEST_F(CatalogSearch, MatchesAreHighlighted) {
  auto found = search(Locale::fr, "theiere");
  ASSERT_EQ(found.items.size(), 1u);
  EXPECT_THAT(found.items[0].highlight,
              HasSubstr(std::string{kHighlightStart} + "Théière" + kHighlightEnd));
}

TEST_F(CatalogSearch, AnExactSkuFindsItsProductFirst) {
  EXPECT_THAT(names(search(Locale::fr, "cup-l")), ElementsAre("Tasses à thé"));
  EXPECT_THAT(names(search(Locale::en, "TORCH-1")), ElementsAre("Crème brûlée torch"));
}

TEST_F(CatalogSearch, ATypoGetsSuggestions) {
  auto found = search(Locale::fr, "theire");
  EXPECT_THAT(found.items, IsEmpty());
  EXPECT_THAT(found.suggestions, Contains("théière"));
  EXPECT_THAT(search(Locale::en, "cushon").suggestions, Contains("cushion"));
  // Known words stay as typed; each unknown one is replaced.
  EXPECT_THAT(search(Locale::fr, "tase en fonet").suggestions, Contains("tasses en fonte"));
}

TEST_F(CatalogSearch, NoSuggestionWhenEveryWordIsKnown) {
  EXPECT_THAT(search(Locale::fr, "théière").suggestions, IsEmpty());
}

TEST_F(CatalogSearch, SuggestionsNeverComeFromUnpublishedProducts) {
  // "brouillon" is only in the draft's name.
  EXPECT_THAT(search(Locale::fr, "brouillom").suggestions, ::testing::Not(Contains("brouillon")));
  auto draft = list({.locale = Locale::fr, .statuses = {ProductStatus::draft}});
  ASSERT_EQ(draft.items.size(), 1u);
  ASSERT_TRUE(run(catalog().update_product(draft.items[0].id, {.status = ProductStatus::active},
                                           std::nullopt)));
  EXPECT_THAT(search(Locale::fr, "brouillom").suggestions, Contains("brouillon"));
}

TEST_F(CatalogSearch, DraftsAreNotListedUnlessAsked) {
  EXPECT_EQ(list({.locale = Locale::fr}).total, 4);
  auto drafts = list({.locale = Locale::fr, .statuses = {ProductStatus::draft}});
  EXPECT_THAT(names(drafts), ElementsAre("Théière brouillon"));
  auto all =
      list({.locale = Locale::fr, .statuses = {ProductStatus::draft, ProductStatus::active}});
  EXPECT_EQ(all.total, 5);
  // Every status: the back office's default, which walks the indexes without status.
  auto every = list({.locale = Locale::fr,
                     .statuses = {ProductStatus::archived, ProductStatus::draft,
                                  ProductStatus::active, ProductStatus::draft},
                     .sort = Sort::price_desc,
                     .page_size = 2});
  EXPECT_EQ(every.total, 5);
  EXPECT_THAT(names(every), ElementsAre("Théière en fonte", "Coussin en lin"));
}

TEST_F(CatalogSearch, StaffFilterByFulfilmentType) {
  auto cushion = list({.locale = Locale::en, .q = "cushion"}).items.at(0).id;
  auto draft = list({.locale = Locale::en, .statuses = {ProductStatus::draft}}).items.at(0).id;
  ASSERT_TRUE(run(catalog().update_product(cushion, {.fulfillment = FulfillmentType::dropshipping},
                                           std::nullopt)));
  ASSERT_TRUE(run(catalog().update_product(draft, {.fulfillment = FulfillmentType::dropshipping},
                                           std::nullopt)));
  const std::vector<ProductStatus> any{ProductStatus::draft, ProductStatus::active,
                                       ProductStatus::archived};
  auto dropshipped = [&](ProductQuery q) {
    q.locale = Locale::en;
    q.statuses = any;
    q.fulfillment = FulfillmentType::dropshipping;
    return names(list(q));
  };
  EXPECT_THAT(dropshipped({}), UnorderedElementsAre("Linen cushion", "Draft teapot"));
  EXPECT_THAT(dropshipped({.sort = Sort::name}), ElementsAre("Draft teapot", "Linen cushion"));
  // With a search, a category (through its listings), both.
  EXPECT_THAT(dropshipped({.q = "teapot"}), ElementsAre("Draft teapot"));
  EXPECT_THAT(dropshipped({.category_id = tea_}), ElementsAre("Draft teapot"));
  EXPECT_THAT(dropshipped({.q = "cushion", .category_id = tea_}), IsEmpty());
  EXPECT_EQ(list({.locale = Locale::en,
                  .category_id = home_,
                  .statuses = any,
                  .fulfillment = FulfillmentType::dropshipping})
                .total,
            1);
  EXPECT_EQ(
      list({.locale = Locale::en, .statuses = any, .fulfillment = FulfillmentType::local_stock})
          .total,
      3);
  // With the default status (active only), as with any other.
  EXPECT_THAT(names(list({.locale = Locale::en, .fulfillment = FulfillmentType::dropshipping})),
              ElementsAre("Linen cushion"));
  EXPECT_THAT(
      list({.locale = Locale::en, .q = "teapot", .fulfillment = FulfillmentType::dropshipping})
          .items,
      IsEmpty())
      << "the dropshipped teapot is a draft";
}

TEST_F(CatalogSearch, CategoryFilterIncludesSubcategories) {
  EXPECT_THAT(names(list({.locale = Locale::en, .category_id = kitchen_})),
              UnorderedElementsAre("Cast iron teapot", "Crème brûlée torch", "Tea cups"));
  EXPECT_THAT(names(list({.locale = Locale::en, .category_id = tea_})),
              UnorderedElementsAre("Cast iron teapot", "Tea cups"));
  EXPECT_THAT(list({.locale = Locale::en, .category_id = 999}).items, IsEmpty());
  // By name, a category's members are sorted (its listings do not hold the names).
  EXPECT_THAT(names(list({.locale = Locale::en, .category_id = kitchen_, .sort = Sort::name})),
              ElementsAre("Cast iron teapot", "Crème brûlée torch", "Tea cups"));
  EXPECT_THAT(names(list({.locale = Locale::fr,
                          .category_id = kitchen_,
                          .sort = Sort::name,
                          .page = 2,
                          .page_size = 2})),
              ElementsAre("Théière en fonte"));
}

TEST_F(CatalogSearch, CategoryListingsFollowMovesAndMemberships) {
  // Tea moves from Kitchen to Home: its products go with it.
  ASSERT_TRUE(run(catalog().update_category(tea_, {.parent_id = std::optional<std::int64_t>{home_}},
                                            std::nullopt)));
  EXPECT_THAT(names(list({.locale = Locale::en, .category_id = kitchen_})),
              ElementsAre("Crème brûlée torch"));
  EXPECT_THAT(names(list({.locale = Locale::en, .category_id = home_, .sort = Sort::price_asc})),
              ElementsAre("Tea cups", "Linen cushion", "Cast iron teapot"));
  // A product leaves a category: it leaves its ancestors' pages too.
  auto torch = list({.locale = Locale::en, .category_id = kitchen_}).items.at(0);
  ASSERT_TRUE(run(catalog().update_product(
      torch.id, {.category_ids = std::vector<std::int64_t>{home_}}, std::nullopt)));
  EXPECT_THAT(list({.locale = Locale::en, .category_id = kitchen_}).items, IsEmpty());
  EXPECT_EQ(list({.locale = Locale::en, .category_id = home_}).total, 4);
}

TEST_F(CatalogSearch, SearchWithinACategory) {
  EXPECT_THAT(names(list({.locale = Locale::en, .q = "tea", .category_id = kitchen_})),
              UnorderedElementsAre("Cast iron teapot", "Tea cups"));
  EXPECT_THAT(list({.locale = Locale::en, .q = "tea", .category_id = home_}).items, IsEmpty());
}

TEST_F(CatalogSearch, PriceFilterUsesTheCheapestVariant) {
  // Tea cups: 12.00 and 9.00 → listed at 9.00.
  EXPECT_THAT(names(list({.locale = Locale::en, .max_price_cents = 1000})),
              ElementsAre("Tea cups"));
  EXPECT_THAT(names(list({.locale = Locale::en, .min_price_cents = 3000, .max_price_cents = 4000})),
              ElementsAre("Linen cushion"));
}

TEST_F(CatalogSearch, InStockFilter) {
  auto found = names(list({.locale = Locale::en, .in_stock_only = true}));
  EXPECT_THAT(found, ::testing::Not(Contains("Tea cups")));
  EXPECT_EQ(found.size(), 3u);
}

TEST_F(CatalogSearch, Sorts) {
  EXPECT_THAT(names(list({.locale = Locale::en, .sort = Sort::price_asc})),
              ElementsAre("Tea cups", "Crème brûlée torch", "Linen cushion", "Cast iron teapot"));
  EXPECT_THAT(names(list({.locale = Locale::en, .sort = Sort::price_desc})),
              ElementsAre("Cast iron teapot", "Linen cushion", "Crème brûlée torch", "Tea cups"));
  // Accented names sort with their letter, not after z.
  EXPECT_THAT(names(list({.locale = Locale::fr, .sort = Sort::name})),
              ElementsAre("Chalumeau à crème brûlée", "Coussin en lin", "Tasses à thé",
                          "Théière en fonte"));
  EXPECT_THAT(names(list({.locale = Locale::en, .sort = Sort::newest})),
              ElementsAre("Linen cushion", "Tea cups", "Crème brûlée torch", "Cast iron teapot"));
  EXPECT_EQ(names(list({.locale = Locale::en, .sort = Sort::relevance})).front(), "Tea cups");
}

TEST_F(CatalogSearch, PagesCarryTheTotal) {
  auto first = list({.locale = Locale::en, .sort = Sort::price_asc, .page = 1, .page_size = 3});
  EXPECT_EQ(first.total, 4);
  EXPECT_EQ(first.items.size(), 3u);
  auto second = list({.locale = Locale::en, .sort = Sort::price_asc, .page = 2, .page_size = 3});
  EXPECT_EQ(second.total, 4);
  EXPECT_THAT(names(second), ElementsAre("Cast iron teapot"));
  auto beyond = list({.locale = Locale::en, .page = 9, .page_size = 3});
  EXPECT_EQ(beyond.total, 4);
  EXPECT_THAT(beyond.items, IsEmpty());
  auto searched_beyond = list({.locale = Locale::fr, .q = "thé", .page = 5, .page_size = 1});
  EXPECT_GE(searched_beyond.total, 1);
  EXPECT_THAT(searched_beyond.items, IsEmpty());
}

TEST_F(CatalogSearch, CountingStopsWhereAskedButAlwaysReachesThePagesEnd) {
  auto counted = list({.locale = Locale::en, .page_size = 1, .count_up_to = 2});
  EXPECT_EQ(counted.total, 2);
  EXPECT_TRUE(counted.total_capped);
  // Deeper than the count: counted to the page's end, so the page knows another follows.
  auto deeper = list({.locale = Locale::en, .page = 3, .page_size = 1, .count_up_to = 2});
  EXPECT_EQ(deeper.total, 3);
  EXPECT_TRUE(deeper.total_capped);
  EXPECT_EQ(deeper.items.size(), 1u);
  auto exact = list({.locale = Locale::en, .category_id = tea_, .page_size = 1, .count_up_to = 2});
  EXPECT_EQ(exact.total, 2);
  EXPECT_FALSE(exact.total_capped);
  auto in_category =
      list({.locale = Locale::en, .category_id = kitchen_, .page_size = 1, .count_up_to = 2});
  EXPECT_EQ(in_category.total, 2);
  EXPECT_TRUE(in_category.total_capped);
  EXPECT_EQ(list({.locale = Locale::en}).total, 4) << "10 000 by default";
}

TEST_F(CatalogSearch, PageSizeIsCappedAtOneHundred) {
  auto found = list({.locale = Locale::en, .page_size = 500});
  EXPECT_EQ(found.page_size, ProductQuery::kMaxPageSize);
}

TEST_F(CatalogSearch, FeaturedAndSitemapSeeOnlyActiveProducts) {
  auto entries = run(catalog().sitemap_entries());
  auto products = std::ranges::count_if(
      entries, [](const SitemapEntry& e) { return e.kind == SitemapEntry::Kind::product; });
  EXPECT_EQ(products, 4);
}

// A search is planned for its words each time, never from a prepared statement's generic plan:
// on a million products the generic plan guessed one match for any text and the search ran
// into the statement timeout (#16). Browsing keeps its prepared statements.
TEST_F(CatalogSearch, SearchesArePlannedForTheirWordsAndNeverPrepared) {
  db::Connection connection = connect();
  CatalogRepository repository(connection);
  for (int i = 0; i < 7; ++i) {
    auto found = repository.list_products({.locale = Locale::fr, .q = "théière"});
    EXPECT_THAT(names(found), ElementsAre("Théière en fonte"));
    repository.list_products({.locale = Locale::fr, .q = "théière", .category_id = tea_});
  }
  repository.list_products({.locale = Locale::fr});
  constexpr db::Query kPrepared{
      "catalog_lists_prepared",
      "SELECT name FROM pg_prepared_statements WHERE name LIKE 'catalog\\_list\\_%' ORDER BY name"};
  auto prepared = connection.exec(kPrepared);
  ASSERT_EQ(prepared.size(), 1u);
  EXPECT_EQ(prepared.get<std::string>(0, 0), "catalog_list_browse_newest");
}

}  // namespace
}  // namespace comptoir::catalog::test
