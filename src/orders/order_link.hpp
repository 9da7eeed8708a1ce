#pragma once

#include <string>
#include <string_view>

#include "core/secret_keys.hpp"

// A guest has no account to see their order in: their confirmation mail links to the order page
// with a token that proves the link came from us. token = "<key id>.<base64url HMAC-SHA256>" of
// the order number, under a key derived from a COMPTOIR_SECRET_KEYS key (never the encryption key
// itself), so links keep working while keys rotate and stop when a key is removed.
namespace comptoir::orders {

std::string order_token(const core::SecretKeys& keys, std::string_view number);
bool verify_order_token(const core::SecretKeys& keys, std::string_view number,
                        std::string_view token);

}  // namespace comptoir::orders
