#pragma once

#include <array>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::core {

inline constexpr std::size_t kSecretKeyBytes = 32;

struct SecretKey {
  std::string id;
  std::array<unsigned char, kSecretKeyBytes> bytes{};
};

// COMPTOIR_SECRET_KEYS: "id:base64key,id2:base64key2". The first key is active (encrypts, signs);
// the others are still accepted (decrypt, verify) so keys can rotate without downtime.
class SecretKeys {
 public:
  SecretKeys() = default;
  explicit SecretKeys(std::vector<SecretKey> keys) : keys_(std::move(keys)) {}

  bool empty() const { return keys_.empty(); }
  std::size_t size() const { return keys_.size(); }
  const SecretKey& active() const { return keys_.front(); }
  const SecretKey* find(std::string_view id) const;
  const std::vector<SecretKey>& all() const { return keys_; }

 private:
  std::vector<SecretKey> keys_;
};

// Parses the variable; the error says what is wrong without quoting any key material.
std::expected<SecretKeys, std::string> parse_secret_keys(std::string_view text);

}  // namespace comptoir::core
