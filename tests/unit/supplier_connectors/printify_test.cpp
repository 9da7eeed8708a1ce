// Reading Printify's answers (https://developers.printify.com/): product pages and order states.
#include <gtest/gtest.h>

#include "suppliers/connectors/printify.hpp"

namespace comptoir::suppliers {
namespace {

TEST(PrintifyProducts, ReadsAPageAndItsNextCursor) {
  auto page = parse_printify_products(R"({
    "current_page": 1, "last_page": 3, "total": 250, "per_page": 100,
    "data": [{"id": "5f00aa", "title": "Mug", "description": "long text",
              "variants": [{"id": 10001, "sku": "PFY-0-1", "cost": 537, "price": 1074,
                            "title": "11oz", "is_enabled": true, "is_available": false},
                           {"id": 10002, "sku": "PFY-0-2", "cost": 637, "price": 1274}]}]})",
                                      "USD");
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->next, "2");
  EXPECT_EQ(page->total, 250);
  ASSERT_EQ(page->products.size(), 1u);
  const auto& mug = page->products[0];
  EXPECT_EQ(mug.external_id, "5f00aa");
  EXPECT_EQ(mug.raw.find("long text"), std::string::npos) << "the description is not kept";
  ASSERT_EQ(mug.variants.size(), 2u);
  EXPECT_EQ(mug.variants[0].external_id, "10001");
  EXPECT_EQ(mug.variants[0].cost, 537);
  EXPECT_EQ(mug.variants[0].suggested_price, 1074);
  EXPECT_EQ(mug.variants[0].currency, "USD");
  EXPECT_FALSE(mug.variants[0].available);
  EXPECT_FALSE(mug.variants[0].stock) << "print on demand: no count";
  EXPECT_TRUE(mug.variants[1].available);
}

TEST(PrintifyProducts, TheLastPageHasNoNextAndBrokenEntriesAreKeptWithTheirError) {
  auto page = parse_printify_products(R"({"current_page": 3, "last_page": 3, "data": [
    {"id": "a", "title": "No variants"}, 7, {"title": "no id", "variants": []},
    {"id": "b", "variants": [{"sku": "X"}]}]})",
                                      "USD");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->next, "");
  ASSERT_EQ(page->products.size(), 4u);
  EXPECT_EQ(page->products[0].error, "no variants list");
  EXPECT_EQ(page->products[1].error, "an entry of the products list is not an object");
  EXPECT_EQ(page->products[2].error, "a product without an id");
  EXPECT_EQ(page->products[3].error, "a variant without an id");
  EXPECT_TRUE(page->products[3].variants.empty()) << "nothing half-read is kept";
}

TEST(PrintifyProducts, RefusesWhatIsNotAPage) {
  for (auto body : {"", "[]", R"({"data": []})", R"({"current_page": 1, "last_page": 1})",
                    R"({"current_page": 1, "last_page": 1, "data": {}})", "{\"data\": [1,"}) {
    auto page = parse_printify_products(body, "USD");
    ASSERT_FALSE(page) << body;
    EXPECT_EQ(page.error().kind, ConnectorError::Kind::malformed) << body;
  }
}

TEST(PrintifyOrders, StatesMapToOurs) {
  EXPECT_EQ(printify_state("on-hold", false, false), RemoteState::waiting);
  EXPECT_EQ(printify_state("pending", false, false), RemoteState::waiting);
  EXPECT_EQ(printify_state("payment-not-received", false, false), RemoteState::waiting);
  EXPECT_EQ(printify_state("sending-to-production", false, false), RemoteState::confirmed);
  EXPECT_EQ(printify_state("in-production", false, false), RemoteState::in_production);
  EXPECT_EQ(printify_state("fulfilled", true, false), RemoteState::shipped);
  EXPECT_EQ(printify_state("partially-fulfilled", true, false), RemoteState::shipped);
  EXPECT_EQ(printify_state("fulfilled", true, true), RemoteState::delivered);
  EXPECT_EQ(printify_state("canceled", false, false), RemoteState::cancelled);
  EXPECT_EQ(printify_state("had-issues", false, false), RemoteState::failed);
}

}  // namespace
}  // namespace comptoir::suppliers
