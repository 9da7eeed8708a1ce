#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "throttle/limits.hpp"
#include "throttle/throttled.hpp"

namespace comptoir::throttle {
namespace {

namespace net = boost::asio;

struct Request {
  http::Request raw{http::Method::post, "/api/v1/cart/items", 11};
  net::io_context io;
  http::Context ctx{raw, io.get_executor(), "/api/v1/cart/items", ""};
};

KeyOf fixed(std::optional<std::string> key) {
  return [key](const http::Context&) { return key; };
}

TEST(Throttled, EachRuleNamesItsBucketInOrderAndAMissingKeySkipsIt) {
  Request request;
  request.ctx.client_ip = "203.0.113.9";
  std::vector<Rule> rules{
      {.name = "cart_session", .limit = {.burst = 2}, .key = fixed(std::nullopt)},
      {.name = "cart_ip", .limit = {.burst = 7}, .key = by_client_ip()},
      {.name = "other", .limit = {.burst = 1}, .key = fixed("x")}};
  auto takes = takes_of(rules, request.ctx);
  ASSERT_EQ(takes.size(), 2u) << "a visitor without a session is counted by its address alone";
  EXPECT_EQ(takes[0].bucket, "cart_ip:203.0.113.9");
  EXPECT_EQ(takes[0].limit.burst, 7);
  EXPECT_EQ(takes[1].bucket, "other:x");
}

TEST(Throttled, AnUnknownAddressIsNoBucket) {
  Request request;
  EXPECT_FALSE(by_client_ip()(request.ctx));
}

TEST(Throttled, TheRefusalIs429WithRetryAfterAndACode) {
  RateDecision refused{.allowed = false, .retry_after = std::chrono::seconds{42}};
  auto error = too_many_requests(refused, "cart.rate_limited");
  EXPECT_EQ(error.status(), http::Status::too_many_requests);
  ASSERT_EQ(error.headers.size(), 1u);
  EXPECT_EQ(error.headers[0].first, http::Field::retry_after);
  EXPECT_EQ(error.headers[0].second, "42");
  const auto& extra = error.extra().as_object();
  EXPECT_EQ(extra.at("code").as_string(), "cart.rate_limited");
  EXPECT_EQ(extra.at("retry_after").as_int64(), 42);
}

TEST(Throttled, HashedKeysAreStableShortAndHideTheText) {
  auto key = hashed_key("client@example.ca");
  EXPECT_EQ(key.size(), 32u);
  EXPECT_EQ(key, hashed_key("client@example.ca"));
  EXPECT_NE(key, hashed_key("other@example.ca"));
  EXPECT_EQ(key.find("example"), std::string::npos);
}

TEST(ShopLimits, DefaultsAreGenerousAndEachNameOverridesItsOwnLimit) {
  auto defaults = shop_limits({});
  EXPECT_EQ(defaults.order_session.burst, 5);
  EXPECT_DOUBLE_EQ(defaults.order_session.per_second, 1.0 / 600);
  EXPECT_GT(defaults.order_ip.burst, defaults.order_session.burst)
      << "an office shares one address";
  EXPECT_GT(defaults.cart_ip.burst, defaults.cart_session.burst);
  EXPECT_EQ(defaults.return_account.burst, 5);
  EXPECT_GT(defaults.return_ip.burst, defaults.return_account.burst);
  EXPECT_EQ(defaults.privacy_account.burst, 5);
  EXPECT_DOUBLE_EQ(defaults.privacy_account.per_second, 1.0 / 600);
  EXPECT_GT(defaults.privacy_ip.burst, defaults.privacy_account.burst);

  std::vector<core::RateLimitSetting> overrides{
      {.name = "order_ip", .burst = 3, .every = std::chrono::minutes{1}},
      {.name = "webhook_ip", .burst = 9, .every = std::chrono::milliseconds{250}},
      {.name = "login_ip", .burst = 1, .every = std::chrono::seconds{1}},
      {.name = "return_account", .burst = 2, .every = std::chrono::hours{1}},
      {.name = "privacy_ip", .burst = 7, .every = std::chrono::seconds{10}}};
  auto limits = shop_limits(overrides);
  EXPECT_EQ(limits.order_ip.burst, 3);
  EXPECT_DOUBLE_EQ(limits.order_ip.per_second, 1.0 / 60);
  EXPECT_EQ(limits.webhook_ip.burst, 9);
  EXPECT_DOUBLE_EQ(limits.webhook_ip.per_second, 4);
  EXPECT_EQ(limits.return_account.burst, 2);
  EXPECT_DOUBLE_EQ(limits.return_account.per_second, 1.0 / 3600);
  EXPECT_EQ(limits.privacy_ip.burst, 7);
  EXPECT_DOUBLE_EQ(limits.privacy_ip.per_second, 0.1);
  EXPECT_EQ(limits.order_session.burst, defaults.order_session.burst) << "untouched";
}

}  // namespace
}  // namespace comptoir::throttle
