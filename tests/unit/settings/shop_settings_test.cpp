#include "settings/shop_settings.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace comptoir::settings {
namespace {

ShopSettings valid() {
  ShopSettings s;
  s.name_fr = "Boutique";
  s.name_en = "Shop";
  s.contact_email = "bonjour@boutique.example";
  return s;
}

std::vector<std::string> refused_fields(const ShopSettings& s) {
  std::vector<std::string> out;
  for (const auto& error : validate(s)) out.push_back(error.field);
  return out;
}

TEST(ShopSettings, RegistrationNumbersHaveTheirShapes) {
  EXPECT_TRUE(is_gst_number("123456789RT0001"));
  EXPECT_FALSE(is_gst_number("123456789RT001"));
  EXPECT_FALSE(is_gst_number("123456789TQ0001"));
  EXPECT_FALSE(is_gst_number("12345678ART0001"));
  EXPECT_TRUE(is_qst_number("1234567890TQ0001"));
  EXPECT_FALSE(is_qst_number("123456789RT0001"));
  EXPECT_FALSE(is_qst_number("1234567890TQ00012"));
  EXPECT_TRUE(is_vat_number("FR12345678901"));
  EXPECT_TRUE(is_vat_number("FRXX345678901"));
  EXPECT_FALSE(is_vat_number("12345678901"));
  EXPECT_FALSE(is_vat_number("FR"));
  EXPECT_FALSE(is_vat_number("FR123456789012345"));
}

TEST(ShopSettings, NormalizeWritesNumbersWithoutSpacesInCapitals) {
  auto s = valid();
  s.name_fr = "  Boutique \t";
  s.legal.gst_number = "123 456 789 rt 0001";
  s.legal.qst_number = "1234567890-tq-0001";
  s.legal.vat_number = "fr 12 345678901";
  s.legal.address = "\r\n  12, rue X \r\n\r\nMontréal  \n";
  auto n = normalize(s);
  EXPECT_EQ(n.name_fr, "Boutique");
  EXPECT_EQ(n.legal.gst_number, "123456789RT0001");
  EXPECT_EQ(n.legal.qst_number, "1234567890TQ0001");
  EXPECT_EQ(n.legal.vat_number, "FR12345678901");
  EXPECT_EQ(n.legal.address, "12, rue X\nMontréal");
  EXPECT_TRUE(validate(n).empty());
}

TEST(ShopSettings, ValidateNamesEachBrokenField) {
  EXPECT_TRUE(validate(valid()).empty());
  auto s = valid();
  s.name_en = "";
  s.contact_email = "not an address";
  s.legal.gst_number = "123";
  s.legal.qst_number = "123456789RT0001";
  s.legal.vat_number = "12";
  s.handling_fee.amount = kMaxHandlingFee + 1;
  s.low_stock_threshold = -1;
  s.return_window_days = 366;
  EXPECT_EQ(refused_fields(s), (std::vector<std::string>{
                                   "shop.name.en", "shop.contact_email", "legal.gst_number",
                                   "legal.qst_number", "legal.vat_number", "fees.handling.amount",
                                   "stock.low_threshold", "returns.window_days"}));
  s = valid();
  s.name_fr = "Bou\x01tique";
  s.legal.address = std::string(kMaxAddressBytes + 1, 'a');
  EXPECT_EQ(refused_fields(s), (std::vector<std::string>{"shop.name.fr", "legal.address"}));
  s = valid();
  s.handling_fee.amount = kMaxHandlingFee;
  s.return_window_days = 0;  // returns closed
  s.low_stock_threshold = 0;
  EXPECT_TRUE(validate(s).empty());
}

TEST(ShopSettings, EmailAddresses) {
  EXPECT_TRUE(is_email_address("a@b.ca"));
  EXPECT_FALSE(is_email_address("@b.ca"));
  EXPECT_FALSE(is_email_address("a@b"));
  EXPECT_FALSE(is_email_address("a@.ca"));
  EXPECT_FALSE(is_email_address("a@b.ca@c.ca"));
  EXPECT_FALSE(is_email_address("a b@c.ca"));
  EXPECT_FALSE(is_email_address("<a@b.ca>"));
}

TEST(ShopSettings, ChangesListOnlyWhatDiffers) {
  auto before = valid();
  auto after = before;
  EXPECT_TRUE(changes(before, after).empty());
  after.handling_fee = {.amount = 250, .taxable = false};
  after.legal.qst_number = "1234567890TQ0001";
  auto diff = changes(before, after);
  ASSERT_EQ(diff.size(), 3U);
  EXPECT_EQ(diff.at("fees.handling.amount").at("before").as_int64(), 0);
  EXPECT_EQ(diff.at("fees.handling.amount").at("after").as_int64(), 250);
  EXPECT_EQ(diff.at("fees.handling.taxable").at("after").as_bool(), false);
  EXPECT_EQ(diff.at("legal.qst_number").at("before").as_string(), "");
}

TEST(ShopSettings, EntriesReadBackIntoTheSameSettings) {
  auto s = valid();
  s.legal = {.name = "Comptoir inc.",
             .address = "1 rue\nMontréal",
             .gst_number = "123456789RT0001",
             .qst_number = "",
             .vat_number = ""};
  s.handling_fee = {.amount = 295, .taxable = false};
  s.low_stock_threshold = 12;
  s.return_window_days = 14;
  ShopSettings read;
  for (const auto& entry : entries(s))
    EXPECT_TRUE(apply(read, entry.key, entry.value)) << entry.key;
  EXPECT_EQ(read, s);
}

TEST(ShopSettings, MalformedRowsLeaveTheDefaults) {
  ShopSettings s;
  EXPECT_FALSE(apply(s, "fees.handling", boost::json::parse(R"({"amount": -5, "taxable": true})")));
  EXPECT_FALSE(apply(s, "fees.handling", boost::json::parse(R"({"amount": "5"})")));
  EXPECT_FALSE(apply(s, "returns.window_days", boost::json::parse("1000")));
  EXPECT_FALSE(apply(s, "stock.low_threshold", boost::json::parse("\"5\"")));
  EXPECT_FALSE(apply(s, "shop.name", boost::json::parse(R"({"fr": "x"})")));
  EXPECT_FALSE(apply(s, "legal.entity", boost::json::parse(R"({"name": "x"})")));
  EXPECT_FALSE(apply(s, "no.such.key", boost::json::parse("1")));
  EXPECT_EQ(s, ShopSettings{});
}

}  // namespace
}  // namespace comptoir::settings
