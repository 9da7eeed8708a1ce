// Amazon SP-API's answers read without the network: MCF statuses and FBA inventory pages.
#include <gtest/gtest.h>

#include "suppliers/connectors/amazon.hpp"

namespace comptoir::suppliers {
namespace {

TEST(AmazonState, FollowsMultiChannelFulfillmentStatuses) {
  EXPECT_EQ(amazon_state("Received", false), RemoteState::confirmed);
  EXPECT_EQ(amazon_state("Planning", false), RemoteState::confirmed);
  EXPECT_EQ(amazon_state("Processing", false), RemoteState::in_production);
  EXPECT_EQ(amazon_state("Processing", true), RemoteState::shipped) << "a package left";
  EXPECT_EQ(amazon_state("Complete", false), RemoteState::shipped);
  EXPECT_EQ(amazon_state("CompletePartialled", true), RemoteState::shipped);
  EXPECT_EQ(amazon_state("Cancelled", true), RemoteState::cancelled);
  EXPECT_EQ(amazon_state("Unfulfillable", false), RemoteState::failed);
  EXPECT_EQ(amazon_state("Invalid", false), RemoteState::failed);
  EXPECT_EQ(amazon_state("", false), RemoteState::waiting);
  EXPECT_EQ(amazon_state("PROCESSING", false), RemoteState::in_production)
      << "as the examples write it";
}

TEST(AmazonInventory, ReadsSummariesAndTheNextToken) {
  auto page = parse_amazon_inventory(R"({"payload": {"granularity": {}, "inventorySummaries": [
      {"asin": "B000000001", "fnSku": "X1", "sellerSku": "AMZ-1", "productName": "Mug",
       "inventoryDetails": {"fulfillableQuantity": 7}, "totalQuantity": 9},
      {"asin": "B000000002", "sellerSku": "AMZ-2", "productName": "Bowl",
       "inventoryDetails": {"fulfillableQuantity": 0}},
      {"asin": "B000000003", "productName": "no sku"}]},
      "pagination": {"nextToken": "seed/2=="}})",
                                     "CAD");
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->products.size(), 3u);
  const auto& mug = page->products[0];
  EXPECT_EQ(mug.external_id, "AMZ-1");
  ASSERT_EQ(mug.variants.size(), 1u);
  EXPECT_EQ(mug.variants[0].sku, "AMZ-1");
  EXPECT_EQ(mug.variants[0].stock, 7);
  EXPECT_FALSE(mug.variants[0].cost) << "the inventory gives no cost";
  EXPECT_TRUE(mug.variants[0].available);
  EXPECT_FALSE(page->products[1].variants[0].available) << "nothing fulfillable";
  EXPECT_FALSE(page->products[2].error.empty());
  EXPECT_EQ(page->next, "seed/2==");
  auto last = parse_amazon_inventory(R"({"payload": {"inventorySummaries": []}})", "CAD");
  ASSERT_TRUE(last);
  EXPECT_TRUE(last->next.empty());
  EXPECT_FALSE(parse_amazon_inventory(R"({"errors": []})", "CAD"));
  EXPECT_FALSE(parse_amazon_inventory("<html>", "CAD"));
}

}  // namespace
}  // namespace comptoir::suppliers
