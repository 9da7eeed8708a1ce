#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "pagecache/cached_page.hpp"
#include "pagecache/page_store.hpp"

namespace comptoir::pagecache {
namespace {

// A page of `size` bytes, stored without compression so its cost is known exactly.
std::shared_ptr<const CachedPage> page_of(std::size_t size, char fill = 'x') {
  auto page = std::make_shared<CachedPage>();
  page->content_type = "text/html";
  page->body = staticfiles::EncodedBody::of(std::string(size, fill), false, {});
  return page;
}

std::size_t cost(const std::string& key, std::size_t size) {
  return page_of(size)->bytes() + key.size() + PageStore::kEntryOverhead;
}

// Which of the one-letter `keys` the store holds in generation 1 (each lookup makes it the most
// recently used).
std::string held(PageStore& store, std::string_view keys) {
  std::string out;
  for (char key : keys)
    if (store.find(1, std::string(1, key)) != nullptr) out += key;
  return out;
}

TEST(PageStore, KeepsPagesWithinItsByteBudgetDroppingTheLeastRecentlyUsed) {
  // Room for three 1000-byte pages, not four.
  PageStore store(cost("a", 1000) * 3 + 10);
  EXPECT_TRUE(store.store(1, "a", page_of(1000)).stored);
  EXPECT_TRUE(store.store(1, "b", page_of(1000)).stored);
  EXPECT_TRUE(store.store(1, "c", page_of(1000)).stored);
  EXPECT_EQ(store.size(), 3U);
  EXPECT_EQ(store.bytes(), cost("a", 1000) * 3);

  ASSERT_NE(store.find(1, "a"), nullptr);  // "a" is now the most recent, "b" the least
  auto stored = store.store(1, "d", page_of(1000));
  EXPECT_TRUE(stored.stored);
  EXPECT_EQ(stored.evicted, 1U);
  EXPECT_EQ(held(store, "abcd"), "acd");
  EXPECT_LE(store.bytes(), store.budget());
}

TEST(PageStore, ALargePageEvictsAsManyAsItNeeds) {
  PageStore store(cost("a", 1000) * 3 + 10);
  store.store(1, "a", page_of(1000));
  store.store(1, "b", page_of(1000));
  store.store(1, "c", page_of(1000));
  auto stored = store.store(1, "big", page_of(2500));
  EXPECT_TRUE(stored.stored);
  EXPECT_EQ(stored.evicted, 3U);
  EXPECT_EQ(store.size(), 1U);
  EXPECT_EQ(store.bytes(), cost("big", 2500));
}

TEST(PageStore, APageLargerThanTheBudgetIsNotStoredAndEvictsNothing) {
  PageStore store(cost("a", 1000) * 2);
  store.store(1, "a", page_of(1000));
  auto stored = store.store(1, "huge", page_of(5000));
  EXPECT_FALSE(stored.stored);
  EXPECT_EQ(stored.evicted, 0U);
  EXPECT_NE(store.find(1, "a"), nullptr);
}

TEST(PageStore, StoringAKeyAgainReplacesItsPageAndItsCost) {
  PageStore store(100'000);
  store.store(1, "a", page_of(1000, 'x'));
  store.store(1, "a", page_of(2000, 'y'));
  EXPECT_EQ(store.size(), 1U);
  EXPECT_EQ(store.bytes(), cost("a", 2000));
  EXPECT_EQ(store.find(1, "a")->body.identity, std::string(2000, 'y'));
}

TEST(PageStore, ANewerGenerationDropsEveryPageAndAnOlderOneIsRefused) {
  PageStore store(100'000);
  store.store(4, "a", page_of(100));
  store.store(4, "b", page_of(100));
  EXPECT_EQ(store.find(5, "a"), nullptr) << "the catalog changed since the page was rendered";
  EXPECT_EQ(store.size(), 0U);
  EXPECT_EQ(store.bytes(), 0U);
  // A request that read the generation before the change finishes after it: not kept.
  EXPECT_FALSE(store.store(4, "a", page_of(100)).stored);
  EXPECT_EQ(store.find(4, "a"), nullptr);
  EXPECT_TRUE(store.store(5, "a", page_of(100)).stored);
  EXPECT_NE(store.find(5, "a"), nullptr);
  EXPECT_EQ(store.find(4, "a"), nullptr) << "a request still in the old generation misses";
}

TEST(PageStore, DroppingTagsDropsThePagesCarryingOneOfThemAndFreesTheirBytes) {
  PageStore store(100'000);
  store.store(1, "teapot", page_of(100), {"product:1"});
  store.store(1, "grinder", page_of(100), {"product:2"});
  store.store(1, "tea", page_of(100), {"category:10", "product:1"});
  store.store(1, "home", page_of(100), {"home"});
  const auto before = store.bytes();
  EXPECT_EQ(store.drop_tags({"product:1", "home"}), 3U);
  EXPECT_EQ(store.size(), 1U);
  EXPECT_NE(store.find(1, "grinder"), nullptr);
  EXPECT_EQ(store.find(1, "teapot"), nullptr);
  EXPECT_EQ(store.find(1, "tea"), nullptr);
  EXPECT_LT(store.bytes(), before / 3);
  EXPECT_EQ(store.drop_tags({"product:99"}), 0U);
}

TEST(PageStore, APageRenderedBeforeADropOfTagsIsRefused) {
  PageStore store(100'000);
  const auto started = store.drops();
  store.drop_tags({"product:1"});  // while the page was being rendered
  EXPECT_FALSE(store.store(1, "teapot", page_of(100), {"product:1"}, started).stored);
  EXPECT_TRUE(store.store(1, "teapot", page_of(100), {"product:1"}, store.drops()).stored);
}

TEST(PageStore, ABudgetOfZeroKeepsNothing) {
  PageStore store(0);
  EXPECT_FALSE(store.store(1, "a", page_of(10)).stored);
  EXPECT_EQ(store.size(), 0U);
}

TEST(PageKey, LocalePathAndNormalizedQuery) {
  EXPECT_EQ(page_key(core::Locale::fr, "/fr/", ""), "fr /fr/");
  EXPECT_EQ(page_key(core::Locale::en, "/en/products", "sort=price&q=cup"),
            "en /en/products?q=cup&sort=price");
  EXPECT_NE(page_key(core::Locale::fr, "/fr/produits", "q=a"),
            page_key(core::Locale::fr, "/fr/produits", "q=b"));
  EXPECT_NE(page_key(core::Locale::fr, "/fr/produits", "page=2"),
            page_key(core::Locale::fr, "/fr/produits", ""));
}

TEST(NormalizedQuery, SortsByNameKeepsRepeatedValuesInOrderAndDropsEmptyParameters) {
  EXPECT_EQ(normalized_query(""), "");
  EXPECT_EQ(normalized_query("page=2&q=tasse&sort=-price"), "page=2&q=tasse&sort=-price");
  EXPECT_EQ(normalized_query("sort=-price&q=tasse&page=2"), "page=2&q=tasse&sort=-price");
  // The listing reads the last of a repeated name: their order must survive.
  EXPECT_EQ(normalized_query("q=b&page=1&q=a"), "page=1&q=b&q=a");
  EXPECT_NE(normalized_query("q=b&q=a"), normalized_query("q=a&q=b"));
  EXPECT_EQ(normalized_query("&q=a&&in_stock=1&"), "in_stock=1&q=a");
  // Spelled differently, read alike or not: kept apart rather than guessed.
  EXPECT_EQ(normalized_query("q=th%C3%A9+vert"), "q=th%C3%A9+vert");
  EXPECT_NE(normalized_query("q=a+b"), normalized_query("q=a%20b"));
  EXPECT_NE(normalized_query("q"), normalized_query("q="));
}

TEST(PageStore, AReplacementKeepsThePagesTagsAndCountsItsNewBytes) {
  PageStore store(cost("a", 1000) * 3 + 10);
  auto a = page_of(1000);
  store.store(1, "a", a, {"product:1"});
  store.store(1, "b", page_of(1000));
  auto grown = page_of(1500);  // as `a` with a variant made
  EXPECT_EQ(store.replace(1, "a", a, grown), 0U);
  EXPECT_EQ(store.find(1, "a"), grown);
  EXPECT_EQ(store.bytes(), cost("a", 1500) + std::string("product:1").size() + cost("b", 1000));
  EXPECT_EQ(store.drop_tags({"product:1"}), 1U);
  EXPECT_EQ(store.find(1, "a"), nullptr);
  EXPECT_EQ(store.bytes(), cost("b", 1000));
}

TEST(PageStore, AReplacementThatOutgrowsTheBudgetEvictsTheLeastRecentlyUsed) {
  PageStore store(cost("a", 1000) * 3 + 10);
  store.store(1, "a", page_of(1000));
  auto b = page_of(1000);
  store.store(1, "b", b);
  store.store(1, "c", page_of(1000));
  EXPECT_EQ(store.replace(1, "b", b, page_of(2000)), 1U);
  EXPECT_EQ(held(store, "abc"), "bc");
  EXPECT_LE(store.bytes(), store.budget());
}

TEST(PageStore, AReplacementOfAPageNoLongerHeldDoesNothing) {
  PageStore store(cost("a", 1000) * 3 + 10);
  auto first = page_of(1000);
  store.store(1, "a", first);
  auto second = page_of(1000, 'y');
  store.store(1, "a", second);  // rendered again meanwhile
  EXPECT_EQ(store.replace(1, "a", first, page_of(1200)), 0U);
  EXPECT_EQ(store.find(1, "a"), second);
  EXPECT_EQ(store.bytes(), cost("a", 1000));

  store.find(2, "a");  // a newer generation drops it
  EXPECT_EQ(store.replace(1, "a", second, page_of(1200)), 0U);
  EXPECT_EQ(store.size(), 0U);
  EXPECT_EQ(store.bytes(), 0U);
}

}  // namespace
}  // namespace comptoir::pagecache
