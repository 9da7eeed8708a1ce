#include "core/keyed_hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace comptoir::core {

static_assert(kKeyedHashBytes == crypto_auth_hmacsha256_BYTES);

std::array<unsigned char, kKeyedHashBytes> keyed_hash(const SecretKey& key,
                                                      std::string_view context,
                                                      std::string_view message) {
  if (context.size() != crypto_kdf_CONTEXTBYTES)
    throw std::invalid_argument("keyed_hash: the context must be 8 characters");
  char ctx[crypto_kdf_CONTEXTBYTES];
  std::ranges::copy(context, ctx);
  std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> subkey{};
  crypto_kdf_derive_from_key(subkey.data(), subkey.size(), 1, ctx, key.bytes.data());
  std::array<unsigned char, kKeyedHashBytes> mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), subkey.data());
  sodium_memzero(subkey.data(), subkey.size());
  return mac;
}

}  // namespace comptoir::core
