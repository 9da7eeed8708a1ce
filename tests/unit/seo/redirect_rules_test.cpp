#include "seo/redirect_rules.hpp"

#include <gtest/gtest.h>

namespace comptoir::seo {
namespace {

Redirect exact(std::string from, std::string target, int status = 301) {
  return {.from = std::move(from), .prefix = false, .target = std::move(target), .status = status};
}
Redirect prefix(std::string from, std::string target, int status = 301) {
  return {.from = std::move(from), .prefix = true, .target = std::move(target), .status = status};
}

const PathRules& rules() {
  static const PathRules shop = shop_path_rules("https://shop.example/", {"/google1234abcd.html"});
  return shop;
}

TEST(RedirectIndex, ExactBeatsPrefixAndTheLongestPrefixWins) {
  RedirectIndex index(
      {prefix("/old-shop/", "/fr/produits"), prefix("/old-shop/chairs/", "/fr/categorie/chaises"),
       exact("/old-shop/chairs/red", "/fr/produit/chaise-rouge"), exact("/about", "/fr/", 302)});
  ASSERT_NE(index.find("/old-shop/chairs/red"), nullptr);
  EXPECT_EQ(index.find("/old-shop/chairs/red")->target, "/fr/produit/chaise-rouge");
  EXPECT_EQ(index.find("/old-shop/chairs/blue")->target, "/fr/categorie/chaises");
  EXPECT_EQ(index.find("/old-shop/chairs/")->target, "/fr/categorie/chaises");
  EXPECT_EQ(index.find("/old-shop/tables/x")->target, "/fr/produits");
  EXPECT_EQ(index.find("/old-shop/")->target, "/fr/produits");
  EXPECT_EQ(index.find("/about")->status, 302);
  // A prefix needs the whole prefix; an exact path needs the whole path.
  EXPECT_EQ(index.find("/old-shop"), nullptr);
  EXPECT_EQ(index.find("/about/team"), nullptr);
  EXPECT_EQ(index.find("/About"), nullptr);
  EXPECT_EQ(index.find("/"), nullptr);
}

TEST(RedirectIndex, EmptyIndexFindsNothing) {
  RedirectIndex index;
  EXPECT_EQ(index.find("/anything"), nullptr);
  EXPECT_EQ(index.size(), 0u);
}

TEST(RedirectFrom, ParsesPathsAndPrefixes) {
  auto plain = parse_from("/boutique/chaise.html", rules());
  ASSERT_TRUE(plain) << plain.error();
  EXPECT_EQ(plain->from, "/boutique/chaise.html");
  EXPECT_FALSE(plain->prefix);

  auto star = parse_from(" /old-shop/* ", rules());
  ASSERT_TRUE(star) << star.error();
  EXPECT_EQ(star->from, "/old-shop/");
  EXPECT_TRUE(star->prefix);
  EXPECT_EQ(star->from_text(), "/old-shop/*");

  auto escaped = parse_from("/cat%C3%A9gorie/th%C3%A9", rules());
  ASSERT_TRUE(escaped) << escaped.error();
  EXPECT_EQ(escaped->from, "/catégorie/thé");
  EXPECT_EQ(parse_from("/catégorie/thé", rules())->from, "/catégorie/thé");
}

TEST(RedirectFrom, RefusesWhatIsNotAnOldPath) {
  for (const char* bad : {"", "boutique", "//evil.example/x", "https://old.example/x", "/x?id=3",
                          "/x#top", "/bad%FF", "/nul%00", "/tab\there"})
    EXPECT_FALSE(parse_from(bad, rules())) << bad;
  EXPECT_FALSE(parse_from("/" + std::string(2001, 'a'), rules()));
}

TEST(RedirectFrom, RefusesTheShopsOwnPages) {
  for (const char* own : {"/",
                          "/fr",
                          "/en",
                          "/fr/",
                          "/fr/produits",
                          "/en/product/x",
                          "/api/v1/products",
                          "/admin",
                          "/admin/orders",
                          "/static/app.css",
                          "/media/x.webp",
                          "/webhooks/stripe",
                          "/healthz",
                          "/readyz",
                          "/metrics",
                          "/robots.txt",
                          "/sitemap.xml",
                          "/sitemap-fr-1.xml",
                          "/BingSiteAuth.xml",
                          "/google1234abcd.html"})
    EXPECT_FALSE(parse_from(own, rules())) << own;
  // Answered before routing by the storefront's own redirects: never reached.
  for (const char* shadowed : {"/FR/produits", "/de/produkt", "/es-MX/x", "/ok"})
    EXPECT_FALSE(parse_from(shadowed, rules())) << shadowed;
  // A prefix may not cover the shop's pages either.
  for (const char* covering : {"/*", "/f*", "/a*", "/sitemap*", "/st*"})
    EXPECT_FALSE(parse_from(covering, rules())) << covering;
  auto error = parse_from("/fr/vieille-page", rules());
  ASSERT_FALSE(error);
  EXPECT_NE(error.error().find("/fr/"), std::string::npos) << error.error();
}

TEST(RedirectTarget, PathsAndHttpUrls) {
  EXPECT_EQ(parse_target("/fr/produits?q=thé").value(), "/fr/produits?q=th%C3%A9");
  EXPECT_EQ(parse_target("https://blog.example/old?a=1#x").value(),
            "https://blog.example/old?a=1#x");
  EXPECT_EQ(parse_target("HTTP://Blog.example/").value(), "HTTP://Blog.example/");
  for (const char* bad :
       {"", "fr/produits", "//evil.example/", "ftp://x.example/", "javascript:alert(1)", "https://",
        "/a b", "/x\ny", "/bad%FF", "https://exa mple.com/"})
    EXPECT_FALSE(parse_target(bad)) << bad;
}

TEST(RedirectStatus, OnlyThreeStatuses) {
  EXPECT_EQ(parse_status("301").value(), 301);
  EXPECT_EQ(parse_status(" 302").value(), 302);
  EXPECT_EQ(parse_status("410").value(), 410);
  for (const char* bad : {"", "200", "307", "308", "404", "301.0", "abc"})
    EXPECT_FALSE(parse_status(bad)) << bad;
}

TEST(RedirectLocation, KeepsTheRequestsQuery) {
  auto to = exact("/old", "/fr/produits");
  EXPECT_EQ(location_of(to, ""), "/fr/produits");
  EXPECT_EQ(location_of(to, "q=th%C3%A9&utm_source=mail"),
            "/fr/produits?q=th%C3%A9&utm_source=mail");
  auto with_query = exact("/old", "https://blog.example/a?lang=fr#top");
  EXPECT_EQ(location_of(with_query, "x=1"), "https://blog.example/a?lang=fr&x=1#top");
}

TEST(RedirectLocalPath, OwnOriginCountsAsThisShop) {
  EXPECT_EQ(local_path_of("/fr/produits?q=x", "https://shop.example").value(), "/fr/produits");
  EXPECT_EQ(local_path_of("https://shop.example/old%20page#x", "https://shop.example").value(),
            "/old page");
  EXPECT_EQ(local_path_of("https://SHOP.example", "https://shop.example").value(), "/");
  EXPECT_FALSE(local_path_of("https://shop.example.evil/x", "https://shop.example"));
  EXPECT_FALSE(local_path_of("https://other.example/x", "https://shop.example"));
}

TEST(RedirectChains, ChainsAndLoopsAreFound) {
  RedirectIndex index({exact("/a", "/b"), exact("/b", "/fr/produits"), exact("/self", "/self"),
                       exact("/x", "/y"), exact("/y", "https://shop.example/x"),
                       prefix("/old/", "/old/landing"), exact("/gone", "", 410),
                       exact("/to-gone", "/gone"), exact("/ok", "https://other.example/b")});
  auto problem = [&](std::string_view from) {
    return chain_problem(*index.find(from), index, "https://shop.example");
  };
  EXPECT_NE(problem("/a").find("chain"), std::string::npos) << problem("/a");
  EXPECT_EQ(problem("/b"), "");
  EXPECT_NE(problem("/self").find("loop"), std::string::npos) << problem("/self");
  EXPECT_NE(problem("/x").find("loop"), std::string::npos) << problem("/x");
  EXPECT_NE(problem("/old/anything").find("loop"), std::string::npos);  // the prefix catches it
  EXPECT_NE(problem("/to-gone").find("chain"), std::string::npos);
  EXPECT_EQ(problem("/gone"), "");
  EXPECT_EQ(problem("/ok"), "");
}

}  // namespace
}  // namespace comptoir::seo
