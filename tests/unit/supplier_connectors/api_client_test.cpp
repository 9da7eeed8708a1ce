// What the connectors' HTTP client does without a network: redaction of what it logs, the waits
// it takes (Retry-After, backoff with jitter) and its rate limiter.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "suppliers/connectors/api_client.hpp"

namespace comptoir::suppliers {
namespace {

using namespace std::chrono_literals;

TEST(Redaction, HidesKnownSecretsAndSecretLookingFields) {
  EXPECT_EQ(redact("token abcd1234 used", {"abcd1234"}), "token [redacted] used");
  EXPECT_EQ(redact(R"({"access_token": "x.y.z", "expires_in": 3600})", {}),
            R"({"access_token": "[redacted]", "expires_in": 3600})");
  EXPECT_EQ(redact(R"({"refresh_token":"Atzr|abc\"def","client_secret":"s"})", {}),
            R"({"refresh_token":"[redacted]","client_secret":"[redacted]"})");
  EXPECT_EQ(redact("grant_type=refresh_token&refresh_token=Atzr%7Cabc&client_id=amzn1", {}),
            "grant_type=refresh_token&refresh_token=[redacted]&client_id=amzn1");
  EXPECT_EQ(redact("Authorization: Bearer abc\nAccept: x", {}),
            "Authorization: [redacted]\nAccept: x");
  EXPECT_EQ(redact(R"({"title": "Token T-shirt", "sku": "A"})", {}),
            R"({"title": "Token T-shirt", "sku": "A"})");
  // Too short to be a secret worth hiding (and would redact half of the text).
  EXPECT_EQ(redact("a b c", {"a"}), "a b c");
}

TEST(RetryAfter, ReadsSecondsAndDatesAndCapsThem) {
  ApiResponse response;
  EXPECT_EQ(retry_after(response), 0ms);
  response.headers["retry-after"] = "3";
  EXPECT_EQ(retry_after(response), 3000ms);
  response.headers["retry-after"] = "999999";
  EXPECT_EQ(retry_after(response), 3'600'000ms);
  response.headers["retry-after"] = "Wed, 21 Oct 2015 07:28:00 GMT";  // in the past
  EXPECT_EQ(retry_after(response), 0ms);
  response.headers["retry-after"] = "soon";
  EXPECT_EQ(retry_after(response), 0ms);
}

TEST(Backoff, GrowsExponentiallyWithJitterUpToItsCeiling) {
  ApiPolicy policy{.first_backoff = 100ms, .max_backoff = 1000ms};
  for (int i = 0; i < 200; ++i) {
    EXPECT_LE(backoff(1, policy), 100ms);
    EXPECT_LE(backoff(3, policy), 400ms);
    EXPECT_LE(backoff(30, policy), 1000ms);
    EXPECT_GE(backoff(30, policy), 0ms);
  }
  // Jitter: not always the same wait.
  std::set<std::int64_t> seen;
  for (int i = 0; i < 50; ++i) seen.insert(backoff(5, policy).count());
  EXPECT_GT(seen.size(), 5u);
}

TEST(RateLimiter, LetsABurstThroughThenPacesRequests) {
  RateLimiter limiter(50, 5);
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 15; ++i) limiter.acquire();
  auto elapsed = std::chrono::steady_clock::now() - started;
  // 5 at once, then 10 at 50/s: at least ~200 ms (a lower bound holds on a loaded machine).
  EXPECT_GE(elapsed, 180ms);
  limiter.set_rate(2.5);
  EXPECT_DOUBLE_EQ(limiter.rate(), 2.5);
  limiter.set_rate(-1);  // nonsense from a header is ignored
  EXPECT_DOUBLE_EQ(limiter.rate(), 2.5);
}

TEST(RateLimiter, IsSharedByCredential) {
  auto a = RateLimiter::shared("printify|one", 10, 10);
  auto b = RateLimiter::shared("printify|one", 99, 99);
  auto c = RateLimiter::shared("printify|two", 10, 10);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(credential_key("secret"), credential_key("secret"));
  EXPECT_NE(credential_key("secret"), credential_key("secret2"));
  EXPECT_EQ(credential_key("secret").find("secret"), std::string::npos);
}

}  // namespace
}  // namespace comptoir::suppliers
