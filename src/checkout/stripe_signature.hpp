#pragma once

#include <cstdint>
#include <expected>
#include <string_view>
#include <vector>

namespace comptoir::checkout {

// Stripe signs each webhook delivery (https://docs.stripe.com/webhooks#verify-manually):
//   Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=…]
// Several v1 entries may be present (while Stripe rolls the endpoint's secret), and we accept
// several secrets (STRIPE_WEBHOOK_SECRET = "current,previous" while we roll ours). The secret is
// used as given ("whsec_…" included), as Stripe's libraries do.

enum class SignatureError {
  missing_header,     // no Stripe-Signature, or no t= or no v1=
  stale_timestamp,    // further than the tolerance from now
  no_matching_secret  // no v1 matches any secret: forged, altered, or another endpoint's
};

inline constexpr std::int64_t kStripeToleranceSeconds = 5 * 60;

std::expected<void, SignatureError> verify_stripe_signature(
    const std::vector<std::string_view>& secrets, std::string_view header, std::string_view body,
    std::int64_t now_unix, std::int64_t tolerance_seconds = kStripeToleranceSeconds);

// "whsec_a, whsec_b" → {"whsec_a", "whsec_b"} (views into `text`); empty entries are dropped.
std::vector<std::string_view> split_secrets(std::string_view text);

}  // namespace comptoir::checkout
