#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <vector>

#include "core/config.hpp"
#include "observe/sentry_event.hpp"

namespace comptoir::observe {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

const std::chrono::system_clock::time_point kNow =
    std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} + 1h + 55min + 24s + 123ms;

const EventSource kSource{.release = "comptoir 0.1.0 (abc1234)",
                          .environment = "test",
                          .server_name = "web-1",
                          .base_url = "https://shop.example.ca"};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (auto nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    lines.push_back(text.substr(from, nl - from));
    from = nl + 1;
  }
  EXPECT_EQ(from, text.size()) << "the envelope ends with a newline";
  return lines;
}

ErrorReport http_failure() {
  ErrorReport report;
  report.logger = "http";
  report.message = "unhandled exception";
  report.exception_type = "comptoir::db::DbError";
  report.exception_value = "relation \"addresses\" does not exist";
  report.request_id = "4f2a9c1d8e7b6a5f4e3d2c1b";
  report.route = "/fr/compte/adresses";
  report.transaction = "GET /fr/compte/adresses";
  report.method = "GET";
  report.url = "/fr/compte/adresses";
  report.user_agent = "Mozilla/5.0 (X11; Linux x86_64)";
  report.status = 500;
  report.user_id = 42;
  return report;
}

TEST(SentryEvent, CarriesTheProtocolFields) {
  std::vector<std::string> lines = {
      R"({"ts":"2026-12-04T01:55:24.100Z","level":"info","msg":"addresses read","request_id":"4f2a9c1d8e7b6a5f4e3d2c1b","count":2})",
      R"({"ts":"2026-12-04T01:55:24.120Z","level":"error","msg":"unhandled exception","request_id":"4f2a9c1d8e7b6a5f4e3d2c1b","route":"/fr/compte/adresses","what":"boom"})",
      "not json"};
  auto event = build_event(http_failure(), lines, kSource, Scrubber{},
                           "0123456789abcdef0123456789abcdef", kNow);
  EXPECT_EQ(event.at("event_id"), "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(event.at("timestamp"), "2026-12-04T01:55:24.123Z");
  EXPECT_EQ(event.at("platform"), "native");
  EXPECT_EQ(event.at("level"), "error");
  EXPECT_EQ(event.at("logger"), "http");
  EXPECT_EQ(event.at("release"), "comptoir 0.1.0 (abc1234)");
  EXPECT_EQ(event.at("environment"), "test");
  EXPECT_EQ(event.at("server_name"), "web-1");
  EXPECT_EQ(event.at("transaction"), "GET /fr/compte/adresses");
  const auto& tags = event.at("tags").as_object();
  EXPECT_EQ(tags.at("request_id"), "4f2a9c1d8e7b6a5f4e3d2c1b");
  EXPECT_EQ(tags.at("route"), "/fr/compte/adresses");
  EXPECT_EQ(tags.at("status"), "500");
  EXPECT_EQ(event.at("user"), (json::object{{"id", "42"}}));
  const auto& exception = event.at("exception").at("values").as_array().at(0);
  EXPECT_EQ(exception.at("type"), "comptoir::db::DbError");
  EXPECT_EQ(exception.at("value"), "relation \"addresses\" does not exist");
  EXPECT_EQ(event.at("request").at("url"), "https://shop.example.ca/fr/compte/adresses");
  EXPECT_EQ(event.at("request").at("method"), "GET");
  EXPECT_EQ(event.at("request").at("headers").at("User-Agent"), "Mozilla/5.0 (X11; Linux x86_64)");
  const auto& crumbs = event.at("breadcrumbs").at("values").as_array();
  ASSERT_EQ(crumbs.size(), 2U);
  EXPECT_EQ(crumbs[0].at("message"), "addresses read");
  EXPECT_EQ(crumbs[0].at("level"), "info");
  EXPECT_EQ(crumbs[0].at("timestamp"), "2026-12-04T01:55:24.100Z");
  EXPECT_EQ(crumbs[0].at("data").at("count"), 2);
  EXPECT_EQ(crumbs[1].at("level"), "error");
  EXPECT_FALSE(crumbs[1].at("data").as_object().contains("request_id"));
  EXPECT_EQ(event.at("fingerprint"),
            (json::array{"http", "comptoir::db::DbError", "/fr/compte/adresses"}));
}

TEST(SentryEvent, WarningsAndReportsWithoutUserOrException) {
  ErrorReport report;
  report.level = Level::warn;
  report.logger = "checkout";
  report.message = "payment event refused: amount_mismatch";
  report.tags = {{"reason", "amount_mismatch"}};
  auto event =
      build_event(report, {}, kSource, Scrubber{}, "ffffffffffffffffffffffffffffffff", kNow);
  EXPECT_EQ(event.at("level"), "warning");
  EXPECT_EQ(event.at("message"), "payment event refused: amount_mismatch");
  EXPECT_FALSE(event.contains("user"));
  EXPECT_FALSE(event.contains("exception"));
  EXPECT_FALSE(event.contains("request"));
  EXPECT_FALSE(event.contains("breadcrumbs"));
  EXPECT_EQ(event.at("tags").at("reason"), "amount_mismatch");
}

TEST(SentryEnvelope, IsThreeLinesWithTheItemsLength) {
  auto report = http_failure();
  report.exception_value = "multi\nline «accents»";
  auto event =
      build_event(report, {}, kSource, Scrubber{}, "0123456789abcdef0123456789abcdef", kNow);
  auto text = envelope(event, "https://k1@sentry.example.com/5", kNow + 1s);
  auto lines = split_lines(text);
  ASSERT_EQ(lines.size(), 3U) << text;
  auto header = json::parse(lines[0]).as_object();
  EXPECT_EQ(header.at("event_id"), "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(header.at("dsn"), "https://k1@sentry.example.com/5");
  EXPECT_EQ(header.at("sent_at"), "2026-12-04T01:55:25.123Z");
  auto item = json::parse(lines[1]).as_object();
  EXPECT_EQ(item.at("type"), "event");
  EXPECT_EQ(item.at("length").to_number<std::size_t>(), lines[2].size());  // bytes, not characters
  EXPECT_EQ(json::parse(lines[2]).as_object(), event);
}

TEST(SentryAuth, NamesVersionSevenTheKeyAndTheClient) {
  EXPECT_EQ(auth_header("abc123", "0.1.0"),
            "Sentry sentry_version=7, sentry_key=abc123, sentry_client=comptoir/0.1.0");
}

TEST(SentryRateLimits, PausesOnErrorLimitsAnd429) {
  EXPECT_FALSE(rate_limit_pause(200, "", ""));
  EXPECT_EQ(rate_limit_pause(429, "", ""), 60s);
  EXPECT_EQ(rate_limit_pause(429, "17", ""), 17s);
  EXPECT_EQ(rate_limit_pause(429, "2.5", ""), 2500ms);
  EXPECT_EQ(
      rate_limit_pause(200, "", "60:transaction:key, 2700:default;error;security:organization"),
      2700s);
  EXPECT_EQ(rate_limit_pause(200, "", "30::organization"), 30s);
  // Limits on other categories only: keep sending errors (a 429 still pauses).
  EXPECT_FALSE(rate_limit_pause(200, "", "60:transaction;session:key"));
  EXPECT_EQ(rate_limit_pause(429, "5", "60:transaction:key"), 5s);
  EXPECT_FALSE(rate_limit_pause(503, "10", ""));
}

TEST(Scrubber, HidesEmailsAddressesTokensAndSecrets) {
  core::Config config;
  config.stripe_secret_key = "sk_live_51HxSuperSecretValue";
  Scrubber scrub{core::Redactor(config)};
  auto out = scrub.text(
      "user marie.tremblay+shop@example.ca from 203.0.113.7 and 2001:db8::1 failed with "
      "sk_live_51HxSuperSecretValue via postgres://shop:hunter2@db/shop session "
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 at 12:30:45 in "
      "comptoir::db::DbError.");
  for (const char* leak : {"marie", "example.ca", "203.0.113.7", "2001:db8", "sk_live", "hunter2",
                           "9f86d081884c7d659a2feaa0c55ad015"})
    EXPECT_EQ(out.find(leak), std::string::npos) << leak << " in " << out;
  EXPECT_NE(out.find("[email]"), std::string::npos) << out;
  EXPECT_NE(out.find("[ip]"), std::string::npos) << out;
  EXPECT_NE(out.find("12:30:45"), std::string::npos) << out;
  EXPECT_NE(out.find("comptoir::db::DbError."), std::string::npos) << out;
}

TEST(Scrubber, UrlsKeepNoTokenInPathNorSecretInQuery) {
  Scrubber scrub;
  EXPECT_EQ(scrub.url("/fr/compte/reinitialiser/abcdef0123456789", "",
                      "/fr/compte/reinitialiser/{token}"),
            "/fr/compte/reinitialiser/{token}");
  EXPECT_EQ(scrub.url("/fr/recherche", "q=tasse&token=s3cr3t&email=a%40b.ca&page=2&note=x@y.ca",
                      "/fr/recherche"),
            "/fr/recherche?q=tasse&token=[Filtered]&email=[Filtered]&page=2&note=[Filtered]");
  EXPECT_EQ(scrub.url("/whatever/raw", "", "(unmatched)"), "/");
}

TEST(Scrubber, BreadcrumbsDropPersonalFieldsAndEventsHoldNoPii) {
  auto report = http_failure();
  report.exception_value = "duplicate key: Key (email)=(jeanne@example.org) already exists";
  report.url = "/fr/compte/adresses?email=jeanne%40example.org&session=abc";
  report.tags = {{"note", "sent to jeanne@example.org"}};
  std::vector<std::string> lines = {
      R"({"ts":"2026-12-04T01:55:24.100Z","level":"info","msg":"request","request_id":"r1","method":"GET","route":"/fr/compte/adresses","path":"/fr/compte/adresses?email=jeanne%40example.org","status":500,"client":"198.51.100.23","email":"jeanne@example.org","cookie":"__Host-s=abc","user_agent":"x","what":"for jeanne@example.org","nested":{"email":"jeanne@example.org"}})"};
  auto event =
      build_event(report, lines, kSource, Scrubber{}, "0123456789abcdef0123456789abcdef", kNow);
  auto text = json::serialize(event);
  for (const char* leak : {"jeanne", "example.org", "198.51.100.23", "__Host-s", "session=abc"})
    EXPECT_EQ(text.find(leak), std::string::npos) << leak << " in " << text;
  const auto& data = event.at("breadcrumbs").at("values").at(0).at("data").as_object();
  EXPECT_EQ(data.at("method"), "GET");
  EXPECT_EQ(data.at("status"), 500);
  EXPECT_FALSE(data.contains("path"));
  EXPECT_FALSE(data.contains("client"));
  EXPECT_FALSE(data.contains("nested"));
}

}  // namespace
}  // namespace comptoir::observe
