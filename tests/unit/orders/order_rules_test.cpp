#include <gtest/gtest.h>

#include <set>

#include "core/secret_keys.hpp"
#include "orders/order.hpp"
#include "orders/order_link.hpp"
#include "orders/order_urls.hpp"

namespace comptoir::orders {
namespace {

using enum OrderStatus;

constexpr OrderStatus kAll[] = {pending,   paid,     fulfilled,         delivered,
                                cancelled, refunded, partially_refunded};

TEST(OrderTransitions, FollowTheLifeOfAnOrder) {
  EXPECT_TRUE(transition_allowed(pending, paid));
  EXPECT_TRUE(transition_allowed(pending, cancelled));
  EXPECT_TRUE(transition_allowed(paid, fulfilled));
  EXPECT_TRUE(transition_allowed(fulfilled, delivered));
  EXPECT_TRUE(transition_allowed(paid, refunded));
  EXPECT_TRUE(transition_allowed(paid, partially_refunded));
  EXPECT_TRUE(transition_allowed(delivered, refunded));  // goods sent back
  EXPECT_TRUE(transition_allowed(partially_refunded, refunded));
  EXPECT_TRUE(transition_allowed(partially_refunded, partially_refunded));  // a further part
}

TEST(OrderTransitions, RefuseEverythingElse) {
  EXPECT_FALSE(transition_allowed(pending, fulfilled));  // never ship unpaid goods
  EXPECT_FALSE(transition_allowed(pending, refunded));   // nothing was paid
  EXPECT_FALSE(transition_allowed(paid, pending));
  EXPECT_FALSE(transition_allowed(paid, paid));       // a second payment event changes nothing
  EXPECT_FALSE(transition_allowed(paid, cancelled));  // paid money is refunded, not forgotten
  EXPECT_FALSE(transition_allowed(delivered, fulfilled));
  for (auto to : kAll) {
    EXPECT_FALSE(transition_allowed(cancelled, to)) << name(to);
    EXPECT_FALSE(transition_allowed(refunded, to)) << name(to);
  }
}

TEST(OrderTransitions, CountOfAllowedPairsIsExactlyTheDocumentedOnes) {
  int allowed = 0;
  for (auto from : kAll)
    for (auto to : kAll) allowed += transition_allowed(from, to) ? 1 : 0;
  // pending 2, paid 3, fulfilled 3, delivered 2, partially_refunded 2 (order.hpp).
  EXPECT_EQ(allowed, 12);
}

TEST(OrderStatusNames, RoundTrip) {
  for (auto status : kAll) EXPECT_EQ(parse_status(name(status)), status);
  EXPECT_EQ(parse_status("shipped"), std::nullopt);
  EXPECT_EQ(parse_status(""), std::nullopt);
}

TEST(OrderNumbers, AreCrockfordBase32AndUnlikelyToRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    auto number = new_order_number();
    ASSERT_TRUE(is_order_number(number)) << number;
    ASSERT_EQ(number.size(), 12u);
    EXPECT_EQ(number.find_first_of("ILOU", 4), std::string::npos) << number;
    seen.insert(number);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(OrderNumbers, RejectLookAlikes) {
  EXPECT_TRUE(is_order_number("CMP-7K3Q9XAB"));
  EXPECT_FALSE(is_order_number("cmp-7k3q9xab"));  // pages upper-case the URL's form first
  EXPECT_FALSE(is_order_number("CMP-7K3Q9XA"));
  EXPECT_FALSE(is_order_number("CMP-7K3Q9XABC"));
  EXPECT_FALSE(is_order_number("CMP-7K3Q9XAI"));  // I is not a Crockford symbol
  EXPECT_FALSE(is_order_number("ORD-7K3Q9XAB"));
  EXPECT_FALSE(is_order_number("CMP-7K3Q9X%2"));
}

TEST(OrderUrls, AreLowerCaseStorefrontPaths) {
  EXPECT_EQ(urls::order(core::Locale::fr, "CMP-7K3Q9XAB"), "/fr/commandes/cmp-7k3q9xab");
  EXPECT_EQ(urls::order(core::Locale::en, "CMP-7K3Q9XAB"), "/en/orders/cmp-7k3q9xab");
}

TEST(ShippingAddressJson, RoundTripsEveryField) {
  ShippingAddress address{.full_name = "Éloïse Tremblay",
                          .line1 = "123, rue Saint-Denis",
                          .line2 = "app. 4",
                          .city = "Montréal",
                          .region = "QC",
                          .postal_code = "H2X 1K4",
                          .country = "CA",
                          .phone = "+1 514 555-0100"};
  auto back = address_from_json(to_json(address));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->full_name, address.full_name);
  EXPECT_EQ(back->line2, address.line2);
  EXPECT_EQ(back->city, address.city);
  EXPECT_EQ(back->postal_code, address.postal_code);
  EXPECT_EQ(back->phone, address.phone);
  EXPECT_FALSE(address_from_json("not json"));
}

core::SecretKeys keys(std::initializer_list<std::pair<const char*, unsigned char>> list) {
  std::vector<core::SecretKey> out;
  for (auto [id, fill] : list) {
    core::SecretKey key{.id = id};
    key.bytes.fill(fill);
    out.push_back(key);
  }
  return core::SecretKeys(std::move(out));
}

TEST(OrderLinks, VerifyOnlyForTheirOrderAndKnownKeys) {
  auto current = keys({{"k2", 2}, {"k1", 1}});
  auto token = order_token(current, "CMP-7K3Q9XAB");
  EXPECT_TRUE(token.starts_with("k2."));
  EXPECT_TRUE(verify_order_token(current, "CMP-7K3Q9XAB", token));
  EXPECT_FALSE(verify_order_token(current, "CMP-7K3Q9XAC", token));  // another order
  auto tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_order_token(current, "CMP-7K3Q9XAB", tampered));
  EXPECT_FALSE(verify_order_token(current, "CMP-7K3Q9XAB", ""));
  EXPECT_FALSE(verify_order_token(current, "CMP-7K3Q9XAB", "k9." + token.substr(3)));
}

TEST(OrderLinks, SurviveRotationUntilTheKeyIsRemoved) {
  auto before = keys({{"k1", 1}});
  auto token = order_token(before, "CMP-7K3Q9XAB");
  EXPECT_TRUE(verify_order_token(keys({{"k2", 2}, {"k1", 1}}), "CMP-7K3Q9XAB", token));
  EXPECT_FALSE(verify_order_token(keys({{"k2", 2}}), "CMP-7K3Q9XAB", token));
}

}  // namespace
}  // namespace comptoir::orders
