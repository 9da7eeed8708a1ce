#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "../catalog/storefront_fixtures.hpp"
#include "seo/sitemap.hpp"
#include "seo/sitemap_cache.hpp"

namespace comptoir::seo {
namespace {

using catalog::Locale;
using catalog::SitemapEntry;
using catalog::testing::at;

SitemapEntry entry(SitemapEntry::Kind kind, std::string fr, std::string en,
                   catalog::Timestamp when) {
  SitemapEntry e{.kind = kind, .slug = {}, .lastmod = when};
  e.slug[Locale::fr] = std::move(fr);
  e.slug[Locale::en] = std::move(en);
  return e;
}

std::vector<SitemapEntry> entries() {
  return {
      entry(SitemapEntry::Kind::product, "theiere-en-fonte", "cast-iron-teapot", at(2026, 11, 20)),
      entry(SitemapEntry::Kind::category, "the", "tea", at(2026, 10, 1)),
      entry(SitemapEntry::Kind::product, "tasse", "cup", at(2026, 9, 5))};
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(Sitemap, IndexPointsAtEachLocaleFile) {
  Sitemaps sitemaps(entries(), {.base_url = "https://shop.example/"});
  auto index = sitemaps.index_xml();
  EXPECT_TRUE(index.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex"));
  EXPECT_NE(index.find("<sitemap><loc>https://shop.example/sitemap-fr-1.xml</loc>"
                       "<lastmod>2026-11-20T00:00:00Z</lastmod></sitemap>"),
            std::string::npos)
      << index;
  EXPECT_NE(index.find("<loc>https://shop.example/sitemap-en-1.xml</loc>"), std::string::npos);
  EXPECT_EQ(count(index, "<sitemap>"), 2u);
}

TEST(Sitemap, LocaleFileListsHomeCategoriesThenProductsWithAlternates) {
  Sitemaps sitemaps(entries(), {.base_url = "https://shop.example"});
  auto fr = sitemaps.file_xml(Locale::fr, 1).value();
  EXPECT_NE(fr.find("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""), std::string::npos);
  auto home = fr.find("<loc>https://shop.example/fr/</loc>");
  auto category = fr.find("<loc>https://shop.example/fr/categorie/the</loc>");
  auto product = fr.find("<loc>https://shop.example/fr/produit/theiere-en-fonte</loc>");
  ASSERT_NE(home, std::string::npos) << fr;
  ASSERT_NE(category, std::string::npos);
  ASSERT_NE(product, std::string::npos);
  EXPECT_LT(home, category);
  EXPECT_LT(category, product);
  EXPECT_EQ(count(fr, "<url>"), 4u);
  EXPECT_NE(fr.find("<loc>https://shop.example/fr/produit/theiere-en-fonte</loc>"
                    "<lastmod>2026-11-20T00:00:00Z</lastmod>"
                    "<xhtml:link rel=\"alternate\" hreflang=\"fr-CA\" "
                    "href=\"https://shop.example/fr/produit/theiere-en-fonte\"/>"
                    "<xhtml:link rel=\"alternate\" hreflang=\"en-CA\" "
                    "href=\"https://shop.example/en/product/cast-iron-teapot\"/>"
                    "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" "
                    "href=\"https://shop.example/fr/produit/theiere-en-fonte\"/></url>"),
            std::string::npos)
      << fr;
  auto en = sitemaps.file_xml(Locale::en, 1).value();
  EXPECT_NE(en.find("<loc>https://shop.example/en/category/tea</loc>"), std::string::npos);
  EXPECT_EQ(sitemaps.file_xml(Locale::fr, 2), std::nullopt);
}

TEST(Sitemap, PagesHandedInFollowTheHomeWithTheirAlternates) {
  Sitemaps sitemaps(entries(), {.base_url = "https://shop.example",
                                .pages = {{"/fr/mentions-legales", "/en/legal-notice"}}});
  auto en = sitemaps.file_xml(Locale::en, 1).value();
  auto home = en.find("<loc>https://shop.example/en/</loc>");
  auto notice = en.find("<loc>https://shop.example/en/legal-notice</loc>");
  auto tea = en.find("<loc>https://shop.example/en/category/tea</loc>");
  EXPECT_LT(home, notice);
  EXPECT_LT(notice, tea);
  EXPECT_NE(en.find("hreflang=\"fr-CA\" href=\"https://shop.example/fr/mentions-legales\""),
            std::string::npos);
  // Nothing tells when such a page changed: no <lastmod> of its own.
  auto url_end = en.find("</url>", notice);
  EXPECT_EQ(en.substr(notice, url_end - notice).find("<lastmod>"), std::string::npos);
  EXPECT_EQ(count(en, "<url>"), 5U);
}

TEST(Sitemap, SplitsPastTheUrlLimit) {
  Sitemaps sitemaps(entries(), {.base_url = "https://shop.example", .urls_per_file = 2});
  EXPECT_EQ(sitemaps.file_count(Locale::fr), 2u);
  EXPECT_EQ(sitemaps.file_count(Locale::en), 2u);
  auto first = sitemaps.file_xml(Locale::fr, 1).value();
  auto second = sitemaps.file_xml(Locale::fr, 2).value();
  EXPECT_EQ(count(first, "<url>"), 2u);
  EXPECT_EQ(count(second, "<url>"), 2u);
  EXPECT_NE(second.find("/fr/produit/tasse"), std::string::npos);
  EXPECT_EQ(sitemaps.file_xml(Locale::fr, 3), std::nullopt);
  EXPECT_EQ(sitemaps.file_xml(Locale::fr, 0), std::nullopt);
  auto index = sitemaps.index_xml();
  EXPECT_EQ(count(index, "<sitemap>"), 4u);
  EXPECT_NE(index.find("https://shop.example/sitemap-en-2.xml"), std::string::npos);
}

TEST(Sitemap, AnEmptyCatalogStillListsTheHomePages) {
  Sitemaps sitemaps({}, {.base_url = "https://shop.example"});
  EXPECT_EQ(sitemaps.file_count(Locale::fr), 1u);
  auto fr = sitemaps.file_xml(Locale::fr, 1).value();
  EXPECT_EQ(count(fr, "<url>"), 1u);
  EXPECT_EQ(fr.find("<lastmod>"), std::string::npos);
}

TEST(Sitemap, AnUntranslatedPageIsListedOnlyInItsLocale) {
  Sitemaps sitemaps({entry(SitemapEntry::Kind::product, "", "english-only", at(2026, 1, 2))},
                    {.base_url = "https://shop.example"});
  auto fr = sitemaps.file_xml(Locale::fr, 1).value();
  auto en = sitemaps.file_xml(Locale::en, 1).value();
  EXPECT_EQ(fr.find("english-only"), std::string::npos);
  EXPECT_NE(en.find("<loc>https://shop.example/en/product/english-only</loc>"), std::string::npos);
  EXPECT_NE(en.find("hreflang=\"x-default\" href=\"https://shop.example/en/product/english-only\""),
            std::string::npos);
  EXPECT_EQ(en.find("hreflang=\"fr-CA\" href=\"https://shop.example/fr/produit"),
            std::string::npos);
}

TEST(Sitemap, UrlsAreXmlEscaped) {
  Sitemaps sitemaps({}, {.base_url = "https://shop.example/a&b"});
  EXPECT_NE(sitemaps.index_xml().find("https://shop.example/a&amp;b/sitemap-fr-1.xml"),
            std::string::npos);
}

TEST(Robots, ClosesPrivatePathsAndPointsAtTheSitemap) {
  auto robots = robots_txt("https://shop.example/", {{"/fr/panier", "/en/cart"},
                                                     {"/fr/commande", "/en/checkout"},
                                                     {"/fr/compte", "/en/account"}});
  EXPECT_TRUE(robots.starts_with("User-agent: *\nAllow: /\n"));
  for (auto path : {"/admin/", "/api/", "/webhooks/", "/fr/panier", "/en/cart", "/fr/commande",
                    "/en/checkout", "/fr/compte", "/en/account"})
    EXPECT_NE(robots.find(std::string("Disallow: ") + path + "\n"), std::string::npos) << path;
  EXPECT_EQ(robots.find("Disallow: /fr/\n"), std::string::npos);
  EXPECT_TRUE(robots.ends_with("\nSitemap: https://shop.example/sitemap.xml\n")) << robots;
}

std::shared_ptr<const Sitemaps> get(boost::asio::io_context& io, SitemapCache& cache) {
  auto future = boost::asio::co_spawn(io, cache.current(), boost::asio::use_future);
  io.restart();
  io.run();
  return future.get();
}

TEST(SitemapCache, ReloadsOnlyAfterItsTtl) {
  boost::asio::io_context io;
  int loads = 0;
  auto loader = [&loads]() -> net::awaitable<std::vector<SitemapEntry>> {
    ++loads;
    co_return entries();
  };
  SitemapCache cached(loader, {.base_url = "https://s.example"}, std::chrono::seconds(60));
  auto first = get(io, cached);
  auto second = get(io, cached);
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(first, second);

  SitemapCache expiring(loader, {.base_url = "https://s.example"}, std::chrono::seconds(0));
  get(io, expiring);
  get(io, expiring);
  EXPECT_EQ(loads, 3);
}

TEST(SitemapCache, AFailedLoadIsRetriedByTheNextRequest) {
  boost::asio::io_context io;
  int calls = 0;
  SitemapCache cache(
      [&calls]() -> net::awaitable<std::vector<SitemapEntry>> {
        if (++calls == 1) throw std::runtime_error("database down");
        co_return entries();
      },
      {.base_url = "https://s.example"}, std::chrono::seconds(60));
  EXPECT_THROW(get(io, cache), std::runtime_error);
  EXPECT_NE(get(io, cache), nullptr);
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace comptoir::seo
