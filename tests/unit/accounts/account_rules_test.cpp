#include <gtest/gtest.h>

#include "accounts/account_pages.hpp"
#include "accounts/address_book.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "accounts/two_factor.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::string_view kOrigin = "https://shop.example";

struct CsrfCase {
  http::Request request{http::Method::post, "/fr/connexion", 11};
  http::Context ctx{request, {}, "/fr/connexion", ""};
  Session session{.id = std::string(64, 'a'), .id_hash = "h", .csrf_token = std::string(64, 'c')};

  CsrfVerdict check(std::string_view token) const {
    return check_csrf(ctx, session, token, kOrigin);
  }
};

TEST(Csrf, TheSessionsTokenFromThisSitePasses) {
  CsrfCase c;
  c.request.set(http::Field::origin, kOrigin);
  c.request.set("Sec-Fetch-Site", "same-origin");
  EXPECT_EQ(c.check(std::string(64, 'c')), CsrfVerdict::ok);
}

TEST(Csrf, AMissingOrWrongTokenOrNoSessionIsRefused) {
  CsrfCase c;
  EXPECT_EQ(c.check(""), CsrfVerdict::bad_token);
  EXPECT_EQ(c.check(std::string(64, 'd')), CsrfVerdict::bad_token);
  EXPECT_EQ(c.check(std::string(63, 'c')), CsrfVerdict::bad_token);
  c.session = Session{};
  EXPECT_EQ(c.check(""), CsrfVerdict::bad_token) << "no session, no token: still refused";
}

TEST(Csrf, AnotherSitesRequestIsRefusedEvenWithTheRightToken) {
  CsrfCase c;
  c.request.set(http::Field::origin, "https://evil.example");
  EXPECT_EQ(c.check(std::string(64, 'c')), CsrfVerdict::cross_site);
  CsrfCase null_origin;
  null_origin.request.set(http::Field::origin, "null");
  EXPECT_EQ(null_origin.check(std::string(64, 'c')), CsrfVerdict::cross_site);
  for (auto site : {"cross-site", "same-site"}) {
    CsrfCase fetch;
    fetch.request.set("Sec-Fetch-Site", site);
    EXPECT_EQ(fetch.check(std::string(64, 'c')), CsrfVerdict::cross_site) << site;
  }
}

TEST(Csrf, TheRequestsOwnHostCountsAsThisSite) {
  CsrfCase c;
  c.request.set(http::Field::host, "127.0.0.1:8080");
  c.request.set(http::Field::origin, "http://127.0.0.1:8080");
  EXPECT_EQ(c.check(std::string(64, 'c')), CsrfVerdict::ok);
  EXPECT_EQ(origin_of("https://shop.example/fr/"), "https://shop.example");
  EXPECT_EQ(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
}

TEST(SafeNext, OnlyLocalPathsAreFollowed) {
  EXPECT_EQ(safe_next("/fr/panier", core::Locale::fr), "/fr/panier");
  EXPECT_EQ(safe_next("/en/account?x=1", core::Locale::en), "/en/account?x=1");
  for (auto bad : {"", "/", "//evil.example", "/\\evil.example", "https://evil.example",
                   "javascript:alert(1)", "/fr/\r\nSet-Cookie:x"})
    EXPECT_EQ(safe_next(bad, core::Locale::fr), "/fr/compte") << bad;
}

TEST(SessionStates, PasswordThenCodeThenEnrolment) {
  User customer{.id = 1};
  User staff{.id = 2, .permissions = {"catalog:write"}};
  Session s;
  EXPECT_FALSE(s.signed_in());
  s.user = customer;
  EXPECT_TRUE(s.signed_in());
  EXPECT_FALSE(s.must_enrol());
  s.user = staff;
  EXPECT_TRUE(s.must_enrol()) << "staff without 2FA enrol first";
  s.user->totp_enabled = true;
  EXPECT_FALSE(s.signed_in());
  EXPECT_TRUE(s.awaiting_code());
  s.mfa_passed = true;
  EXPECT_TRUE(s.signed_in());
  EXPECT_FALSE(s.must_enrol());
}

Address valid_address() {
  return {.full_name = "Marie Tremblay",
          .line1 = "1234 rue Saint-Denis",
          .city = "Montréal",
          .region = "QC",
          .postal_code = "h2x 1y4",
          .country = "CA"};
}

TEST(AddressRules, AValidCanadianAddressPasses) {
  EXPECT_TRUE(validate_address(valid_address()).empty());
}

TEST(AddressRules, EachProblemNamesItsField) {
  auto a = valid_address();
  a.line1 = "  ";
  a.postal_code = "12345";
  auto problems = validate_address(a);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "line1");
  EXPECT_EQ(problems[0].message_key, "accounts.address_error.required");
  EXPECT_EQ(problems[1].field, "postal_code");
  a = valid_address();
  a.country = "XX";
  EXPECT_EQ(validate_address(a).at(0).field, "country");
  a = valid_address();
  a.country = "FR";
  a.postal_code = "75011";
  EXPECT_TRUE(validate_address(a).empty());
  a.city = std::string(201, 'x');
  EXPECT_EQ(validate_address(a).at(0).message_key, "accounts.address_error.too_long");
}

TEST(TwoFactorText, SecretsAreShownInGroupsOfFour) {
  EXPECT_EQ(group_by_four("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
  EXPECT_EQ(group_by_four("ABCDE"), "ABCD E");
  EXPECT_EQ(group_by_four(""), "");
}

}  // namespace
}  // namespace comptoir::accounts
