#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/analytics_settings.hpp"
#include "http/types.hpp"
#include "orders/order.hpp"

// The visitor's choice about audience measurement (docs/analytics.md), kept in a first-party
// cookie that the browser script and the server both read:
//   comptoir_consent=analytics:granted.v1   or   comptoir_consent=analytics:denied.v1
// No other cookie holds it and nothing is stored server-side. The version changes when what is
// measured changes, and an unknown value counts as no choice, so visitors are asked again.
namespace comptoir::analytics {

inline constexpr std::string_view kConsentCookie = "comptoir_consent";
// Six months: the CNIL's recommended longest life of a consent choice (13 months at most).
inline constexpr std::chrono::seconds kConsentLifetime{183LL * 24 * 3600};

enum class Consent { unknown, granted, denied };

Consent parse_consent(std::string_view cookie_value);
// The cookie's value for a choice (granted or denied).
std::string_view consent_value(Consent choice);
// The choice a request carries in its Cookie header.
Consent consent_of(const http::Context& ctx);

// GA4's client id from the _ga cookie: "GA1.1.1234567890.1700000000" → "1234567890.1700000000";
// nullopt when the value is not of that form.
std::optional<std::string> ga_client_id(std::string_view ga_cookie);

// Whether the visitor allows measurement, as the configured service counts it: GA4 needs a yes;
// Plausible (no cookie, no personal data) measures unless the visitor opted out. Never with
// analytics off.
bool allows_measurement(const core::AnalyticsSettings& settings, Consent choice);

// What the order placed by this request remembers (orders::PlaceRequest::analytics): the choice,
// and for GA4 the _ga client id (a fresh random one when the cookie is missing, so the purchase
// still counts once).
orders::AnalyticsMark mark_of(const http::Context& ctx, const core::AnalyticsSettings& settings);

}  // namespace comptoir::analytics
