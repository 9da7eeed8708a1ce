#include <gtest/gtest.h>

#include "catalog/storefront_format.hpp"
#include "storefront_test_support.hpp"

namespace comptoir::catalog::storefront {
namespace {

using testing::formatter;
using testing::messages;

TEST(StorefrontPrice, FrenchCanadianPutsTheDollarAfterANoBreakSpace) {
  EXPECT_EQ(price_view(Money{1299, "CAD"}, std::nullopt, Locale::fr, formatter()).current,
            "12,99\u00A0$");
}

TEST(StorefrontPrice, EnglishCanadianPutsTheDollarFirst) {
  EXPECT_EQ(price_view(Money{1299, "CAD"}, std::nullopt, Locale::en, formatter()).current,
            "$12.99");
}

TEST(StorefrontPrice, CompareAtPriceOnlyWhenHigher) {
  auto sale = price_view(Money{1299, "CAD"}, 1999, Locale::en, formatter());
  EXPECT_EQ(sale.compare_at, "$19.99");
  EXPECT_EQ(price_view(Money{1299, "CAD"}, 1299, Locale::en, formatter()).compare_at, "");
  EXPECT_EQ(price_view(Money{1299, "CAD"}, std::nullopt, Locale::en, formatter()).compare_at, "");
}

TEST(SearchHighlight, EscapesTheTextThenMarksTheMatches) {
  EXPECT_EQ(highlight_html("Th\x02\xC3\xA9\x03 <b>noir</b> & \x02vert\x03"),
            "Th<mark>\xC3\xA9</mark> &lt;b&gt;noir&lt;/b&gt; &amp; <mark>vert</mark>");
}

TEST(SearchHighlight, MarkupInsideAMatchStaysText) {
  EXPECT_EQ(highlight_html("\x02</mark><script>alert(1)</script>\x03"),
            "<mark>&lt;/mark&gt;&lt;script&gt;alert(1)&lt;/script&gt;</mark>");
}

TEST(SearchHighlight, MarkersAreAlwaysBalanced) {
  EXPECT_EQ(highlight_html("\x03"
                           "a\x02"
                           "b"),
            "a<mark>b</mark>");
  EXPECT_EQ(highlight_html("\x02\x02"
                           "a\x03\x03"),
            "<mark>a</mark>");
  EXPECT_EQ(highlight_html("a\x01"
                           "b\x7f"),
            "ab\x7f");
  EXPECT_EQ(highlight_html("\"quoted\" 'single'"), "&quot;quoted&quot; &#39;single&#39;");
}

TEST(Paragraphs, SplitAtBlankLines) {
  EXPECT_EQ(paragraphs("Fonte émaillée.\n\nContenance 1,2 l.\r\n\r\n\n\n  Garantie. \n"),
            (std::vector<std::string>{"Fonte émaillée.", "Contenance 1,2 l.", "Garantie."}));
  EXPECT_TRUE(paragraphs("  \n\n ").empty());
  EXPECT_EQ(paragraphs("One line\nstill one"), std::vector<std::string>{"One line\nstill one"});
}

TEST(CountText, FollowsEachLanguagesPluralRules) {
  EXPECT_EQ(count_text(messages(), formatter(), Locale::fr, "listing.count", 0), "0 produit");
  EXPECT_EQ(count_text(messages(), formatter(), Locale::fr, "listing.count", 1), "1 produit");
  EXPECT_EQ(count_text(messages(), formatter(), Locale::fr, "listing.count", 2), "2 produits");
  EXPECT_EQ(count_text(messages(), formatter(), Locale::en, "listing.count", 0), "0 products");
  EXPECT_EQ(count_text(messages(), formatter(), Locale::en, "listing.count", 1), "1 product");
  EXPECT_EQ(count_text(messages(), formatter(), Locale::en, "listing.count", 1234),
            "1,234 products");
  auto big = count_text(messages(), formatter(), Locale::fr, "listing.count", 1234);
  EXPECT_TRUE(big.starts_with("1") && big.ends_with("234 produits")) << big;
  EXPECT_NE(big, "1234 produits");  // grouped the French way
}

TEST(Fill, ReplacesEveryPlaceholder) {
  EXPECT_EQ(fill("{n} et {n}", "n", "2"), "2 et 2");
  EXPECT_EQ(fill("rien", "n", "2"), "rien");
}

}  // namespace
}  // namespace comptoir::catalog::storefront
