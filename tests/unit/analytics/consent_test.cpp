#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "analytics/consent.hpp"
#include "analytics/preferences_pages.hpp"

namespace comptoir::analytics {
namespace {

// A request carrying `cookies`, and its context (the request must outlive the context).
struct Visit {
  explicit Visit(std::string_view cookies) {
    if (!cookies.empty()) request.set(http::Field::cookie, cookies);
  }
  boost::asio::io_context io;
  http::Request request;
  http::Context ctx{request, io.get_executor(), "/fr/commande", {}};
};

core::AnalyticsSettings settings(std::string_view text) {
  return *core::parse_analytics(text, false);
}

TEST(Consent, TheCookieSaysGrantedOrDeniedAndNothingElseCounts) {
  EXPECT_EQ(parse_consent("analytics:granted.v1"), Consent::granted);
  EXPECT_EQ(parse_consent("analytics:denied.v1"), Consent::denied);
  EXPECT_EQ(parse_consent(""), Consent::unknown);
  EXPECT_EQ(parse_consent("analytics:granted.v0"), Consent::unknown);
  EXPECT_EQ(parse_consent("analytics:granted.v2"), Consent::unknown);
  EXPECT_EQ(parse_consent("granted"), Consent::unknown);
  EXPECT_EQ(parse_consent(consent_value(Consent::granted)), Consent::granted);
  EXPECT_EQ(parse_consent(consent_value(Consent::denied)), Consent::denied);
}

TEST(Consent, ReadFromTheRequestsCookies) {
  EXPECT_EQ(consent_of(Visit("a=1; comptoir_consent=analytics:denied.v1; b=2").ctx),
            Consent::denied);
  EXPECT_EQ(consent_of(Visit("comptoir_consent=analytics:granted.v1").ctx), Consent::granted);
  EXPECT_EQ(consent_of(Visit("comptoir_session=x").ctx), Consent::unknown);
  EXPECT_EQ(consent_of(Visit("").ctx), Consent::unknown);
}

TEST(Consent, Ga4NeedsAYesPlausibleANo) {
  auto ga4 = settings("ga4:G-AB12CD34EF");
  EXPECT_TRUE(allows_measurement(ga4, Consent::granted));
  EXPECT_FALSE(allows_measurement(ga4, Consent::unknown));
  EXPECT_FALSE(allows_measurement(ga4, Consent::denied));
  auto plausible = settings("plausible:shop.example");
  EXPECT_TRUE(allows_measurement(plausible, Consent::granted));
  EXPECT_TRUE(allows_measurement(plausible, Consent::unknown));
  EXPECT_FALSE(allows_measurement(plausible, Consent::denied));
  EXPECT_FALSE(allows_measurement({}, Consent::granted));
}

TEST(Consent, TheGaClientIdIsTheCookiesLastTwoNumbers) {
  EXPECT_EQ(ga_client_id("GA1.1.1234567890.1700000000"), "1234567890.1700000000");
  EXPECT_EQ(ga_client_id("GA1.2.42.1700000001"), "42.1700000001");
  EXPECT_FALSE(ga_client_id("GA1.1.abc.1700000000"));
  EXPECT_FALSE(ga_client_id("GA1.1.1234567890."));
  EXPECT_FALSE(ga_client_id("1234567890.1700000000"));
  EXPECT_FALSE(ga_client_id(""));
}

TEST(Consent, TheOrderRemembersTheChoiceAndTheClientId) {
  auto ga4 = settings("ga4:G-AB12CD34EF");
  auto granted =
      mark_of(Visit("comptoir_consent=analytics:granted.v1; _ga=GA1.1.111.222").ctx, ga4);
  EXPECT_TRUE(granted.consent);
  EXPECT_EQ(granted.client_id, "111.222");

  auto no_cookie = mark_of(Visit("comptoir_consent=analytics:granted.v1").ctx, ga4);
  EXPECT_TRUE(no_cookie.consent);
  ASSERT_TRUE(ga_client_id("GA1.1." + no_cookie.client_id)) << no_cookie.client_id;

  auto refused = mark_of(Visit("_ga=GA1.1.111.222").ctx, ga4);
  EXPECT_FALSE(refused.consent);
  EXPECT_TRUE(refused.client_id.empty());

  auto plausible = settings("plausible:shop.example");
  auto counted = mark_of(Visit("").ctx, plausible);
  EXPECT_TRUE(counted.consent);
  EXPECT_TRUE(counted.client_id.empty());
  EXPECT_FALSE(mark_of(Visit("comptoir_consent=analytics:denied.v1").ctx, plausible).consent);
  EXPECT_FALSE(mark_of(Visit("comptoir_consent=analytics:granted.v1").ctx, {}).consent);
}

TEST(Consent, TheFormGoesBackOnlyToThisSite) {
  constexpr std::string_view kOrigin = "https://shop.example";
  EXPECT_EQ(safe_return("/fr/produit/tasse?x=1", kOrigin), "/fr/produit/tasse?x=1");
  EXPECT_EQ(safe_return("https://shop.example/en/products", kOrigin), "/en/products");
  EXPECT_EQ(safe_return("https://shop.example", kOrigin), "/");
  EXPECT_EQ(safe_return("https://evil.example/fr/", kOrigin), "");
  EXPECT_EQ(safe_return("https://shop.example.evil.example/fr/", kOrigin), "");
  EXPECT_EQ(safe_return("//evil.example/", kOrigin), "");
  EXPECT_EQ(safe_return("/\\evil.example/", kOrigin), "");
  EXPECT_EQ(safe_return("javascript:alert(1)", kOrigin), "");
  EXPECT_EQ(safe_return("/fr/\r\nSet-Cookie: x=1", kOrigin), "");
  EXPECT_EQ(safe_return("", kOrigin), "");
}

}  // namespace
}  // namespace comptoir::analytics
