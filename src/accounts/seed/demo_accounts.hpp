#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/secret_keys.hpp"

namespace comptoir::db {
class Connection;
}

// The demonstration shop's people, for development only (`comptoir seed --demo` refuses them in
// production): one staff account per built-in role, with a known password and a known TOTP
// secret (two-factor is already enrolled, as staff must), and one customer. scripts/dev prints
// them, so the back office can be tried on the first run.
namespace comptoir::accounts::seed {

struct DemoAccount {
  std::string_view role;
  std::string_view email;
  std::string_view password;
  std::string_view totp_secret;  // base32; empty for the customer (no two-factor)
  std::string_view display_name;
  std::string_view locale;
};

const std::vector<DemoAccount>& demo_accounts();

// Creates the accounts that do not exist yet (by email), verified, TOTP sealed under `keys`'
// active key. Returns how many were created. On the caller's connection and transaction.
int seed_demo_accounts(db::Connection& conn, const core::SecretKeys& keys);

}  // namespace comptoir::accounts::seed
