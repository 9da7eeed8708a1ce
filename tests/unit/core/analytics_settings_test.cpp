#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>

#include "core/analytics_settings.hpp"
#include "core/config.hpp"

namespace comptoir::core {
namespace {

TEST(AnalyticsSettings, PlausibleUsesPlausibleIoUnlessAHostIsGiven) {
  auto hosted = parse_analytics("plausible:shop.example", true);
  ASSERT_TRUE(hosted) << hosted.error();
  EXPECT_EQ(hosted->provider, AnalyticsProvider::plausible);
  EXPECT_EQ(hosted->site, "shop.example");
  EXPECT_EQ(hosted->script_url(), "https://plausible.io/js/script.js");
  EXPECT_EQ(hosted->events_url(), "https://plausible.io/api/event");
  EXPECT_FALSE(hosted->needs_consent());

  auto own = parse_analytics("plausible:shop.example@stats.example", true);
  ASSERT_TRUE(own) << own.error();
  EXPECT_EQ(own->origin, "https://stats.example");
  EXPECT_EQ(own->events_url(), "https://stats.example/api/event");
}

TEST(AnalyticsSettings, Ga4TakesAMeasurementIdAndGooglesHosts) {
  auto ga4 = parse_analytics("ga4:G-AB12CD34EF", true);
  ASSERT_TRUE(ga4) << ga4.error();
  EXPECT_EQ(ga4->provider, AnalyticsProvider::ga4);
  EXPECT_TRUE(ga4->needs_consent());
  EXPECT_EQ(ga4->script_url(), "https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF");
  EXPECT_EQ(ga4->events_url(), "https://www.google-analytics.com/mp/collect");
}

TEST(AnalyticsSettings, ALocalFakeIsAllowedOutsideProductionOnly) {
  auto fake = parse_analytics("ga4:G-TEST1234@http://127.0.0.1:4100", false);
  ASSERT_TRUE(fake) << fake.error();
  EXPECT_EQ(fake->events_url(), "http://127.0.0.1:4100/mp/collect");
  EXPECT_EQ(fake->script_url(), "http://127.0.0.1:4100/gtag/js?id=G-TEST1234");
  EXPECT_FALSE(parse_analytics("ga4:G-TEST1234@http://127.0.0.1:4100", true));
  EXPECT_FALSE(parse_analytics("plausible:shop.example@http://127.0.0.1:4100", true));
  auto plausible = parse_analytics("plausible:shop.example@http://127.0.0.1:4100/", false);
  ASSERT_TRUE(plausible) << plausible.error();
  EXPECT_EQ(plausible->origin, "http://127.0.0.1:4100");
}

TEST(AnalyticsSettings, RefusesWhatItCannotRead) {
  for (const char* text :
       {"plausible", "matomo:shop.example", "plausible:", "plausible:Shop.Example",
        "plausible:localhost", "plausible:shop.example@", "plausible:shop.example@bad host",
        "plausible:shop.example@ftp://x.example", "ga4:UA-12345-1", "ga4:G-", "ga4:G-ab12cd",
        "plausible:shop.example@https://stats.example/path"}) {
    auto parsed = parse_analytics(text, false);
    EXPECT_FALSE(parsed) << text;
    if (!parsed) {
      EXPECT_FALSE(parsed.error().empty());
    }
  }
}

TEST(AnalyticsSettings, ThePolicyAllowsOnlyTheConfiguredHost) {
  const std::string base =
      "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'";
  EXPECT_EQ(with_analytics_sources(base, {}), base);
  auto plausible = parse_analytics("plausible:shop.example@stats.example", true);
  EXPECT_EQ(with_analytics_sources(base, *plausible),
            "default-src 'self'; script-src 'self' https://stats.example; connect-src 'self' "
            "https://stats.example; object-src 'none'");
  auto ga4 = parse_analytics("ga4:G-AB12CD34EF", true);
  auto policy = with_analytics_sources(base, *ga4);
  EXPECT_NE(policy.find("script-src 'self' https://*.googletagmanager.com;"), std::string::npos);
  EXPECT_NE(policy.find("connect-src 'self' https://*.google-analytics.com "
                        "https://*.analytics.google.com https://*.googletagmanager.com;"),
            std::string::npos);
}

TEST(AnalyticsSettings, MajorUnitsAreExact) {
  EXPECT_EQ(major_units(1234, "CAD"), "12.34");
  EXPECT_EQ(major_units(5, "EUR"), "0.05");
  EXPECT_EQ(major_units(100, "CAD"), "1.00");
  EXPECT_EQ(major_units(-250, "CAD"), "-2.50");
  EXPECT_EQ(major_units(0, "CAD"), "0.00");
  EXPECT_EQ(major_units(1500, "JPY"), "1500");
  EXPECT_EQ(major_units(12345, "BHD"), "12.345");
  EXPECT_EQ(major_units(999999999999, "CAD"), "9999999999.99");
}

// The variables as check-config reads them.
EnvReader env(std::map<std::string, std::string> vars) {
  if (const char* dir = std::getenv("COMPTOIR_DATA_DIR")) vars["COMPTOIR_DATA_DIR"] = dir;
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const VariableReport* find(const ConfigReport& report, std::string_view name) {
  auto it = std::ranges::find(report.variables, name, &VariableReport::name);
  return it == report.variables.end() ? nullptr : &*it;
}

TEST(AnalyticsConfig, UnsetMeansOff) {
  auto report = load_config(env({}));
  EXPECT_FALSE(report.config.analytics.enabled());
  ASSERT_NE(find(report, "ANALYTICS"), nullptr);
  EXPECT_EQ(find(report, "ANALYTICS")->shown, "none");
}

TEST(AnalyticsConfig, CheckConfigSaysWhatIsWrong) {
  auto report = load_config(env({{"ANALYTICS", "ga4:UA-1"}}));
  EXPECT_FALSE(report.ok());
  EXPECT_NE(find(report, "ANALYTICS")->problem.find("measurement id"), std::string::npos);
}

TEST(AnalyticsConfig, Ga4WithoutItsSecretWarnsAndTheSecretIsNeverShown) {
  auto without = load_config(env({{"ANALYTICS", "ga4:G-AB12CD34EF"}}));
  EXPECT_TRUE(without.ok());
  ASSERT_NE(find(without, "GA4_API_SECRET"), nullptr);
  EXPECT_FALSE(find(without, "GA4_API_SECRET")->problem.empty());
  EXPECT_FALSE(find(without, "GA4_API_SECRET")->fatal);

  auto with =
      load_config(env({{"ANALYTICS", "ga4:G-AB12CD34EF"}, {"GA4_API_SECRET", "s3cr3t-v4lue"}}));
  EXPECT_TRUE(with.ok());
  EXPECT_EQ(with.config.ga4_api_secret, "s3cr3t-v4lue");
  EXPECT_EQ(find(with, "GA4_API_SECRET")->shown, "[redacted]");
  EXPECT_EQ(Redactor(with.config)("sent with s3cr3t-v4lue"), "sent with [redacted]");

  auto stray = load_config(env({{"GA4_API_SECRET", "s3cr3t-v4lue"}}));
  EXPECT_TRUE(stray.ok());
  EXPECT_TRUE(stray.config.ga4_api_secret.empty());
  EXPECT_NE(find(stray, "GA4_API_SECRET")->problem.find("ignored"), std::string::npos);
}

}  // namespace
}  // namespace comptoir::core
