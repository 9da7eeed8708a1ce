#include "core/sealed_box.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace comptoir::core {
namespace {

constexpr std::string_view kVersionTag = "v1.";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

static_assert(kSecretKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

void init_sodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium failed to initialise");
}

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

struct SealedParts {
  std::string_view key_id;
  std::string_view payload;  // base64url of nonce + ciphertext
};

std::optional<SealedParts> split(std::string_view sealed) {
  if (!sealed.starts_with(kVersionTag)) return std::nullopt;
  sealed.remove_prefix(kVersionTag.size());
  auto dot = sealed.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == sealed.size()) return std::nullopt;
  return SealedParts{sealed.substr(0, dot), sealed.substr(dot + 1)};
}

std::optional<std::vector<unsigned char>> decode(std::string_view payload) {
  std::vector<unsigned char> raw(payload.size() / 4 * 3 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(raw.data(), raw.size(), payload.data(), payload.size(), nullptr, &length,
                        &end, kBase64Variant) != 0 ||
      end != payload.data() + payload.size())
    return std::nullopt;
  raw.resize(length);
  return raw;
}

}  // namespace

std::string seal(const SecretKeys& keys, std::string_view plaintext,
                 std::string_view associated_data) {
  if (keys.empty()) throw std::logic_error("sealing personal data needs a secret key");
  init_sodium();
  const auto& key = keys.active();
  std::vector<unsigned char> raw(kNonceBytes + plaintext.size() + kTagBytes);
  randombytes_buf(raw.data(), kNonceBytes);
  unsigned long long ciphertext_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      raw.data() + kNonceBytes, &ciphertext_length, bytes_of(plaintext), plaintext.size(),
      bytes_of(associated_data), associated_data.size(), nullptr, raw.data(), key.bytes.data());
  std::string encoded(sodium_base64_ENCODED_LEN(raw.size(), kBase64Variant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(), kBase64Variant);
  encoded.pop_back();  // the terminating NUL
  std::string sealed;
  sealed.reserve(kVersionTag.size() + key.id.size() + 1 + encoded.size());
  sealed.append(kVersionTag).append(key.id).append(".").append(encoded);
  return sealed;
}

std::expected<std::string, OpenError> open(const SecretKeys& keys, std::string_view sealed,
                                           std::string_view associated_data) {
  init_sodium();
  auto parts = split(sealed);
  if (!parts) return std::unexpected(OpenError::malformed);
  auto raw = decode(parts->payload);
  if (!raw || raw->size() < kNonceBytes + kTagBytes) return std::unexpected(OpenError::malformed);
  const auto* key = keys.find(parts->key_id);
  if (!key) return std::unexpected(OpenError::unknown_key);
  std::string plaintext(raw->size() - kNonceBytes - kTagBytes, '\0');
  unsigned long long plaintext_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plaintext.data()), &plaintext_length, nullptr,
          raw->data() + kNonceBytes, raw->size() - kNonceBytes, bytes_of(associated_data),
          associated_data.size(), raw->data(), key->bytes.data()) != 0)
    return std::unexpected(OpenError::forged);
  return plaintext;
}

std::optional<std::string_view> sealed_key_id(std::string_view sealed) {
  auto parts = split(sealed);
  if (!parts) return std::nullopt;
  return parts->key_id;
}

bool sealed_under_active_key(const SecretKeys& keys, std::string_view sealed) {
  auto id = sealed_key_id(sealed);
  return id && !keys.empty() && *id == keys.active().id;
}

}  // namespace comptoir::core
