// Etsy's listings page (getListingsByShop with includes=Inventory) read without the network.
#include <gtest/gtest.h>

#include "suppliers/connectors/etsy.hpp"
#include "suppliers/connectors/oauth_token.hpp"

namespace comptoir::suppliers {
namespace {

TEST(EtsyListings, EachInventoryProductIsAVariantPricedByItsOffering) {
  auto page = parse_etsy_listings(R"({"count": 3, "results": [
      {"listing_id": 1000001, "title": "Tasse", "state": "active", "quantity": 9,
       "price": {"amount": 1500, "divisor": 100, "currency_code": "CAD"},
       "inventory": {"products": [
         {"product_id": 11, "sku": "ETSY-1-0", "is_deleted": false, "offerings": [
           {"offering_id": 1, "quantity": 4, "is_enabled": true, "is_deleted": false,
            "price": {"amount": 1850, "divisor": 100, "currency_code": "CAD"}}]},
         {"product_id": 12, "sku": "ETSY-1-1", "is_deleted": false, "offerings": [
           {"offering_id": 2, "quantity": 0, "is_enabled": true, "is_deleted": false,
            "price": {"amount": 19500, "divisor": 1000, "currency_code": "CAD"}}]},
         {"product_id": 13, "sku": "OLD", "is_deleted": true, "offerings": []}]}},
      {"listing_id": 1000002, "title": "Sans inventaire"}]})",
                                  0);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->total, 3);
  EXPECT_EQ(page->next, "2") << "two of three read";
  ASSERT_EQ(page->products.size(), 2u);
  const auto& mug = page->products[0];
  EXPECT_EQ(mug.external_id, "1000001");
  ASSERT_EQ(mug.variants.size(), 2u) << "a deleted product is left out";
  EXPECT_EQ(mug.variants[0].external_id, "11");
  EXPECT_EQ(mug.variants[0].sku, "ETSY-1-0");
  EXPECT_EQ(mug.variants[0].cost, 1850);
  EXPECT_EQ(mug.variants[0].stock, 4);
  EXPECT_TRUE(mug.variants[0].available);
  EXPECT_EQ(mug.variants[1].cost, 1950) << "divisor 1000";
  EXPECT_FALSE(mug.variants[1].available);
  EXPECT_EQ(mug.raw.find("inventory"), std::string::npos) << "variants are kept apart";
  EXPECT_FALSE(page->products[1].error.empty());
  auto last = parse_etsy_listings(R"({"count": 3, "results": [{"listing_id": 3,
      "inventory": {"products": []}}]})",
                                  2);
  ASSERT_TRUE(last);
  EXPECT_TRUE(last->next.empty());
  EXPECT_FALSE(parse_etsy_listings(R"({"error": "Invalid API key"})", 0));
}

TEST(UrlEncode, KeepsUnreservedCharactersOnly) {
  EXPECT_EQ(url_encode("Atzr|a b/c=d~e.f-g_h"), "Atzr%7Ca%20b%2Fc%3Dd~e.f-g_h");
  EXPECT_EQ(url_encode("é"), "%C3%A9");
}

}  // namespace
}  // namespace comptoir::suppliers
