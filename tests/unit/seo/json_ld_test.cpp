#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "../catalog/storefront_fixtures.hpp"
#include "seo/json_ld.hpp"

namespace comptoir::seo {
namespace {

namespace json = boost::json;
using catalog::Locale;

json::value parse_document(const std::string& text) {
  auto document = json::parse(text);
  EXPECT_EQ(document.at("@context"), "https://schema.org");
  return document;
}

TEST(JsonLd, AProductNamedLikeAScriptCannotCloseTheElement) {
  auto product = catalog::testing::teapot();
  product.text[Locale::fr].name = "</script><script>alert(1)</script>";
  product.text[Locale::fr].short_description = "<!-- & -->";
  auto text = json_ld_text(json::array{
      product_node(product, Locale::fr, "https://s.example/fr/produit/x", "https://s.example")});

  EXPECT_EQ(text.find('<'), std::string::npos) << text;
  EXPECT_EQ(text.find('>'), std::string::npos) << text;
  EXPECT_EQ(text.find('&'), std::string::npos) << text;
  EXPECT_NE(text.find("\\u003c/script\\u003e"), std::string::npos) << text;
  // Still the same JSON: the escapes decode to the original strings.
  auto node = parse_document(text).at("@graph").at(0);
  EXPECT_EQ(node.at("name"), "</script><script>alert(1)</script>");
  EXPECT_EQ(node.at("description"), "<!-- & -->");
}

TEST(JsonLd, TheDocumentIsWhatSerializingItAsAnObjectWrites) {
  auto product = catalog::testing::teapot();
  json::array nodes{
      product_node(product, Locale::fr, "https://s.example/fr/produit/x", "https://s.example"),
      json::object{{"@type", "BreadcrumbList"}, {"name", "Cuisine / Thé"}}};
  json::object document{{"@context", "https://schema.org"}, {"@graph", nodes}};
  EXPECT_EQ(json_ld_text(nodes), script_safe(json::serialize(document)));
  EXPECT_EQ(json_ld_text({}), R"({"@context":"https://schema.org","@graph":[]})");
}

TEST(JsonLd, LineAndParagraphSeparatorsAreEscaped) {
  auto text = script_safe("{\"a\":\"x\u2028y\u2029z\"}");
  EXPECT_EQ(text, "{\"a\":\"x\\u2028y\\u2029z\"}");
  EXPECT_EQ(json::parse(text).at("a"), "x\u2028y\u2029z");
}

TEST(JsonLd, OnlyWhatCouldEndTheScriptIsReplaced) {
  EXPECT_EQ(script_safe(""), "");
  EXPECT_EQ(script_safe(R"({"name":"Thé vert"})"), R"({"name":"Thé vert"})");
  EXPECT_EQ(script_safe("</script><!--&"), "\\u003c/script\\u003e\\u003c!--\\u0026");
  // Other characters whose UTF-8 starts with E2 (an em dash, curly quotes) stay as they are.
  EXPECT_EQ(script_safe("a \u2014 \u201cb\u201d"), "a \u2014 \u201cb\u201d");
  EXPECT_EQ(script_safe("\u2029"), "\\u2029");
  EXPECT_EQ(script_safe("x\u2028<"), "x\\u2028\\u003c");
  // A truncated sequence at the end is copied as it is.
  EXPECT_EQ(script_safe("ab\xE2\x80"), "ab\xE2\x80");
}

TEST(JsonLd, PricesAreDecimalStringsFromMinorUnits) {
  EXPECT_EQ(decimal_amount(1299, "CAD"), "12.99");
  EXPECT_EQ(decimal_amount(5, "CAD"), "0.05");
  EXPECT_EQ(decimal_amount(100000, "EUR"), "1000.00");
  EXPECT_EQ(decimal_amount(500, "JPY"), "500");
  EXPECT_EQ(decimal_amount(1234, "TND"), "1.234");
}

TEST(JsonLd, ProductHasOneOfferPerVariant) {
  auto product = catalog::testing::teapot();
  auto node = json::value(product_node(
      product, Locale::en, "https://s.example/en/product/cast-iron-teapot", "https://s.example"));
  EXPECT_EQ(node.at("@type"), "Product");
  EXPECT_EQ(node.at("name"), "Cast iron teapot");
  EXPECT_EQ(node.at("description"), "A teapot that keeps the heat.");
  EXPECT_EQ(node.at("brand").at("name"), "Fonderie Laval");
  EXPECT_EQ(node.at("image").at(0), "https://s.example/media/products/42/1.jpg");
  const auto& offers = node.at("offers").as_array();
  ASSERT_EQ(offers.size(), 2u);
  EXPECT_EQ(offers[0].at("@type"), "Offer");
  EXPECT_EQ(offers[0].at("sku"), "TEA-POT-S");
  EXPECT_EQ(offers[0].at("price"), "49.99");
  EXPECT_EQ(offers[0].at("priceCurrency"), "CAD");
  EXPECT_EQ(offers[0].at("availability"), "https://schema.org/InStock");
  EXPECT_EQ(offers[0].at("url"), "https://s.example/en/product/cast-iron-teapot");
  EXPECT_EQ(offers[1].at("availability"), "https://schema.org/OutOfStock");
}

TEST(JsonLd, ASingleVariantProductHasOneOfferObject) {
  auto product = catalog::testing::teapot();
  product.variants.resize(1);
  auto node = json::value(
      product_node(product, Locale::fr, "https://s.example/fr/produit/t", "https://s.example"));
  EXPECT_EQ(node.at("sku"), "TEA-POT-S");
  EXPECT_EQ(node.at("offers").at("price"), "49.99");
}

TEST(JsonLd, BreadcrumbListHasAbsoluteUrlsAndPositions) {
  std::vector<catalog::storefront::Crumb> crumbs{{.name = "Accueil", .path = "/fr/"},
                                                 {.name = "Thé", .path = "/fr/categorie/the"}};
  auto node = json::value(breadcrumb_node(crumbs, "https://s.example"));
  EXPECT_EQ(node.at("@type"), "BreadcrumbList");
  const auto& items = node.at("itemListElement").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("position"), 1);
  EXPECT_EQ(items[0].at("item"), "https://s.example/fr/");
  EXPECT_EQ(items[1].at("position"), 2);
  EXPECT_EQ(items[1].at("name"), "Thé");
  EXPECT_EQ(items[1].at("item"), "https://s.example/fr/categorie/the");
}

TEST(JsonLd, WebSiteSearchActionTargetsTheProductsPage) {
  auto node = json::value(website_node("Comptoir", "https://s.example", "https://s.example/en/",
                                       "/en/products", "en-CA"));
  EXPECT_EQ(node.at("@type"), "WebSite");
  EXPECT_EQ(node.at("inLanguage"), "en-CA");
  const auto& action = node.at("potentialAction");
  EXPECT_EQ(action.at("@type"), "SearchAction");
  EXPECT_EQ(action.at("target").at("urlTemplate"),
            "https://s.example/en/products?q={search_term_string}");
  EXPECT_EQ(action.at("query-input"), "required name=search_term_string");
  auto organization = json::value(organization_node("Comptoir", "https://s.example"));
  EXPECT_EQ(organization.at("@type"), "Organization");
  EXPECT_EQ(organization.at("url"), "https://s.example/");
}

}  // namespace
}  // namespace comptoir::seo
