#include "checkout/stripe_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>
#include <climits>
#include <string>

namespace comptoir::checkout {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string hex_hmac(std::string_view secret, std::string_view timestamp, std::string_view body) {
  if (secret.size() > INT_MAX) return {};
  std::string signed_payload;
  signed_payload.reserve(timestamp.size() + 1 + body.size());
  signed_payload.append(timestamp).append(".").append(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
            reinterpret_cast<const unsigned char*>(signed_payload.data()), signed_payload.size(),
            digest.data(), &length))
    return {};
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2U);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

std::vector<std::string_view> split_secrets(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto part = trim(text.substr(0, comma));
    if (!part.empty()) out.push_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::expected<void, SignatureError> verify_stripe_signature(
    const std::vector<std::string_view>& secrets, std::string_view header, std::string_view body,
    std::int64_t now_unix, std::int64_t tolerance_seconds) {
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = trim(header.substr(0, comma));
    if (item.starts_with("t="))
      timestamp = item.substr(2);
    else if (item.starts_with("v1="))
      signatures.push_back(item.substr(3));
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  std::int64_t time = 0;
  auto [end, error] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), time);
  if (timestamp.empty() || error != std::errc{} || end != timestamp.data() + timestamp.size() ||
      signatures.empty())
    return std::unexpected(SignatureError::missing_header);
  // A valid signature on a stale delivery is still refused: it may be a replay.
  bool matched = false;
  for (auto secret : secrets) {
    auto expected = hex_hmac(secret, timestamp, body);
    if (expected.empty()) continue;
    for (auto given : signatures)
      if (given.size() == expected.size() &&
          CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0)
        matched = true;
  }
  if (!matched) return std::unexpected(SignatureError::no_matching_secret);
  auto age = now_unix - time;
  if (age > tolerance_seconds || age < -tolerance_seconds)
    return std::unexpected(SignatureError::stale_timestamp);
  return {};
}

}  // namespace comptoir::checkout
