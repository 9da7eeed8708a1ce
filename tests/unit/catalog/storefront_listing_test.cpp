#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/storefront_listing.hpp"
#include "storefront_test_support.hpp"

namespace comptoir::catalog::storefront {
namespace {

using testing::formatter;
using testing::messages;

TEST(ListingParams, ReadsSearchSortFiltersAndPage) {
  auto params =
      parse_listing_params("q=+th%C3%A9+noir+&sort=-price&min=12,5&max=40&in_stock=1&page=3");
  EXPECT_EQ(params.q, "thé noir");
  EXPECT_EQ(params.sort, Sort::price_desc);
  EXPECT_EQ(params.min_cents, 1250);
  EXPECT_EQ(params.min_price, "12.50");
  EXPECT_EQ(params.max_cents, 4000);
  EXPECT_EQ(params.max_price, "40");
  EXPECT_TRUE(params.in_stock);
  EXPECT_EQ(params.page, 3);
}

TEST(ListingParams, ReadsAQueryThatIsAViewIntoALargerBuffer) {
  // A request target's query is followed by the rest of the request line.
  const std::string request_line = "x=1&min=60 HTTP/1.1\r\n";
  auto params = parse_listing_params(std::string_view(request_line).substr(0, 10));
  EXPECT_EQ(params.min_cents, 6000);
  EXPECT_EQ(params.min_price, "60");
}

TEST(ListingParams, MalformedValuesAreIgnored) {
  auto params = parse_listing_params("sort=cheapest&min=abc&max=-3&page=0&in_stock=yes%");
  EXPECT_EQ(params.sort, std::nullopt);
  EXPECT_EQ(params.min_cents, std::nullopt);
  EXPECT_EQ(params.min_price, "");
  EXPECT_EQ(params.max_cents, std::nullopt);
  EXPECT_EQ(params.page, 1);
  EXPECT_EQ(parse_listing_params("page=2x").page, 1);
  EXPECT_EQ(parse_listing_params("page=99999999999").page, 1);
  EXPECT_EQ(parse_listing_params("page=%zz").page, 1);
  EXPECT_EQ(parse_listing_params("page=5000000").page, 100'000);
}

TEST(ListingParams, RelevanceNeedsASearch) {
  EXPECT_EQ(parse_listing_params("sort=relevance").sort, std::nullopt);
  EXPECT_EQ(parse_listing_params("q=tasse&sort=relevance").sort, Sort::relevance);
}

TEST(PriceFilter, AcceptsUnitsAndCentsWithADotOrAComma) {
  EXPECT_EQ(parse_price_cents("12"), 1200);
  EXPECT_EQ(parse_price_cents(" 12.5 "), 1250);
  EXPECT_EQ(parse_price_cents("12,05"), 1205);
  EXPECT_EQ(parse_price_cents("0"), 0);
  EXPECT_EQ(parse_price_cents("12.345"), std::nullopt);
  EXPECT_EQ(parse_price_cents("-1"), std::nullopt);
  EXPECT_EQ(parse_price_cents(""), std::nullopt);
  EXPECT_EQ(parse_price_cents("1e3"), std::nullopt);
  EXPECT_EQ(parse_price_cents("12345678901"), std::nullopt);
  EXPECT_EQ(price_input(1250), "12.50");
  EXPECT_EQ(price_input(1205), "12.05");
  EXPECT_EQ(price_input(1200), "12");
}

TEST(ListingUrl, LeavesOutDefaultsAndPageOne) {
  auto params = parse_listing_params("q=th%C3%A9&sort=relevance&in_stock=1");
  EXPECT_EQ(listing_url("/fr/produits", params, 1), "/fr/produits?q=th%C3%A9&in_stock=1");
  EXPECT_EQ(listing_url("/fr/produits", params, 2), "/fr/produits?q=th%C3%A9&in_stock=1&page=2");
  EXPECT_EQ(listing_url("/en/category/tea", parse_listing_params("sort=newest"), 1),
            "/en/category/tea");
  EXPECT_EQ(listing_url("/en/category/tea", parse_listing_params("sort=price&min=5"), 1),
            "/en/category/tea?sort=price&min=5");
}

// Found by fuzz/listing_params: the next page of a search for "C++" searched for "C  ".
TEST(ListingUrl, APlusInTheSearchSurvivesTheLinks) {
  auto params = parse_listing_params("q=C%2B%2B+et+th%C3%A9");
  ASSERT_EQ(params.q, "C++ et thé");
  auto url = listing_url("/fr/produits", params, 2);
  EXPECT_EQ(url, "/fr/produits?q=C%2B%2B%20et%20th%C3%A9&page=2");
  EXPECT_EQ(parse_listing_params(std::string_view(url).substr(url.find('?') + 1)).q, "C++ et thé");
}

TEST(ListingQuery, MapsToTheCatalogQuery) {
  auto query = product_query(parse_listing_params("q=mug&min=5&page=2"), Locale::en, 3, 24);
  EXPECT_EQ(query.locale, Locale::en);
  EXPECT_EQ(query.q, "mug");
  EXPECT_EQ(query.sort, Sort::relevance);
  EXPECT_EQ(query.category_id, 3);
  EXPECT_EQ(query.min_price_cents, 500);
  EXPECT_EQ(query.page, 2);
  EXPECT_EQ(query.page_size, 24);
  EXPECT_EQ(product_query(ListingParams{}, Locale::fr, std::nullopt, 24).sort, Sort::newest);
}

TEST(Pagination, ShowsEndsAndNeighboursWithGaps) {
  auto params = parse_listing_params("page=5&sort=price");
  auto view = pagination_view("/fr/categorie/the", params, 240, 24, Locale::fr, messages());
  std::vector<std::string> labels;
  for (const auto& item : view.items) labels.push_back(item.gap ? "…" : item.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"1", "…", "3", "4", "5", "6", "7", "…", "10"}));
  EXPECT_EQ(view.label, "Pagination");
  EXPECT_EQ(view.previous_url, "/fr/categorie/the?sort=price&page=4");
  EXPECT_EQ(view.next_url, "/fr/categorie/the?sort=price&page=6");
  EXPECT_EQ(view.items[0].url, "/fr/categorie/the?sort=price");
  EXPECT_TRUE(view.items[4].current);
  EXPECT_EQ(view.items[4].accessible_label, "Page 5");
  EXPECT_EQ(std::ranges::count_if(view.items, [](const auto& i) { return i.current; }), 1);
}

TEST(Pagination, FirstAndLastPagesHaveNoPreviousOrNext) {
  auto first = pagination_view("/en/products", ListingParams{}, 50, 24, Locale::en, messages());
  EXPECT_EQ(first.previous_url, "");
  EXPECT_EQ(first.next_url, "/en/products?page=2");
  auto last = pagination_view("/en/products", parse_listing_params("page=3"), 50, 24, Locale::en,
                              messages());
  EXPECT_EQ(last.next_url, "");
  EXPECT_EQ(last.items.size(), 3u);
}

TEST(Pagination, NoneWhenEverythingFitsOnOnePage) {
  EXPECT_TRUE(pagination_view("/en/products", {}, 24, 24, Locale::en, messages()).items.empty());
  EXPECT_TRUE(pagination_view("/en/products", {}, 0, 24, Locale::en, messages()).items.empty());
  EXPECT_EQ(page_count(0, 24), 1);
  EXPECT_EQ(page_count(25, 24), 2);
}

TEST(SortLinks, RelevanceOnlyWhenSearching) {
  auto browsing = sort_links("/en/products", ListingParams{}, Locale::en, messages());
  ASSERT_EQ(browsing.size(), 4u);
  EXPECT_EQ(browsing[0].label, "Newest");
  EXPECT_TRUE(browsing[0].current);
  EXPECT_EQ(browsing[0].url, "/en/products");
  EXPECT_EQ(browsing[1].url, "/en/products?sort=price");

  auto searching = sort_links("/fr/produits", parse_listing_params("q=tasse&sort=-price&page=3"),
                              Locale::fr, messages());
  ASSERT_EQ(searching.size(), 5u);
  EXPECT_EQ(searching[0].label, "Pertinence");
  EXPECT_EQ(searching[0].url, "/fr/produits?q=tasse");  // a new sort starts at page 1
  EXPECT_FALSE(searching[0].current);
  EXPECT_TRUE(searching[3].current);
  EXPECT_EQ(searching[3].label, "Prix décroissant");
}

ProductSummary summary(std::int64_t id, int image_width) {
  ProductSummary product;
  product.id = id;
  product.name = "Tasse";
  product.slug = "tasse-" + std::to_string(id);
  product.price = Money{1299, "CAD"};
  product.in_stock = id % 2 == 0;
  Image image;
  image.path = "products/" + std::to_string(id) + "/1.jpg";
  image.width = image_width;
  image.height = image_width;
  image.alt[Locale::en] = "A white cup";
  product.image = image;
  return product;
}

TEST(ProductCards, FirstRowLoadsEagerlyTheRestLazily) {
  std::vector<ProductSummary> products;
  for (int i = 1; i <= 6; ++i) products.push_back(summary(i, 800));
  auto cards = card_views(products, Locale::fr, formatter(), messages(), 4);
  ASSERT_EQ(cards.size(), 6u);
  for (std::size_t i = 0; i < cards.size(); ++i) EXPECT_EQ(cards[i].image->eager, i < 4) << i;
  EXPECT_EQ(cards[0].url, "/fr/produit/tasse-1");
  EXPECT_EQ(cards[0].price.current, "12,99\u00A0$");
  EXPECT_EQ(cards[0].stock_label, "Épuisé");
  EXPECT_EQ(cards[1].stock_label, "En stock");
}

TEST(ProductCards, ImagesHaveSizeSrcsetAndTranslatedAlt) {
  auto cards =
      card_views({summary(1, 800), summary(2, 200)}, Locale::en, formatter(), messages(), 4);
  const auto& image = *cards[0].image;
  EXPECT_EQ(image.src, "/media/products/1/1.jpg");
  EXPECT_EQ(image.srcset, "/media/products/1/1-320.webp 320w, /media/products/1/1-640.webp 640w");
  EXPECT_EQ(image.sizes, kCardImageSizes);
  EXPECT_EQ(image.width, 800);
  EXPECT_EQ(image.height, 800);
  EXPECT_EQ(image.alt, "A white cup");
  EXPECT_EQ(cards[1].image->srcset, "");  // narrower than every variant: the original only
  auto french = card_views({summary(1, 800)}, Locale::fr, formatter(), messages(), 4);
  EXPECT_EQ(french[0].image->alt, "");  // no French alt: decorative next to the linked name
}

TEST(ProductCards, SearchHighlightsAreEscapedHtml) {
  auto product = summary(1, 800);
  product.highlight = "Une \x02tasse\x03 <i>blanche</i>";
  auto cards = card_views({product}, Locale::fr, formatter(), messages(), 4);
  EXPECT_EQ(cards[0].highlight_html, "Une <mark>tasse</mark> &lt;i&gt;blanche&lt;/i&gt;");
}

}  // namespace
}  // namespace comptoir::catalog::storefront
