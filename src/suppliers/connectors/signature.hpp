#pragma once

#include <chrono>
#include <string>
#include <string_view>

// The signature of what the shop and a generic dropshipper send each other (docs/suppliers.md):
//   Comptoir-Signature: t=<Unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>" under the secret>
// The secret is the supplier's `signing_secret`, known to both sides. Stripe's scheme, so a
// supplier's developer finds it familiar; the timestamp bounds replays.
namespace comptoir::suppliers::signature {

inline constexpr std::string_view kHeader = "Comptoir-Signature";
inline constexpr std::chrono::seconds kTolerance{300};

std::string sign(std::string_view secret, std::chrono::sys_seconds at, std::string_view body);

// Lower-case hex of HMAC-SHA-256(secret, message) (Printify's X-Pfy-Signature is "sha256=" and
// this over the body).
std::string hex_hmac_sha256(std::string_view secret, std::string_view message);
// Two strings compared in constant time (their lengths are not secret).
bool same(std::string_view a, std::string_view b);

enum class Check { valid, malformed, stale, mismatch };
// Whether `header` signs `body` under `secret`, made within kTolerance of `now`. Compared in
// constant time.
Check verify(std::string_view header, std::string_view secret, std::string_view body,
             std::chrono::sys_seconds now);

}  // namespace comptoir::suppliers::signature
