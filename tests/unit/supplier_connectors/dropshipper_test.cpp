// The generic dropshipper's pieces that need no network: the signature both sides use, and a
// price list read as a catalog.
#include <gtest/gtest.h>

#include "suppliers/connectors/price_list.hpp"
#include "suppliers/connectors/signature.hpp"

namespace comptoir::suppliers {
namespace {

using namespace std::chrono_literals;
const std::chrono::sys_seconds kNow{std::chrono::seconds{1'790'000'000}};

TEST(Signature, SignsTheTimestampAndBodyAsDocumented) {
  EXPECT_TRUE(signature::sign("secret", kNow, "{}").starts_with("t=1790000000,v1="));
  auto header = signature::sign("secret", kNow, R"({"state":"SHIPPED"})");
  EXPECT_EQ(signature::verify(header, "secret", R"({"state":"SHIPPED"})", kNow),
            signature::Check::valid);
  EXPECT_EQ(signature::verify(header, "secret", R"({"state":"SHIPPED"})", kNow + 299s),
            signature::Check::valid);
  EXPECT_EQ(signature::verify(header, "secret", R"({"state":"SHIPPED"})", kNow + 301s),
            signature::Check::stale);
  EXPECT_EQ(signature::verify(header, "secret", R"({"state":"DELIVERED"})", kNow),
            signature::Check::mismatch);
  EXPECT_EQ(signature::verify(header, "other", R"({"state":"SHIPPED"})", kNow),
            signature::Check::mismatch);
  EXPECT_EQ(signature::verify("", "secret", "{}", kNow), signature::Check::malformed);
  EXPECT_EQ(signature::verify("t=abc,v1=00", "secret", "{}", kNow), signature::Check::malformed);
  EXPECT_EQ(signature::verify("v1=" + header.substr(16), "secret", R"({"state":"SHIPPED"})", kNow),
            signature::Check::malformed);
}

TEST(Signature, MatchesAnIndependentHmac) {
  // echo -n '1790000000.{"a":1}' | openssl dgst -sha256 -hmac key
  EXPECT_EQ(signature::sign("key", kNow, R"({"a":1})"),
            "t=1790000000,v1=7a4d26944722100249410c8c7f2e76c3cc6e9735fcc98b39e44a122da5490ffc");
}

ProductPage first_page(std::string_view csv, std::string currency = "CAD") {
  auto list = make_price_list(csv, std::move(currency));
  EXPECT_TRUE(list) << (list ? "" : list.error());
  auto page = (*list)->list_products("");
  EXPECT_TRUE(page);
  return *page;
}

TEST(PriceList, ReadsColumnsByNameInAnyOrderAndEitherSeparator) {
  auto page = first_page(
      "Stock;SKU;Title;Cost;Product;GTIN\n12;MUG-1;Mug 350 ml;9,50;mug;0012345678905\n"
      ";MUG-2;Mug 500 ml;10.5;mug;\n");
  ASSERT_EQ(page.products.size(), 1u);
  const auto& mug = page.products[0];
  EXPECT_EQ(mug.external_id, "mug");
  ASSERT_EQ(mug.variants.size(), 2u);
  EXPECT_EQ(mug.variants[0].sku, "MUG-1");
  EXPECT_EQ(mug.variants[0].cost, 950);
  EXPECT_EQ(mug.variants[0].stock, 12);
  EXPECT_EQ(mug.variants[0].gtin, "0012345678905");
  EXPECT_EQ(mug.variants[0].currency, "CAD");
  EXPECT_EQ(mug.variants[1].cost, 1050);
  EXPECT_FALSE(mug.variants[1].stock) << "an empty stock is not counted";
  EXPECT_TRUE(page.next.empty());
  EXPECT_EQ(page.total, 1);
}

TEST(PriceList, KeepsAnUnreadableLineWithItsReason) {
  auto page = first_page(
      "sku,cost,stock,available,currency\nA,1.999,1,yes,CAD\nB,2,-1,yes,CAD\nC,2,1,maybe,CAD\n"
      "D,2,1,no,cad\nE,2,1,yes,EURO\n");
  ASSERT_EQ(page.products.size(), 5u);
  EXPECT_NE(page.products[0].error.find("line 2: cost '1.999' is not an amount"),
            std::string::npos);
  EXPECT_NE(page.products[1].error.find("stock '-1'"), std::string::npos);
  EXPECT_NE(page.products[2].error.find("available 'maybe'"), std::string::npos);
  EXPECT_TRUE(page.products[3].error.empty());
  EXPECT_FALSE(page.products[3].variants[0].available);
  EXPECT_EQ(page.products[3].variants[0].currency, "CAD");
  EXPECT_NE(page.products[4].error.find("currency 'EURO'"), std::string::npos);
}

TEST(PriceList, RefusesAFileItCannotTrust) {
  EXPECT_FALSE(make_price_list("", "CAD"));
  EXPECT_FALSE(make_price_list("title,cost\nMug,1\n", "CAD")) << "no sku column";
  auto twice = make_price_list("sku\nA\nA\n", "CAD");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error(), "line 3: the sku A is named twice");
  EXPECT_FALSE(make_price_list("sku\n\"A\n", "CAD")) << "an unclosed quote";
}

TEST(PriceList, PagesThroughALongList) {
  std::string csv = "sku\n";
  for (int i = 0; i < 1200; ++i) csv += "S" + std::to_string(i) + "\n";
  auto list = make_price_list(csv, "CAD");
  ASSERT_TRUE(list);
  auto first = (*list)->list_products("");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->products.size(), 500u);
  EXPECT_EQ(first->next, "500");
  auto last = (*list)->list_products("1000");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->products.size(), 200u);
  EXPECT_TRUE(last->next.empty());
  EXPECT_FALSE((*list)->list_products("9999")) << "a cursor past the end";
  EXPECT_FALSE((*list)->create_order({}));
}

}  // namespace
}  // namespace comptoir::suppliers
