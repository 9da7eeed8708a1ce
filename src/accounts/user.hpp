#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace comptoir::accounts {

// A named set of permissions (migrations/0003_accounts.sql seeds the built-in ones).
struct Role {
  std::int64_t id = 0;
  std::string name{};
  std::string description{};
  bool built_in = false;
  std::vector<std::string> permissions{};  // sorted
};

struct User {
  std::int64_t id = 0;
  std::string email{};
  std::string display_name{};
  std::string locale{};  // "fr" | "en"
  std::string role{};
  std::vector<std::string> permissions{};  // the role's, sorted
  bool email_verified = false;
  bool totp_enabled = false;
  std::string created_at{};  // ISO 8601 UTC
  std::optional<std::string> disabled_at{};

  // Holds any permission at all: staff sessions are shorter and need 2FA (accounts issue).
  bool is_staff() const { return !permissions.empty(); }
  bool can(std::string_view permission) const;
};

// "  Marie@Example.ORG " → "marie@example.org". Emails compare case-insensitively everywhere
// (the unique index is on lower(email)); storing them lowered keeps lookups on one form.
std::string normalize_email(std::string_view email);
// A plausible address: one '@', a non-empty local part, a dotted domain, no spaces or controls,
// at most 254 bytes (RFC 5321). Deliverability is what the verification email proves.
bool is_plausible_email(std::string_view email);

}  // namespace comptoir::accounts
