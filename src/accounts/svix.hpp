#pragma once

#include <cstdint>
#include <expected>
#include <string_view>

namespace comptoir::accounts {

// Clerk delivers its webhooks through Svix, which signs each one
// (https://docs.svix.com/receiving/verifying-payloads/how-manual):
//   signature = base64(HMAC-SHA256(key, "{svix-id}.{svix-timestamp}.{body}"))
// where the key is the base64 after "whsec_" in the endpoint's signing secret, and the
// svix-signature header lists space-separated "v1,<signature>" entries (several while the secret
// rotates). The timestamp is checked so that a captured delivery cannot be replayed later.

enum class SvixError {
  missing_header,         // svix-id, svix-timestamp or svix-signature is empty, or the timestamp
                          // is not an integer
  bad_secret,             // the configured secret is not "whsec_<base64>"
  stale_timestamp,        // further than the tolerance from now, in the past or the future
  no_matching_signature,  // no v1 signature matches: other secret, or altered id, time or body
};

inline constexpr std::int64_t kSvixToleranceSeconds = 5 * 60;

// `body` is the raw request body, byte for byte as received: re-serialised JSON does not verify.
std::expected<void, SvixError> verify_svix(std::string_view secret, std::string_view msg_id,
                                           std::string_view timestamp,
                                           std::string_view signature_header, std::string_view body,
                                           std::int64_t now_unix,
                                           std::int64_t tolerance_seconds = kSvixToleranceSeconds);

}  // namespace comptoir::accounts
