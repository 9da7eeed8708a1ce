#include "core/analytics_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/money.hpp"

namespace comptoir::core {
namespace {

constexpr std::string_view kPlausibleOrigin = "https://plausible.io";
constexpr std::string_view kGa4ScriptOrigin = "https://www.googletagmanager.com";
constexpr std::string_view kGa4EventsOrigin = "https://www.google-analytics.com";

bool lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// A DNS name as Plausible names sites: labels of [a-z0-9-], dots between, at least one dot.
bool valid_domain(std::string_view text) {
  if (text.empty() || text.size() > 253 || text.find('.') == std::string_view::npos) return false;
  if (text.front() == '.' || text.back() == '.' || text.find("..") != std::string_view::npos)
    return false;
  return std::ranges::all_of(text, [](char c) { return lower_alnum(c) || c == '.' || c == '-'; });
}

// host or host:port
bool valid_host(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return valid_domain(text) || text == "localhost";
  auto port = text.substr(colon + 1);
  return (valid_domain(text.substr(0, colon)) || text.substr(0, colon) == "localhost") &&
         !port.empty() && port.size() <= 5 &&
         std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; });
}

// G- then 4 to 20 upper-case letters or digits.
bool valid_measurement_id(std::string_view text) {
  if (!text.starts_with("G-")) return false;
  auto rest = text.substr(2);
  return rest.size() >= 4 && rest.size() <= 20 && std::ranges::all_of(rest, [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

// "http://127.0.0.1:4100" (no path); empty when `text` is not an origin.
std::string origin_of(std::string_view text) {
  std::string_view scheme;
  if (text.starts_with("https://"))
    scheme = "https://";
  else if (text.starts_with("http://"))
    scheme = "http://";
  else
    return {};
  auto rest = text.substr(scheme.size());
  while (rest.ends_with('/')) rest.remove_suffix(1);
  if (!valid_host(rest)) return {};
  return std::string(scheme) + std::string(rest);
}

void add_sources(std::string& policy, std::string_view directive,
                 const std::vector<std::string>& sources) {
  if (sources.empty()) return;
  auto at = policy.find(std::string(directive) + " ");
  if (at == std::string::npos) {
    policy += fmt::format("; {} 'self'", directive);
    at = policy.rfind(std::string(directive) + " ");
  }
  auto end = policy.find(';', at);
  if (end == std::string::npos) end = policy.size();
  std::string added;
  for (const auto& source : sources) added += " " + source;
  policy.insert(end, added);
}

}  // namespace

std::string_view name(AnalyticsProvider provider) {
  switch (provider) {
    case AnalyticsProvider::plausible:
      return "plausible";
    case AnalyticsProvider::ga4:
      return "ga4";
    case AnalyticsProvider::none:
      break;
  }
  return "none";
}

std::string AnalyticsSettings::script_url() const {
  switch (provider) {
    case AnalyticsProvider::plausible:
      return origin + "/js/script.js";
    case AnalyticsProvider::ga4:
      return fmt::format("{}/gtag/js?id={}", origin.empty() ? kGa4ScriptOrigin : origin, site);
    case AnalyticsProvider::none:
      break;
  }
  return {};
}

std::string AnalyticsSettings::events_url() const {
  switch (provider) {
    case AnalyticsProvider::plausible:
      return origin + "/api/event";
    case AnalyticsProvider::ga4:
      return fmt::format("{}/mp/collect", origin.empty() ? kGa4EventsOrigin : origin);
    case AnalyticsProvider::none:
      break;
  }
  return {};
}

// GA4's hosts as Google's guide to a Content-Security-Policy lists them: gtag.js comes from
// googletagmanager.com and sends to google-analytics.com (www, region1…) and analytics.google.com.
std::vector<std::string> AnalyticsSettings::script_sources() const {
  if (provider == AnalyticsProvider::none) return {};
  if (provider == AnalyticsProvider::ga4 && origin.empty())
    return {"https://*.googletagmanager.com"};
  return {origin};
}

std::vector<std::string> AnalyticsSettings::connect_sources() const {
  if (provider == AnalyticsProvider::none) return {};
  if (provider == AnalyticsProvider::ga4 && origin.empty())
    return {"https://*.google-analytics.com", "https://*.analytics.google.com",
            "https://*.googletagmanager.com"};
  return {origin};
}

std::expected<AnalyticsSettings, std::string> parse_analytics(std::string_view text,
                                                              bool production) {
  constexpr std::string_view kForms =
      "plausible:DOMAIN, plausible:DOMAIN@HOST (self-hosted) or ga4:G-XXXXXXX";
  auto colon = text.find(':');
  if (colon == std::string_view::npos)
    return std::unexpected(fmt::format("'{}' is not {}", text, kForms));
  auto kind = text.substr(0, colon);
  auto rest = text.substr(colon + 1);
  std::string_view host;
  auto at = rest.find('@');
  if (at != std::string_view::npos) {
    host = rest.substr(at + 1);
    rest = rest.substr(0, at);
    if (host.empty())
      return std::unexpected(
          fmt::format("'{}' names no host after '@' (e.g. @stats.example)", text));
  }
  AnalyticsSettings settings;
  settings.site = std::string(rest);
  if (kind == "plausible") {
    settings.provider = AnalyticsProvider::plausible;
    if (!valid_domain(rest))
      return std::unexpected(fmt::format(
          "'{}' is not a site domain as Plausible names it (lower case, e.g. shop.example)", rest));
    settings.origin = std::string(kPlausibleOrigin);
  } else if (kind == "ga4") {
    settings.provider = AnalyticsProvider::ga4;
    if (!valid_measurement_id(rest))
      return std::unexpected(
          fmt::format("'{}' is not a GA4 measurement id (G- then letters and digits, e.g. "
                      "G-AB12CD34EF)",
                      rest));
    if (!host.empty() && production)
      return std::unexpected(
          "ga4 takes no @HOST in production: Google's hosts are used (an @origin is for a test's "
          "fake)");
  } else {
    return std::unexpected(fmt::format("'{}' is not a known service; use {}", kind, kForms));
  }
  if (host.empty()) return settings;
  if (host.starts_with("http://") || host.starts_with("https://")) {
    auto origin = origin_of(host);
    if (origin.empty())
      return std::unexpected(fmt::format("'{}' is not an origin like https://stats.example", host));
    if (production && !origin.starts_with("https://"))
      return std::unexpected(fmt::format("'{}' must use https:// in production", host));
    settings.origin = std::move(origin);
  } else if (valid_host(host)) {
    settings.origin = fmt::format("https://{}", host);
  } else {
    return std::unexpected(fmt::format(
        "'{}' is not a host name (e.g. stats.example, for a self-hosted Plausible)", host));
  }
  return settings;
}

std::string with_analytics_sources(std::string policy, const AnalyticsSettings& analytics) {
  add_sources(policy, "script-src", analytics.script_sources());
  add_sources(policy, "connect-src", analytics.connect_sources());
  return policy;
}

std::string major_units(std::int64_t minor, std::string_view currency) {
  auto digits = minor_unit_digits(currency);
  if (digits > 4) digits = 2;
  const char* sign = minor < 0 ? "-" : "";
  // Through unsigned: the magnitude of INT64_MIN does not fit in an int64.
  auto magnitude =
      minor < 0 ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  if (digits == 0) return fmt::format("{}{}", sign, magnitude);
  std::uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  return fmt::format("{}{}.{:0{}}", sign, magnitude / scale, magnitude % scale, digits);
}

}  // namespace comptoir::core
