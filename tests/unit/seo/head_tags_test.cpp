#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "../catalog/storefront_fixtures.hpp"
#include "seo/head_tags.hpp"

namespace comptoir::seo {
namespace {

namespace json = boost::json;
using catalog::Locale;
using catalog::storefront::PageFacts;
using catalog::storefront::PageKind;

const i18n::Catalog& messages() {
  static const auto catalog = i18n::Catalog::from_json(
      R"({"layout.shop_name": "Comptoir", "home.description": "La boutique."})",
      R"({"layout.shop_name": "Comptoir", "home.description": "The shop."})");
  return catalog;
}

PageFacts product_facts(const catalog::Product& product, Locale locale) {
  PageFacts facts{.kind = PageKind::product, .locale = locale};
  facts.paths[Locale::fr] = "/fr/produit/theiere-en-fonte";
  facts.paths[Locale::en] = "/en/product/cast-iron-teapot";
  facts.name = product.text[locale].name;
  facts.summary = product.text[locale].short_description;
  facts.image = product.images.front();
  facts.breadcrumbs = {{.name = "Accueil", .path = "/fr/"},
                       {.name = "Théières", .path = "/fr/categorie/theieres"},
                       {.name = "Théière en fonte", .path = "/fr/produit/theiere-en-fonte"}};
  facts.product = &product;
  return facts;
}

views::Page describe(const PageFacts& facts, std::string_view base_url = "https://shop.example/",
                     const views::ShopName* names = nullptr) {
  views::ShopName defaults(messages());
  HeadTags head(base_url, views::LocaleTags{}, messages(), names ? *names : defaults);
  views::Page page{.locale = facts.locale};
  head.describe(facts, page);
  return page;
}

TEST(HeadTags, TheShopNameIsTheOneFromTheSettingsOnceSet) {
  views::ShopName names(messages());
  PageFacts facts{.kind = PageKind::home, .locale = Locale::en};
  EXPECT_EQ(describe(facts, "https://shop.example/", &names).open_graph.site_name, "Comptoir");
  names.set("Atelier Nord", "North Workshop");
  auto page = describe(facts, "https://shop.example/", &names);
  EXPECT_EQ(page.open_graph.site_name, "North Workshop");
  EXPECT_EQ(page.open_graph.title, "North Workshop");
  facts.locale = Locale::fr;
  EXPECT_EQ(describe(facts, "https://shop.example/", &names).open_graph.site_name, "Atelier Nord");
  names.set("", "North Workshop");  // a language without a name keeps the default
  EXPECT_EQ(describe(facts, "https://shop.example/", &names).open_graph.site_name, "Comptoir");
}

TEST(HeadTags, TitleFallsBackFromMetaTitleToNameToTheShopName) {
  PageFacts facts{.kind = PageKind::category, .meta_title = "Thés fins", .name = "Thé"};
  EXPECT_EQ(describe(facts).title, "Thés fins");
  facts.meta_title.clear();
  EXPECT_EQ(describe(facts).title, "Thé");
  facts.name.clear();
  auto page = describe(facts);
  EXPECT_EQ(page.title, "");  // the layout shows the shop name alone
  EXPECT_EQ(page.open_graph.title, "Comptoir");
}

TEST(HeadTags, DescriptionFallsBackFromMetaToSummaryToTheShopDescription) {
  PageFacts facts{.kind = PageKind::category,
                  .locale = Locale::en,
                  .meta_description = "Meta.",
                  .summary = "Summary."};
  EXPECT_EQ(describe(facts).description, "Meta.");
  facts.meta_description.clear();
  EXPECT_EQ(describe(facts).description, "Summary.");
  facts.summary.clear();
  EXPECT_EQ(describe(facts).description, "The shop.");
}

TEST(HeadTags, CanonicalIsAbsoluteWithoutTrackingOrPageOne) {
  PageFacts facts{.kind = PageKind::category, .locale = Locale::fr, .query = "page=1&utm_source=x"};
  facts.paths[Locale::fr] = "/fr/categorie/the";
  facts.paths[Locale::en] = "/en/category/tea";
  auto page = describe(facts);
  EXPECT_EQ(page.canonical_url, "https://shop.example/fr/categorie/the");
  facts.query = "page=2&gclid=1";
  page = describe(facts);
  EXPECT_EQ(page.canonical_url, "https://shop.example/fr/categorie/the?page=2");
  ASSERT_EQ(page.alternates.size(), 3u);
  EXPECT_EQ(page.alternates[1].hreflang, "en-CA");
  EXPECT_EQ(page.alternates[1].href, "https://shop.example/en/category/tea?page=2");
  EXPECT_EQ(page.robots, "");
}

TEST(HeadTags, SearchResultsAreNotIndexed) {
  PageFacts facts{.kind = PageKind::listing, .query = "q=th%C3%A9", .noindex = true};
  facts.paths[Locale::fr] = "/fr/produits";
  facts.paths[Locale::en] = "/en/products";
  auto page = describe(facts);
  EXPECT_EQ(page.robots, "noindex, follow");
  EXPECT_EQ(page.canonical_url, "https://shop.example/fr/produits?q=th%C3%A9");
}

TEST(HeadTags, ProductPageHasOpenGraphAndProductJsonLd) {
  auto product = catalog::testing::teapot();
  auto page = describe(product_facts(product, Locale::fr));
  EXPECT_EQ(page.open_graph.type, "product");
  EXPECT_EQ(page.open_graph.title, "Théière en fonte");
  EXPECT_EQ(page.open_graph.description, "Une théière qui garde la chaleur.");
  EXPECT_EQ(page.open_graph.url, "https://shop.example/fr/produit/theiere-en-fonte");
  EXPECT_EQ(page.open_graph.image, "https://shop.example/media/products/42/1.jpg");
  EXPECT_EQ(page.open_graph.locale, "fr_CA");
  EXPECT_EQ(page.open_graph.alternate_locales, std::vector<std::string>{"en_CA"});
  EXPECT_EQ(page.open_graph.site_name, "Comptoir");

  auto graph = json::parse(page.json_ld).at("@graph").as_array();
  ASSERT_EQ(graph.size(), 2u);
  EXPECT_EQ(graph[0].at("@type"), "Product");
  EXPECT_EQ(graph[0].at("url"), json::value(page.canonical_url));
  EXPECT_EQ(graph[1].at("@type"), "BreadcrumbList");
}

TEST(HeadTags, HomeHasOrganizationAndWebSite) {
  PageFacts facts{.kind = PageKind::home, .locale = Locale::en, .name = "Home"};
  facts.paths[Locale::fr] = "/fr/";
  facts.paths[Locale::en] = "/en/";
  auto page = describe(facts, "http://127.0.0.1:8080");
  EXPECT_EQ(page.canonical_url, "http://127.0.0.1:8080/en/");
  EXPECT_EQ(page.open_graph.type, "website");
  EXPECT_EQ(page.open_graph.locale, "en_CA");
  auto graph = json::parse(page.json_ld).at("@graph").as_array();
  ASSERT_EQ(graph.size(), 2u);
  EXPECT_EQ(graph[0].at("@type"), "Organization");
  EXPECT_EQ(graph[1].at("@type"), "WebSite");
  EXPECT_EQ(graph[1].at("potentialAction").at("target").at("urlTemplate"),
            "http://127.0.0.1:8080/en/products?q={search_term_string}");
}

TEST(Summarize, CollapsesWhitespaceAndCutsAtAWord) {
  EXPECT_EQ(summarize("  Une   théière\n\nen fonte. "), "Une théière en fonte.");
  auto cut = summarize("Fonte émaillée, contenance généreuse et poignée confortable", 31);
  EXPECT_LE(cut.size(), 31u);
  EXPECT_EQ(cut, "Fonte émaillée, contenance…");
}

TEST(Summarize, NeverSplitsACharacter) {
  std::string word;
  for (int i = 0; i < 40; ++i) word += "é";
  auto cut = summarize(word, 21);
  EXPECT_LE(cut.size(), 21u);
  EXPECT_TRUE(cut.ends_with("…"));
  EXPECT_EQ((cut.size() - std::string("…").size()) % 2, 0u) << cut;
}

}  // namespace
}  // namespace comptoir::seo

namespace comptoir::seo {
namespace {

TEST(HeadTags, VerificationCodesOnTheHomePagesOnly) {
  views::ShopName names(messages());
  HeadTags head("https://shop.example", views::LocaleTags{}, messages(), names,
                site_verification_tags({"g-code_1"}, {"B1NG"}));
  for (auto locale : {Locale::fr, Locale::en}) {
    views::Page home{.locale = locale};
    head.describe(PageFacts{.kind = PageKind::home, .locale = locale}, home);
    ASSERT_EQ(home.meta_tags.size(), 2u);
    EXPECT_EQ(home.meta_tags[0].name, "google-site-verification");
    EXPECT_EQ(home.meta_tags[0].content, "g-code_1");
    EXPECT_EQ(home.meta_tags[1].name, "msvalidate.01");
    EXPECT_EQ(home.meta_tags[1].content, "B1NG");
  }
  views::Page category{.locale = Locale::fr};
  head.describe(PageFacts{.kind = PageKind::category, .locale = Locale::fr}, category);
  EXPECT_TRUE(category.meta_tags.empty());
}

}  // namespace
}  // namespace comptoir::seo
