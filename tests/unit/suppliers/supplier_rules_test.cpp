// The supplier model's rules: names of types and states, default fulfilment, input checks and the
// JSON of an export.
#include <gtest/gtest.h>

#include "suppliers/alerts.hpp"
#include "suppliers/model.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::suppliers {
namespace {

TEST(SupplierModel, TypesReadBothSpellings) {
  EXPECT_EQ(parse_cli_type("local"), SupplierType::local_stock);
  EXPECT_EQ(to_string(SupplierType::local_stock), "LOCAL_STOCK");
  EXPECT_EQ(parse_supplier_type("PRINTIFY"), SupplierType::printify);
  EXPECT_FALSE(parse_cli_type("PRINTIFY"));
  EXPECT_FALSE(parse_supplier_type("printify"));
  for (auto state : kSupplierOrderStates)
    EXPECT_EQ(parse_supplier_order_state(to_string(state)), state);
}

TEST(SupplierModel, AlertKindsReadBackTheirNames) {
  for (auto kind : kAlertKinds) EXPECT_EQ(parse_alert_kind(to_string(kind)), kind);
  EXPECT_EQ(to_string(AlertKind::order_unrouted), "ORDER_UNROUTED");
  EXPECT_FALSE(parse_alert_kind("low_stock"));
  EXPECT_FALSE(parse_alert_kind("A_KIND_OF_LATER"));
}

TEST(SupplierModel, EachTypeHasItsUsualFulfilment) {
  EXPECT_EQ(default_fulfillment(SupplierType::printify), FulfillmentType::print_on_demand);
  EXPECT_EQ(default_fulfillment(SupplierType::local_stock), FulfillmentType::local_stock);
  EXPECT_EQ(default_fulfillment(SupplierType::amazon), FulfillmentType::dropshipping);
}

TEST(SupplierInputRules, RefusesWhatTheTableWould) {
  auto field = [](SupplierInput in) {
    auto ok = validate(in);
    return ok ? std::string("ok") : ok.error().field;
  };
  EXPECT_EQ(field({.name = "Atelier", .api_base = "https://api.example.com"}), "ok");
  EXPECT_EQ(field({.name = ""}), "name");
  EXPECT_EQ(field({.name = "   "}), "name");
  EXPECT_EQ(field({.name = "Caf\xe9"}), "name") << "Latin-1, not UTF-8";
  EXPECT_EQ(field({.name = "Café"}), "ok");
  EXPECT_EQ(field({.account = std::string("12\0003", 4)}), "account");
  EXPECT_EQ(field({.api_base = "https://example.com/\xff"}), "api_base");
  EXPECT_EQ(field({.notes = "\xed\xa0\x80"}), "notes") << "a surrogate";
  EXPECT_EQ(field({.api_base = "ftp://example.com"}), "api_base");
  EXPECT_EQ(field({.api_base = "https://exa mple.com"}), "api_base");
  EXPECT_EQ(field({.currency = "cad"}), "currency");
  EXPECT_EQ(field({.minimum_order_amount = -1}), "minimum_order_amount");
  EXPECT_EQ(field({.default_shipping_days = 366}), "default_shipping_days");
  EXPECT_EQ(field({.contact_email = "nobody"}), "contact_email");
  EXPECT_EQ(field({.notes = std::string(4001, 'x')}), "notes");
}

TEST(SupplierExport, ReadsBackWhatItWritesAndRefusesSecrets) {
  Supplier s{.id = 4, .name = "Atelier", .type = SupplierType::printify, .account = "123"};
  auto input = supplier_input_from_json(to_json(s));
  ASSERT_TRUE(input) << input.error().message;
  EXPECT_EQ(input->name, "Atelier");
  EXPECT_EQ(input->type, SupplierType::printify);
  EXPECT_EQ(input->account, "123");
  auto with_secret = to_json(s);
  with_secret["credentials"] = boost::json::object{{"token", "t"}};
  auto refused = supplier_input_from_json(with_secret);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "credentials");
  auto unknown = to_json(s);
  unknown["colour"] = "red";
  EXPECT_FALSE(supplier_input_from_json(unknown));
  auto wrong_type = to_json(s);
  wrong_type["minimum_order_amount"] = "ten";
  EXPECT_FALSE(supplier_input_from_json(wrong_type));
}

TEST(SupplierModel, NewsMovesAnOrderForwardOnly) {
  using enum SupplierOrderState;
  EXPECT_TRUE(supplier_event_allowed(sent_to_supplier, confirmed));
  EXPECT_TRUE(supplier_event_allowed(sent_to_supplier, shipped)) << "steps may be skipped";
  EXPECT_TRUE(supplier_event_allowed(pending, confirmed)) << "staff record a phoned order";
  EXPECT_TRUE(supplier_event_allowed(shipped, shipped)) << "a tracking number corrected";
  EXPECT_TRUE(supplier_event_allowed(shipped, delivered));
  EXPECT_FALSE(supplier_event_allowed(shipped, confirmed));
  EXPECT_FALSE(supplier_event_allowed(shipped, cancelled))
      << "gone is gone: a return, not a cancel";
  EXPECT_TRUE(supplier_event_allowed(in_production, cancelled));
  EXPECT_FALSE(supplier_event_allowed(delivered, shipped));
  EXPECT_FALSE(supplier_event_allowed(cancelled, confirmed));
  EXPECT_TRUE(supplier_event_allowed(failed, shipped)) << "made after all";
  for (auto to : {pending, sent_to_supplier, failed})
    EXPECT_FALSE(supplier_event_allowed(confirmed, to)) << "the engine's own states";
}

}  // namespace
}  // namespace comptoir::suppliers
