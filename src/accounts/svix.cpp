#include "accounts/svix.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <charconv>
#include <climits>
#include <optional>
#include <ranges>
#include <string>
#include <vector>

namespace comptoir::accounts {
namespace {

constexpr std::string_view kSecretTag = "whsec_";
constexpr std::string_view kVersionTag = "v1,";

std::optional<std::vector<unsigned char>> decode_secret(std::string_view secret) {
  if (!secret.starts_with(kSecretTag)) return std::nullopt;
  secret.remove_prefix(kSecretTag.size());
  std::vector<unsigned char> key(secret.size() / 4 * 3 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(key.data(), key.size(), secret.data(), secret.size(), nullptr, &length,
                        &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != secret.data() + secret.size() || length == 0 || length > INT_MAX)
    return std::nullopt;
  key.resize(length);
  return key;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Standard base64 with padding, as Svix writes it in svix-signature.
std::string expected_signature(const std::vector<unsigned char>& key, std::string_view msg_id,
                               std::string_view timestamp, std::string_view body) {
  std::string signed_content;
  signed_content.reserve(msg_id.size() + timestamp.size() + body.size() + 2);
  signed_content.append(msg_id).append(".").append(timestamp).append(".").append(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_length = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(signed_content.data()), signed_content.size(),
            digest.data(), &digest_length))
    return {};
  std::string encoded(sodium_base64_ENCODED_LEN(digest_length, sodium_base64_VARIANT_ORIGINAL),
                      '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), digest.data(), digest_length,
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.pop_back();  // the terminating NUL
  return encoded;
}

}  // namespace

std::expected<void, SvixError> verify_svix(std::string_view secret, std::string_view msg_id,
                                           std::string_view timestamp,
                                           std::string_view signature_header, std::string_view body,
                                           std::int64_t now_unix, std::int64_t tolerance_seconds) {
  auto key = decode_secret(secret);
  if (!key) return std::unexpected(SvixError::bad_secret);
  if (msg_id.empty() || timestamp.empty() || signature_header.empty())
    return std::unexpected(SvixError::missing_header);
  auto sent_at = parse_timestamp(timestamp);
  if (!sent_at) return std::unexpected(SvixError::missing_header);
  if (*sent_at < now_unix - tolerance_seconds || *sent_at > now_unix + tolerance_seconds)
    return std::unexpected(SvixError::stale_timestamp);

  auto expected = expected_signature(*key, msg_id, timestamp, body);
  if (expected.empty()) return std::unexpected(SvixError::no_matching_signature);
  for (auto part : signature_header | std::views::split(' ')) {
    std::string_view entry(part.begin(), part.end());
    // Entries of other versions are skipped: Svix may add schemes that this code cannot check.
    if (!entry.starts_with(kVersionTag)) continue;
    entry.remove_prefix(kVersionTag.size());
    if (entry.size() == expected.size() &&
        CRYPTO_memcmp(entry.data(), expected.data(), expected.size()) == 0)
      return {};
  }
  return std::unexpected(SvixError::no_matching_signature);
}

}  // namespace comptoir::accounts
