#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::accounts {

// API tokens read `cmp_<prefix>_<secret>`: the prefix (12 hex digits) finds the row, the secret
// (64 hex digits, 256 random bits from libsodium) proves possession. Only the SHA-256 of the secret
// is stored, so a leaked database does not leak usable tokens.
inline constexpr std::string_view kTokenTag = "cmp_";
inline constexpr std::size_t kPrefixLength = 12;
inline constexpr std::size_t kSecretLength = 64;

struct TokenParts {
  std::string prefix;
  std::string secret;
  std::string text() const;  // the whole token as the client sends it
};

TokenParts generate_token();
// nullopt unless `text` has exactly the token's shape.
std::optional<TokenParts> parse_token(std::string_view text);
// Lower-case hex SHA-256 of the secret.
std::string hash_secret(std::string_view secret);
// Constant-time comparison of two hashes, so response timing says nothing about how much of a
// guessed secret was right.
bool hashes_equal(std::string_view a, std::string_view b);

// The scopes a token can carry. catalog:write changes the catalog and sees unpublished products;
// catalog:read only sees unpublished products. orders:read sees orders, orders:write changes their
// state (paid, shipped…), orders:refund records refunds: the permissions of the same names.
inline constexpr std::string_view kScopeCatalogRead = "catalog:read";
inline constexpr std::string_view kScopeCatalogWrite = "catalog:write";
inline constexpr std::string_view kScopeOrdersRead = "orders:read";
inline constexpr std::string_view kScopeOrdersWrite = "orders:write";
inline constexpr std::string_view kScopeOrdersRefund = "orders:refund";
bool is_known_scope(std::string_view scope);
std::vector<std::string_view> known_scopes();

}  // namespace comptoir::accounts
