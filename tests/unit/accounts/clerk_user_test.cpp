#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "accounts/clerk_sync.hpp"

namespace comptoir::accounts {
namespace {

ClerkUser parse(std::string_view text) {
  auto user = parse_clerk_user(boost::json::parse(text));
  EXPECT_TRUE(user) << (user ? "" : user.error());
  return user.value_or(ClerkUser{});
}

TEST(ClerkUser, TakesThePrimaryAddressNotTheFirst) {
  auto user = parse(R"({"id": "user_1", "primary_email_address_id": "idn_2",
    "email_addresses": [
      {"id": "idn_1", "email_address": "old@example.ca", "verification": {"status": "verified"}},
      {"id": "idn_2", "email_address": "Marie@Example.CA", "verification": {"status": "verified"}}],
    "first_name": "Marie", "last_name": "Côté", "public_metadata": {"role": "support"},
    "updated_at": 1654012591835})");
  EXPECT_EQ(user.id, "user_1");
  EXPECT_EQ(user.email, "marie@example.ca");
  EXPECT_TRUE(user.email_verified);
  EXPECT_EQ(user.display_name, "Marie Côté");
  EXPECT_EQ(user.role, "support");
  EXPECT_EQ(user.updated_at, 1654012591835);
}

TEST(ClerkUser, AnUnverifiedAddressIsSaidSo) {
  auto user = parse(R"({"id": "user_1", "primary_email_address_id": "idn_1",
    "email_addresses": [{"id": "idn_1", "email_address": "a@example.ca",
                         "verification": {"status": "unverified"}}]})");
  EXPECT_FALSE(user.email_verified);
}

TEST(ClerkUser, MissingPartsAreEmptyNotErrors) {
  auto user = parse(R"({"id": "user_1", "first_name": "Solo", "last_name": null})");
  EXPECT_EQ(user.email, "");
  EXPECT_EQ(user.display_name, "Solo");
  EXPECT_EQ(user.role, "");
}

TEST(ClerkUser, WithoutAnIdOrWithAMalformedEmailItIsRefused) {
  EXPECT_FALSE(parse_clerk_user(boost::json::parse(R"({"first_name": "X"})")));
  EXPECT_FALSE(parse_clerk_user(boost::json::parse(R"({"id": "user_1",
    "primary_email_address_id": "i", "email_addresses": [{"id": "i", "email_address": "nope"}]})")));
  EXPECT_FALSE(parse_clerk_user(boost::json::parse("[]")));
}

}  // namespace
}  // namespace comptoir::accounts
