#include "accounts/api_token.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/random.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::array kScopes{kScopeCatalogRead, kScopeCatalogWrite, kScopeOrdersRead,
                             kScopeOrdersWrite, kScopeOrdersRefund};

bool is_lower_hex(std::string_view text) {
  return std::ranges::all_of(
      text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string TokenParts::text() const {
  return std::string(kTokenTag) + prefix + "_" + secret;
}

TokenParts generate_token() {
  return {core::random_hex(kPrefixLength / 2), core::random_hex(kSecretLength / 2)};
}

std::optional<TokenParts> parse_token(std::string_view text) {
  if (text.size() != kTokenTag.size() + kPrefixLength + 1 + kSecretLength) return std::nullopt;
  if (!text.starts_with(kTokenTag)) return std::nullopt;
  text.remove_prefix(kTokenTag.size());
  auto prefix = text.substr(0, kPrefixLength);
  if (text[kPrefixLength] != '_') return std::nullopt;
  auto secret = text.substr(kPrefixLength + 1);
  if (!is_lower_hex(prefix) || !is_lower_hex(secret)) return std::nullopt;
  return TokenParts{std::string(prefix), std::string(secret)};
}

std::string hash_secret(std::string_view secret) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool hashes_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool is_known_scope(std::string_view scope) {
  return std::ranges::find(kScopes, scope) != kScopes.end();
}

std::vector<std::string_view> known_scopes() {
  return {kScopes.begin(), kScopes.end()};
}

}  // namespace comptoir::accounts
