#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

// ANALYTICS (docs/analytics.md): which audience-measurement service the storefront reports to,
// if any. Parsed here so that `comptoir check-config` can say what is wrong; the browser script,
// the consent banner, the Content-Security-Policy and the server events all read this value.
namespace comptoir::core {

enum class AnalyticsProvider { none, plausible, ga4 };

struct AnalyticsSettings {
  AnalyticsProvider provider = AnalyticsProvider::none;
  // Plausible's site domain ("shop.example"), or GA4's measurement id ("G-XXXXXXX").
  std::string site{};
  // Plausible: the origin of its server, https://plausible.io unless self-hosted. GA4: empty for
  // Google's own hosts. Outside production either may be a local fake (http://127.0.0.1:PORT).
  std::string origin{};

  bool enabled() const { return provider != AnalyticsProvider::none; }
  // GA4 asks for consent before anything loads; Plausible (no cookie, no personal data) shows an
  // information notice with a way to opt out.
  bool needs_consent() const { return provider == AnalyticsProvider::ga4; }
  // The script the browser loads once allowed to: Plausible's script.js, or gtag.js.
  std::string script_url() const;
  // Where the server sends purchase and refund events: Plausible's /api/event, or GA4's
  // Measurement Protocol /mp/collect (its query added by the sender).
  std::string events_url() const;
  // What the Content-Security-Policy adds to script-src and to connect-src (nothing when unset).
  std::vector<std::string> script_sources() const;
  std::vector<std::string> connect_sources() const;
};

std::string_view name(AnalyticsProvider provider);

// "plausible:DOMAIN[@HOST]" or "ga4:G-XXXXXXX". HOST is a host name (https is implied) or, outside
// production, an http(s):// origin (a test's fake); GA4 takes an @origin outside production only.
// The error says what is wrong and what is accepted.
std::expected<AnalyticsSettings, std::string> parse_analytics(std::string_view text,
                                                              bool production);

// `policy` (a Content-Security-Policy) with the analytics sources added to its script-src and
// connect-src directives; unchanged when analytics is off.
std::string with_analytics_sources(std::string policy, const AnalyticsSettings& analytics);

// An amount of minor units in major units, exactly, as analytics services want prices:
// 1234 CAD → "12.34", 5 EUR → "0.05", -250 → "-2.50", 1500 JPY → "1500" (ISO 4217 digits).
std::string major_units(std::int64_t minor, std::string_view currency);

}  // namespace comptoir::core
