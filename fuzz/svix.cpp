// Clerk's webhook signatures, as Svix makes them (accounts::verify_svix): the svix-signature
// header, the svix-timestamp and the body. Input: a signature header, '\n', a timestamp, '\n', a
// body; the secret is fixed (its decoding is a separate property below).
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "accounts/svix.hpp"
#include "fuzz/check.hpp"

namespace {

using comptoir::accounts::SvixError;
using comptoir::accounts::verify_svix;
using comptoir::fuzz::check;

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z
constexpr std::string_view kId = "msg_2pNrJ2QVGi4Qk9R0";
// "whsec_" + base64 of the 24 bytes "comptoir-fuzz-svix-key!!".
constexpr std::string_view kSecret = "whsec_Y29tcHRvaXItZnV6ei1zdml4LWtleSEh";
constexpr std::string_view kKey = "comptoir-fuzz-svix-key!!";

// "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>", signed here with OpenSSL's own base64, not
// the code under test's.
std::string svix_header(std::string_view timestamp, std::string_view body) {
  auto content = std::string(kId) + "." + std::string(timestamp) + "." + std::string(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), kKey.data(), static_cast<int>(kKey.size()),
       reinterpret_cast<const unsigned char*>(content.data()), content.size(), digest.data(),
       &length);
  std::array<unsigned char, 4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1> encoded{};
  auto written = EVP_EncodeBlock(encoded.data(), digest.data(), static_cast<int>(length));
  return "v1," + std::string(reinterpret_cast<const char*>(encoded.data()),
                             static_cast<std::size_t>(written));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto input = comptoir::fuzz::as_text(data, size);
  auto [header, rest] = comptoir::fuzz::split_at_newline(input);
  auto [timestamp, body] = comptoir::fuzz::split_at_newline(rest);

  // Whatever arrives: no crash, and only a genuine signature passes.
  auto verdict = verify_svix(kSecret, kId, timestamp, header, body, kNow);
  if (header.find("v1,") == std::string_view::npos)
    check(!verdict, "without a v1 entry nothing verifies");
  if (verdict)
    check(header.find(svix_header(timestamp, body)) != std::string_view::npos,
          "what verifies carries the genuine signature");

  // A genuine signature verifies, among other entries (rotation, other versions).
  const auto now = std::to_string(kNow - 10);
  auto genuine = svix_header(now, body);
  check(verify_svix(kSecret, kId, now, genuine, body, kNow).has_value(),
        "a genuine signature verifies");
  if (header.find(' ') == std::string_view::npos && !header.empty()) {
    auto listed = std::string(header) + " " + genuine;
    check(verify_svix(kSecret, kId, now, listed, body, kNow).has_value(),
          "other entries do not spoil a genuine one");
  }
  // Not for other bytes, another message id, or too late.
  if (!body.empty())
    check(!verify_svix(kSecret, kId, now, genuine, body.substr(1), kNow),
          "a signature does not cover other bytes");
  check(!verify_svix(kSecret, "msg_other", now, genuine, body, kNow),
        "a signature does not cover another message id");
  auto old = std::to_string(kNow - 3600);
  auto stale = verify_svix(kSecret, kId, old, svix_header(old, body), body, kNow);
  check(!stale && stale.error() == SvixError::stale_timestamp, "an old delivery is refused");

  // Any configured secret: a bad one is said so, never taken for a signature mismatch.
  auto as_secret = verify_svix(header, kId, now, genuine, body, kNow);
  if (!header.starts_with("whsec_"))
    check(!as_secret && as_secret.error() == SvixError::bad_secret,
          "a secret without whsec_ is refused as such");
  return 0;
}
