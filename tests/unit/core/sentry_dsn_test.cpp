#include <gtest/gtest.h>

#include <string>

#include "core/config.hpp"
#include "core/sentry_dsn.hpp"

namespace comptoir::core {
namespace {

TEST(SentryDsn, ParsesSentrysHostedForm) {
  auto dsn = parse_sentry_dsn("https://e4b1c2d3f5a6@o12345.ingest.sentry.io/4505678");
  ASSERT_TRUE(dsn) << dsn.error();
  EXPECT_EQ(dsn->scheme, "https");
  EXPECT_EQ(dsn->public_key, "e4b1c2d3f5a6");
  EXPECT_EQ(dsn->host, "o12345.ingest.sentry.io");
  EXPECT_EQ(dsn->path, "");
  EXPECT_EQ(dsn->project_id, "4505678");
  EXPECT_EQ(dsn->envelope_url(), "https://o12345.ingest.sentry.io/api/4505678/envelope/");
  EXPECT_EQ(dsn->text(), "https://e4b1c2d3f5a6@o12345.ingest.sentry.io/4505678");
}

TEST(SentryDsn, KeepsAPortAndAPathPrefix) {
  auto dsn = parse_sentry_dsn("http://abc123@glitchtip.internal:8000/errors/sub/7");
  ASSERT_TRUE(dsn) << dsn.error();
  EXPECT_EQ(dsn->host, "glitchtip.internal:8000");
  EXPECT_EQ(dsn->path, "/errors/sub");
  EXPECT_EQ(dsn->envelope_url(), "http://glitchtip.internal:8000/errors/sub/api/7/envelope/");
  auto local = parse_sentry_dsn("http://k1@127.0.0.1:9/1");
  ASSERT_TRUE(local) << local.error();
  EXPECT_EQ(local->envelope_url(), "http://127.0.0.1:9/api/1/envelope/");
  auto v6 = parse_sentry_dsn("http://k1@[::1]:9000/3");
  ASSERT_TRUE(v6) << v6.error();
  EXPECT_EQ(v6->host, "[::1]:9000");
}

TEST(SentryDsn, DropsTheSecretOfALegacyDsn) {
  auto dsn = parse_sentry_dsn("https://public1:secret2@sentry.example.com/42");
  ASSERT_TRUE(dsn) << dsn.error();
  EXPECT_EQ(dsn->public_key, "public1");
  EXPECT_EQ(dsn->text(), "https://public1@sentry.example.com/42");
  EXPECT_EQ(dsn->text().find("secret2"), std::string::npos);
}

TEST(SentryDsn, RefusesMalformedOnesWithAReason) {
  for (const char* bad : {
           "",
           "sentry.example.com/42",                    // no scheme
           "ftp://key@sentry.example.com/42",          // not http(s)
           "https://sentry.example.com/42",            // no public key
           "https://@sentry.example.com/42",           // empty key
           "https://ke-y@sentry.example.com/42",       // key not alphanumeric
           "https://key@sentry.example.com",           // no project
           "https://key@sentry.example.com/",          // empty project
           "https://key@sentry.example.com/project",   // project not a number
           "https://key@/42",                          // no host
           "https://key@sentry.example.com:0/42",      // port 0
           "https://key@sentry.example.com:99999/42",  // port too large
           "https://key@sentry.example.com:/42",       // empty port
           "https://key@sentry example.com/42",        // space in host
           "https://key@sentry.example.com/42?x=1",    // query
           "https://key@sentry.example.com//42",       // empty path segment
       }) {
    auto dsn = parse_sentry_dsn(bad);
    EXPECT_FALSE(dsn) << bad;
    if (!dsn) {
      EXPECT_FALSE(dsn.error().empty()) << bad;
      // The reason never repeats the DSN: check-config prints it.
      if (std::string(bad).size() > 8) {
        EXPECT_EQ(dsn.error().find(bad), std::string::npos) << bad;
      }
    }
  }
}

TEST(SentryDsn, LoadConfigParsesItAndAMalformedOneIsFatal) {
  auto env = [](std::optional<std::string> dsn) {
    return [dsn](std::string_view name) -> std::optional<std::string> {
      if (name == "SENTRY_DSN") return dsn;
      if (name == "COMPTOIR_DATA_DIR") {
        if (const char* dir = std::getenv("COMPTOIR_DATA_DIR")) return std::string(dir);
      }
      return std::nullopt;
    };
  };
  auto good = load_config(env("https://k9@sentry.example.com/5"));
  ASSERT_TRUE(good.config.sentry);
  EXPECT_EQ(good.config.sentry->project_id, "5");
  auto unset = load_config(env(std::nullopt));
  EXPECT_FALSE(unset.config.sentry);
  auto bad = load_config(env("https://sentry.example.com/5"));
  EXPECT_FALSE(bad.config.sentry);
  EXPECT_FALSE(bad.ok());
  bool named = false;
  for (const auto& problem : bad.fatal_problems()) named |= problem.starts_with("SENTRY_DSN: ");
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace comptoir::core
