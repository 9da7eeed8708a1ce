// The Stripe-Signature header of webhook deliveries (checkout::verify_stripe_signature) and the
// STRIPE_WEBHOOK_SECRET list (checkout::split_secrets). Input: a header, '\n', a body.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checkout/stripe_signature.hpp"
#include "fuzz/check.hpp"

namespace {

using comptoir::checkout::SignatureError;
using comptoir::fuzz::check;

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z
const std::vector<std::string_view> kSecrets{"whsec_current_test_secret", "whsec_previous"};

// What Stripe sends for `body` at `timestamp`, signed here with OpenSSL directly.
std::string stripe_header(std::int64_t timestamp, std::string_view body) {
  auto payload = std::to_string(timestamp) + "." + std::string(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), kSecrets[0].data(), static_cast<int>(kSecrets[0].size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest.data(),
       &length);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    static constexpr std::string_view kHex = "0123456789abcdef";
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return "t=" + std::to_string(timestamp) + ",v1=" + hex;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto input = comptoir::fuzz::as_text(data, size);
  auto [header, body] = comptoir::fuzz::split_at_newline(input);

  auto verdict = comptoir::checkout::verify_stripe_signature(kSecrets, header, body, kNow);
  if (header.find("v1=") == std::string_view::npos || header.find("t=") == std::string_view::npos)
    check(!verdict && verdict.error() == SignatureError::missing_header,
          "without t= and v1= the header is missing");

  // A genuine signature verifies, whatever other members follow it (unless they bring a t=).
  auto genuine = stripe_header(kNow - 30, body);
  check(comptoir::checkout::verify_stripe_signature(kSecrets, genuine, body, kNow).has_value(),
        "a genuine signature verifies");
  if (header.find("t=") == std::string_view::npos) {
    auto extended = genuine + "," + std::string(header);
    check(comptoir::checkout::verify_stripe_signature(kSecrets, extended, body, kNow).has_value(),
          "extra members do not spoil a genuine signature");
  }
  // The same signature on other bytes, or too old, is refused.
  if (!body.empty()) {
    auto other = std::string(body.substr(1));
    check(!comptoir::checkout::verify_stripe_signature(kSecrets, genuine, other, kNow),
          "a signature does not cover other bytes");
  }
  auto stale = comptoir::checkout::verify_stripe_signature(
      kSecrets, stripe_header(kNow - 3600, body), body, kNow);
  check(!stale && stale.error() == SignatureError::stale_timestamp, "an old delivery is refused");

  for (auto secret : comptoir::checkout::split_secrets(input)) {
    check(!secret.empty(), "no empty secret");
    check(secret.find(',') == std::string_view::npos, "one secret per comma");
    check(secret.front() != ' ' && secret.front() != '\t' && secret.back() != ' ' &&
              secret.back() != '\t',
          "secrets are trimmed");
  }
  return 0;
}
