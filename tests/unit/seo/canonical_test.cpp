#include <gtest/gtest.h>

#include "seo/canonical.hpp"

namespace comptoir::seo {
namespace {

using catalog::storefront::PageKind;

TEST(CanonicalQuery, DropsTrackingParameters) {
  EXPECT_EQ(canonical_query(PageKind::listing,
                            "utm_source=news&q=tasse&utm_medium=email&gclid=abc&fbclid=def&page=2"),
            "q=tasse&page=2");
}

TEST(CanonicalQuery, PageOneIsTheBareUrl) {
  EXPECT_EQ(canonical_query(PageKind::category, "page=1"), "");
  EXPECT_EQ(canonical_query(PageKind::category, ""), "");
  EXPECT_EQ(canonical_query(PageKind::category, "page=0"), "");
  EXPECT_EQ(canonical_query(PageKind::category, "page=deux"), "");
}

TEST(CanonicalQuery, CategoryKeepsItsPageButNotSortOrFilters) {
  EXPECT_EQ(canonical_query(PageKind::category, "sort=price&min=5&max=20&in_stock=1&page=3"),
            "page=3");
  EXPECT_EQ(canonical_query(PageKind::category, "q=ignored&page=2"), "page=2");
}

TEST(CanonicalQuery, SearchKeepsItsQueryEncoded) {
  EXPECT_EQ(canonical_query(PageKind::listing, "q=th%C3%A9+noir&sort=-price"), "q=th%C3%A9%20noir");
  EXPECT_EQ(canonical_query(PageKind::listing, "q=&page=1"), "");
}

TEST(CanonicalQuery, HomeAndProductPagesKeepNothing) {
  EXPECT_EQ(canonical_query(PageKind::home, "utm_source=x&page=2"), "");
  EXPECT_EQ(canonical_query(PageKind::product, "variant=3&page=2&q=x"), "");
}

TEST(AbsoluteUrl, JoinsTheOriginWithoutDoubleSlash) {
  auto origin = origin_of("https://shop.example/");
  EXPECT_EQ(origin, "https://shop.example");
  EXPECT_EQ(absolute_url(origin, "/fr/produit/tasse"), "https://shop.example/fr/produit/tasse");
  EXPECT_EQ(absolute_url(origin, "/fr/produits", "q=a"), "https://shop.example/fr/produits?q=a");
}

TEST(Hreflang, OneLinkPerLocaleAndXDefaultToFrench) {
  catalog::PerLocale<std::string> paths;
  paths[catalog::Locale::fr] = "/fr/produit/theiere";
  paths[catalog::Locale::en] = "/en/product/teapot";
  auto links = hreflang_links("https://s.example", paths, "page=2", views::LocaleTags{});
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].hreflang, "fr-CA");
  EXPECT_EQ(links[0].href, "https://s.example/fr/produit/theiere?page=2");
  EXPECT_EQ(links[1].hreflang, "en-CA");
  EXPECT_EQ(links[1].href, "https://s.example/en/product/teapot?page=2");
  EXPECT_EQ(links[2].hreflang, "x-default");
  EXPECT_EQ(links[2].href, links[0].href);
}

TEST(Hreflang, FollowsConfiguredTagsAndSkipsMissingTranslations) {
  catalog::PerLocale<std::string> paths;
  paths[catalog::Locale::en] = "/en/product/teapot";
  auto links = hreflang_links("https://s.example", paths, "", {.fr = "fr-FR", .en = "en-GB"});
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].hreflang, "en-GB");
  EXPECT_EQ(links[1].hreflang, "x-default");
  EXPECT_EQ(links[1].href, "https://s.example/en/product/teapot");
}

TEST(OpenGraphLocale, UsesAnUnderscore) {
  EXPECT_EQ(og_locale("fr-CA"), "fr_CA");
  EXPECT_EQ(og_locale("en-CA"), "en_CA");
}

TEST(StorefrontRedirect, TrailingSlashAndUpperCaseGoToTheCanonicalPath) {
  EXPECT_EQ(canonical_storefront_path("/fr/produit/Theiere"), "/fr/produit/theiere");
  EXPECT_EQ(canonical_storefront_path("/en/product/teapot/"), "/en/product/teapot");
  EXPECT_EQ(canonical_storefront_path("/EN/Products/"), "/en/products");
  EXPECT_EQ(canonical_storefront_path("/fr/categorie/the//"), "/fr/categorie/the");
  EXPECT_EQ(canonical_storefront_path("/fr/produits/"), "/fr/produits");
}

TEST(StorefrontRedirect, LocaleHomesKeepTheirSlash) {
  EXPECT_EQ(canonical_storefront_path("/fr/"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/en/"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/FR/"), "/fr/");
  EXPECT_EQ(canonical_storefront_path("/En"), "/en/");
  EXPECT_EQ(canonical_storefront_path("/fr//"), "/fr/");
  EXPECT_EQ(canonical_storefront_path("/fr"), std::nullopt);  // its own route redirects
}

TEST(StorefrontRedirect, CanonicalAndOtherPathsAreLeftAlone) {
  EXPECT_EQ(canonical_storefront_path("/fr/produit/theiere"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/static/css/Site.css"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/api/v1/products/"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/admin/"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/media/products/1/A.jpg"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/french/"), std::nullopt);
}

TEST(LocaleFallback, AnUnknownLocalePrefixFallsBackToFrench) {
  EXPECT_EQ(locale_fallback_path("/de/"), "/fr/");
  EXPECT_EQ(locale_fallback_path("/de"), "/fr/");
  EXPECT_EQ(locale_fallback_path("/es/produit/theiere"), "/fr/produit/theiere");
  EXPECT_EQ(locale_fallback_path("/zh-Hant/produits"), "/fr/produits");
}

TEST(LocaleFallback, ARegionalTagOfOurLanguageGoesToThatLocale) {
  EXPECT_EQ(locale_fallback_path("/en-GB/product/teapot"), "/en/product/teapot");
  EXPECT_EQ(locale_fallback_path("/fr_FR/"), "/fr/");
  EXPECT_EQ(locale_fallback_path("/EN-us"), "/en/");
}

TEST(LocaleFallback, OurLocalesAndOtherPathsAreLeftAlone) {
  EXPECT_EQ(locale_fallback_path("/fr/produit/theiere"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/EN/"), std::nullopt);  // a case variant: canonical's 301
  EXPECT_EQ(locale_fallback_path("/api/v1/products"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/api"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/api-docs/"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/admin/"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/static/css/site.css"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/healthz"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/robots.txt"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/"), std::nullopt);
  EXPECT_EQ(locale_fallback_path("/d3/"), std::nullopt);
}

TEST(StorefrontRedirect, PercentEscapesKeepTheirHexDigits) {
  EXPECT_EQ(canonical_storefront_path("/fr/produit/%C3%A9"), std::nullopt);
  EXPECT_EQ(canonical_storefront_path("/fr/produit/%C3%A9/"), "/fr/produit/%C3%A9");
  EXPECT_EQ(canonical_storefront_path("/FR/produit/%C3%A9"), "/fr/produit/%C3%A9");
}

}  // namespace
}  // namespace comptoir::seo
