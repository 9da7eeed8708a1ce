#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "../catalog/storefront_fixtures.hpp"
#include "seo/json_ld.hpp"
#include "seo/json_writer.hpp"

namespace comptoir::seo {
namespace {

namespace json = boost::json;
using catalog::Locale;

json::value parse_document(const std::string& text) {
  auto document = json::parse(text);
  EXPECT_EQ(document.at("@context"), "https://schema.org");
  return document;
}

// The first node of a graph with one node.
template <class Add>
json::value only_node(Add add) {
  JsonLdGraph graph;
  add(graph);
  auto document = parse_document(std::move(graph).text());
  EXPECT_EQ(document.at("@graph").as_array().size(), 1u);
  return document.at("@graph").at(0);
}

// Writes any Boost.JSON value with the writer (integers and strings: what JSON-LD holds).
void write(JsonWriter& out, const json::value& value) {
  if (value.is_object()) {
    out.open_object();
    for (const auto& [name, member] : value.as_object()) {
      out.key(name);
      write(out, member);
    }
    out.close_object();
  } else if (value.is_array()) {
    out.open_array();
    for (const auto& element : value.as_array()) write(out, element);
    out.close_array();
  } else if (value.is_string()) {
    out.string(value.as_string());
  } else {
    out.number(value.as_int64());
  }
}

// The reference: Boost.JSON's own text with '<', '>', '&', U+2028 and U+2029 replaced, which only
// ever occur inside its strings.
std::string script_safe(std::string text) {
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"<", "\\u003c"},
                          {">", "\\u003e"},
                          {"&", "\\u0026"},
                          {"\u2028", "\\u2028"},
                          {"\u2029", "\\u2029"}})
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  return text;
}

std::string written(const json::value& value) {
  JsonWriter out;
  write(out, value);
  return std::move(out).take();
}

TEST(JsonWriter, WritesWhatBoostJsonWritesMadeScriptSafe) {
  std::string every_control;
  for (char c = 0; c < 0x20; ++c) every_control += c;
  json::value value{
      {"plain", "Théière en fonte — 1 L"},
      {"controls", every_control},
      {"quotes", R"(a "b" \c\ /d/)"},
      {"script", "</script><!-- & -->"},
      {"separators", "x\u2028y\u2029z"},
      {"del", "\x7F"},
      {"numbers", json::array{0, -1, 42, std::numeric_limits<std::int64_t>::min(),
                              std::numeric_limits<std::int64_t>::max()}},
      {"nested", json::array{json::object{}, json::array{}, json::object{{"a", json::array{"x"}}},
                             json::array{json::array{}, "y"}}},
      {"", ""}};
  EXPECT_EQ(written(value), script_safe(json::serialize(value)));
  EXPECT_EQ(json::parse(written(value)), value);
  // Bytes that are not UTF-8 are copied, as the serializer copies them.
  json::value invalid = "\xFF\xFE ab\xE2\x80";
  EXPECT_EQ(written(invalid), script_safe(json::serialize(invalid)));
  EXPECT_EQ(written(invalid), "\"\xFF\xFE ab\xE2\x80\"");
  EXPECT_EQ(written(json::object{}), "{}");
  EXPECT_EQ(written(json::array{}), "[]");
}

TEST(JsonWriter, OnlyWhatCouldEndTheScriptIsReplaced) {
  auto text = [](std::string_view s) { return JsonWriter().string(s).text(); };
  EXPECT_EQ(text(""), R"("")");
  EXPECT_EQ(text("Thé vert"), R"("Thé vert")");
  EXPECT_EQ(text("</script><!--&"), R"("\u003c/script\u003e\u003c!--\u0026")");
  // Other characters whose UTF-8 starts with E2 (an em dash, curly quotes) stay as they are.
  EXPECT_EQ(text("a \u2014 \u201cb\u201d"), "\"a \u2014 \u201cb\u201d\"");
  EXPECT_EQ(text("\u2029"), R"("\u2029")");
  EXPECT_EQ(text("x\u2028<"), R"("x\u2028\u003c")");
  // A truncated sequence at the end is copied as it is.
  EXPECT_EQ(text("ab\xE2\x80"), "\"ab\xE2\x80\"");
  EXPECT_EQ(json::parse(text("x\u2028y\u2029z")), "x\u2028y\u2029z");
}

TEST(JsonLd, AProductNamedLikeAScriptCannotCloseTheElement) {
  auto product = catalog::testing::teapot();
  product.text[Locale::fr].name = "</script><script>alert(1)</script>";
  product.text[Locale::fr].short_description = "<!-- & -->";
  JsonLdGraph graph;
  graph.product(product, Locale::fr, "https://s.example/fr/produit/x", "https://s.example");
  auto text = std::move(graph).text();

  EXPECT_EQ(text.find('<'), std::string::npos) << text;
  EXPECT_EQ(text.find('>'), std::string::npos) << text;
  EXPECT_EQ(text.find('&'), std::string::npos) << text;
  EXPECT_NE(text.find("\\u003c/script\\u003e"), std::string::npos) << text;
  // Still the same JSON: the escapes decode to the original strings.
  auto node = parse_document(text).at("@graph").at(0);
  EXPECT_EQ(node.at("name"), "</script><script>alert(1)</script>");
  EXPECT_EQ(node.at("description"), "<!-- & -->");
}

