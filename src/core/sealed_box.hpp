#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "core/secret_keys.hpp"

namespace comptoir::core {

// Personal data at rest (addresses, phone numbers) is sealed with XChaCha20-Poly1305 under the
// active key of COMPTOIR_SECRET_KEYS. A sealed value is text that says how to open it:
//
//   v1.<key id>.<base64url, unpadded, of the 24-byte random nonce followed by the ciphertext>
//
// The key id is not secret and stays readable so `keys rotate` can find the values still sealed
// under an old key without trying to open them.
//
// Associated data binds a value to where it is stored. It is not encrypted nor kept in the sealed
// text; the caller passes the same string to `seal` and `open`, naming table, row and column, e.g.
// "addresses:42:line1". A ciphertext copied into another row or column then fails to open instead
// of showing one customer's address on another customer's order.

enum class OpenError {
  malformed,    // not a sealed value this version can read
  unknown_key,  // sealed under a key no longer in COMPTOIR_SECRET_KEYS
  forged,       // authentication failed: other associated data, or altered bytes
};

// Throws std::logic_error when `keys` is empty: the server does not start without a key.
std::string seal(const SecretKeys& keys, std::string_view plaintext,
                 std::string_view associated_data);
std::expected<std::string, OpenError> open(const SecretKeys& keys, std::string_view sealed,
                                           std::string_view associated_data);

// The id of the key that sealed the value, read from the "v1.<key id>." header alone: the payload
// is only checked by `open`. nullopt when there is no such header; the view points into `sealed`.
std::optional<std::string_view> sealed_key_id(std::string_view sealed);
// False for values sealed under an older key, which rotation re-seals, and for values without the
// header.
bool sealed_under_active_key(const SecretKeys& keys, std::string_view sealed);

}  // namespace comptoir::core
