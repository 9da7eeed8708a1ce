#include "analytics/consent.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/random.hpp"
#include "http/cookie.hpp"

namespace comptoir::analytics {
namespace {

constexpr std::string_view kGranted = "analytics:granted.v1";
constexpr std::string_view kDenied = "analytics:denied.v1";

bool digits(std::string_view text) {
  return !text.empty() && text.size() <= 20 &&
         std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::string cookie_header(const http::Context& ctx) {
  return std::string(ctx.request[http::Field::cookie]);
}

}  // namespace

Consent parse_consent(std::string_view cookie_value) {
  if (cookie_value == kGranted) return Consent::granted;
  if (cookie_value == kDenied) return Consent::denied;
  return Consent::unknown;
}

std::string_view consent_value(Consent choice) {
  return choice == Consent::granted ? kGranted : kDenied;
}

Consent consent_of(const http::Context& ctx) {
  auto header = cookie_header(ctx);
  auto value = http::find_cookie(header, kConsentCookie);
  return value ? parse_consent(*value) : Consent::unknown;
}

std::optional<std::string> ga_client_id(std::string_view ga_cookie) {
  // GA1.<domain depth>.<random>.<first visit, unix seconds>
  if (!ga_cookie.starts_with("GA1.")) return std::nullopt;
  auto last = ga_cookie.rfind('.');
  if (last == std::string_view::npos || last < 4) return std::nullopt;
  auto before = ga_cookie.rfind('.', last - 1);
  if (before == std::string_view::npos || before < 3) return std::nullopt;
  auto random = ga_cookie.substr(before + 1, last - before - 1);
  auto time = ga_cookie.substr(last + 1);
  if (!digits(random) || !digits(time)) return std::nullopt;
  return fmt::format("{}.{}", random, time);
}

bool allows_measurement(const core::AnalyticsSettings& settings, Consent choice) {
  if (!settings.enabled()) return false;
  if (settings.needs_consent()) return choice == Consent::granted;
  return choice != Consent::denied;
}

orders::AnalyticsMark mark_of(const http::Context& ctx, const core::AnalyticsSettings& settings) {
  orders::AnalyticsMark mark;
  mark.consent = allows_measurement(settings, consent_of(ctx));
  if (!mark.consent || settings.provider != core::AnalyticsProvider::ga4) return mark;
  auto header = cookie_header(ctx);
  if (auto ga = http::find_cookie(header, "_ga"); ga)
    if (auto id = ga_client_id(*ga)) mark.client_id = std::move(*id);
  if (mark.client_id.empty()) {
    // As gtag.js makes one: a random 31-bit number, then the time in seconds.
    auto random = std::stoull(core::random_hex(4), nullptr, 16) & 0x7fffffffULL;
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    mark.client_id = fmt::format("{}.{}", random, now);
  }
  return mark;
}

}  // namespace comptoir::analytics