TEST(JsonLd, TheGraphHoldsItsNodesInOrderAndIsEmptyWithout) {
  auto product = catalog::testing::teapot();
  JsonLdGraph graph;
  EXPECT_TRUE(graph.empty());
  graph.product(product, Locale::fr, "https://s.example/fr/produit/x", "https://s.example");
  graph.breadcrumbs({{.name = "Accueil", .path = "/fr/"}, {.name = "Thé", .path = "/fr/t"}},
                    "https://s.example");
  EXPECT_FALSE(graph.empty());
  auto text = std::move(graph).text();
  EXPECT_TRUE(text.starts_with(R"({"@context":"https://schema.org","@graph":[{"@type":"Product",)"))
      << text;
  auto nodes = parse_document(text).at("@graph").as_array();
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[1].at("@type"), "BreadcrumbList");
  EXPECT_EQ(JsonLdGraph().text(), "");
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
  auto node = only_node([&](JsonLdGraph& graph) {
    graph.product(product, Locale::en, "https://s.example/en/product/cast-iron-teapot",
                  "https://s.example");
  });
  EXPECT_EQ(node.at("@type"), "Product");
  EXPECT_EQ(node.at("name"), "Cast iron teapot");
  EXPECT_EQ(node.at("url"), "https://s.example/en/product/cast-iron-teapot");
  EXPECT_EQ(node.at("description"), "A teapot that keeps the heat.");
  EXPECT_EQ(node.at("brand"), (json::value{{"@type", "Brand"}, {"name", "Fonderie Laval"}}));
  EXPECT_EQ(node.at("image").at(0), "https://s.example/media/products/42/1.jpg");
  EXPECT_FALSE(node.as_object().contains("sku"));
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

TEST(JsonLd, ASingleVariantProductHasOneOfferObjectAndItsGtin) {
  auto product = catalog::testing::teapot();
  product.variants.resize(1);
  product.variants.front().gtin = "0012345678905";
  product.brand.clear();
  product.images.clear();
  auto node = only_node([&](JsonLdGraph& graph) {
    graph.product(product, Locale::fr, "https://s.example/fr/produit/t", "https://s.example");
  });
  EXPECT_EQ(node.at("sku"), "TEA-POT-S");
  EXPECT_EQ(node.at("gtin"), "0012345678905");
  EXPECT_EQ(node.at("offers").at("price"), "49.99");
  EXPECT_EQ(node.at("offers").at("gtin"), "0012345678905");
  EXPECT_FALSE(node.as_object().contains("brand"));
  EXPECT_FALSE(node.as_object().contains("image"));
}

TEST(JsonLd, BreadcrumbListHasAbsoluteUrlsAndPositions) {
  std::vector<catalog::storefront::Crumb> crumbs{{.name = "Accueil", .path = "/fr/"},
                                                 {.name = "Thé", .path = "/fr/categorie/the"}};
  auto node =
      only_node([&](JsonLdGraph& graph) { graph.breadcrumbs(crumbs, "https://s.example"); });
  EXPECT_EQ(node.at("@type"), "BreadcrumbList");
  const auto& items = node.at("itemListElement").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("@type"), "ListItem");
  EXPECT_EQ(items[0].at("position"), 1);
  EXPECT_EQ(items[0].at("item"), "https://s.example/fr/");
  EXPECT_EQ(items[1].at("position"), 2);
  EXPECT_EQ(items[1].at("name"), "Thé");
  EXPECT_EQ(items[1].at("item"), "https://s.example/fr/categorie/the");
}

TEST(JsonLd, WebSiteSearchActionTargetsTheProductsPage) {
  auto node = only_node([](JsonLdGraph& graph) {
    graph.website("Comptoir", "https://s.example", "https://s.example/en/", "/en/products",
                  "en-CA");
  });
  EXPECT_EQ(node.at("@type"), "WebSite");
  EXPECT_EQ(node.at("@id"), "https://s.example/#website");
  EXPECT_EQ(node.at("url"), "https://s.example/en/");
  EXPECT_EQ(node.at("inLanguage"), "en-CA");
  EXPECT_EQ(node.at("publisher").at("@id"), "https://s.example/#organization");
  const auto& action = node.at("potentialAction");
  EXPECT_EQ(action.at("@type"), "SearchAction");
  EXPECT_EQ(action.at("target").at("@type"), "EntryPoint");
  EXPECT_EQ(action.at("target").at("urlTemplate"),
            "https://s.example/en/products?q={search_term_string}");
  EXPECT_EQ(action.at("query-input"), "required name=search_term_string");
  auto organization =
      only_node([](JsonLdGraph& graph) { graph.organization("Comptoir", "https://s.example"); });
  EXPECT_EQ(organization.at("@type"), "Organization");
  EXPECT_EQ(organization.at("@id"), "https://s.example/#organization");
  EXPECT_EQ(organization.at("name"), "Comptoir");
  EXPECT_EQ(organization.at("url"), "https://s.example/");
}

}  // namespace
}  // namespace comptoir::seo
