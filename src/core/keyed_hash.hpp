#pragma once

#include <array>
#include <string_view>

#include "core/secret_keys.hpp"

namespace comptoir::core {

inline constexpr std::size_t kKeyedHashBytes = 32;

// HMAC-SHA-256 of `message` under a subkey derived from `key` for `context` (exactly 8 characters,
// one per use: "orderlnk", "sesscsrf"…), never under the key itself, so a tag made for one purpose
// is worthless for another and the encryption key is never used to sign.
std::array<unsigned char, kKeyedHashBytes> keyed_hash(const SecretKey& key,
                                                      std::string_view context,
                                                      std::string_view message);

}  // namespace comptoir::core
