#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "analytics/events.hpp"

namespace comptoir::analytics {
namespace {

namespace json = boost::json;

orders::Order paid_order() {
  orders::Order order;
  order.id = 7;
  order.number = "CMP-7K3Q9XAB";
  order.currency = "CAD";
  order.locale = core::Locale::fr;
  order.totals.subtotal = 3098;
  order.totals.shipping = 1000;
  order.totals.tax = 618;
  order.totals.total = 4716;
  order.lines.push_back({.variant_id = 11,
                         .sku = "TASSE-BLEUE",
                         .name = "Tasse « bleue »",
                         .variant_label = "Grand",
                         .unit_price = 1299,
                         .quantity = 2});
  order.lines.push_back({.variant_id = 12, .name = "Carte", .unit_price = 500, .quantity = 1});
  return order;
}

TEST(Events, APurchaseCarriesTheOrdersMoneyAndLines) {
  auto event = purchase_event(paid_order(), "111.222", "https://shop.example/fr/commande");
  EXPECT_EQ(event.kind, EventKind::purchase);
  EXPECT_EQ(event.transaction_id, "CMP-7K3Q9XAB");
  EXPECT_EQ(event.value, 4716);
  EXPECT_EQ(event.tax, 618);
  EXPECT_EQ(event.shipping, 1000);
  ASSERT_EQ(event.items.size(), 2U);
  EXPECT_EQ(event.items[0].id, "TASSE-BLEUE");
  EXPECT_EQ(event.items[1].id, "variant-12");  // no SKU: the variant's id
}

TEST(Events, TheOutboxFormRoundTrips) {
  auto event = purchase_event(paid_order(), "111.222", "https://shop.example/fr/commande");
  auto back = event_from_json(to_json(event));
  ASSERT_TRUE(back);
  EXPECT_EQ(to_json(*back), to_json(event));
  EXPECT_FALSE(event_from_json("{}"));
  EXPECT_FALSE(event_from_json("not json"));
  EXPECT_FALSE(event_from_json(R"({"kind":"upsell","transaction_id":"CMP-1","currency":"CAD"})"));
}

TEST(Events, Ga4PurchaseIsTheMeasurementProtocolsBodyWithExactMajorUnits) {
  auto body = ga4_body(purchase_event(paid_order(), "111.222", "https://shop.example/fr/commande"));
  // Numbers exactly as written: never 47.159999…
  EXPECT_NE(body.find("\"value\":47.16,"), std::string::npos) << body;
  EXPECT_NE(body.find("\"tax\":6.18,"), std::string::npos) << body;
  EXPECT_NE(body.find("\"shipping\":10.00,"), std::string::npos) << body;
  EXPECT_NE(body.find("\"price\":12.99,"), std::string::npos) << body;
  auto parsed = json::parse(body).as_object();
  EXPECT_EQ(parsed.at("client_id").as_string(), "111.222");
  EXPECT_EQ(parsed.at("consent").at("ad_personalization").as_string(), "DENIED");
  const auto& event = parsed.at("events").as_array().at(0).as_object();
  EXPECT_EQ(event.at("name").as_string(), "purchase");
  const auto& params = event.at("params").as_object();
  EXPECT_EQ(params.at("transaction_id").as_string(), "CMP-7K3Q9XAB");
  EXPECT_EQ(params.at("currency").as_string(), "CAD");
  const auto& items = params.at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].at("item_id").as_string(), "TASSE-BLEUE");
  EXPECT_EQ(items[0].at("item_name").as_string(), "Tasse « bleue »");
  EXPECT_EQ(items[0].at("item_variant").as_string(), "Grand");
  EXPECT_EQ(items[0].at("quantity").as_int64(), 2);
  EXPECT_FALSE(items[1].as_object().contains("item_variant"));
}

TEST(Events, Ga4RefundIsItsAmountAndTransaction) {
  auto body = ga4_body(refund_event(paid_order(), 1299, "111.222", "https://shop.example/"));
  EXPECT_NE(body.find("\"value\":12.99"), std::string::npos) << body;
  auto params = json::parse(body).at("events").as_array().at(0).at("params").as_object();
  EXPECT_EQ(json::parse(body).at("events").as_array().at(0).at("name").as_string(), "refund");
  EXPECT_EQ(params.at("transaction_id").as_string(), "CMP-7K3Q9XAB");
  EXPECT_FALSE(params.contains("items"));
}

TEST(Events, PlausiblePurchaseHasRevenueAndProps) {
  auto body = plausible_body(purchase_event(paid_order(), "", "https://shop.example/fr/commande"),
                             "shop.example");
  EXPECT_NE(body.find("\"amount\":47.16"), std::string::npos) << body;
  auto parsed = json::parse(body).as_object();
  EXPECT_EQ(parsed.at("name").as_string(), "Purchase");
  EXPECT_EQ(parsed.at("domain").as_string(), "shop.example");
  EXPECT_EQ(parsed.at("url").as_string(), "https://shop.example/fr/commande");
  EXPECT_EQ(parsed.at("props").at("order").as_string(), "CMP-7K3Q9XAB");
  EXPECT_EQ(parsed.at("props").at("items").as_string(), "3");  // Plausible's props are text
  EXPECT_EQ(parsed.at("revenue").at("currency").as_string(), "CAD");
}

TEST(Events, PlausibleRefundIsACustomEventWithoutRevenue) {
  auto body = plausible_body(
      refund_event(paid_order(), 500, "", "https://shop.example/fr/commande"), "shop.example");
  auto parsed = json::parse(body).as_object();
  EXPECT_EQ(parsed.at("name").as_string(), "Refund");
  EXPECT_EQ(parsed.at("props").at("amount").as_string(), "5.00");
  EXPECT_FALSE(parsed.contains("revenue"));
}

}  // namespace
}  // namespace comptoir::analytics
