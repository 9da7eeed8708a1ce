#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/secret_keys.hpp"

namespace comptoir::db {
class Connection;
}

// What accounts hold of a person, for the privacy rights (src/privacy): their copy of it, and
// its erasure when they close their account. Both run on the caller's connection, inside the
// privacy module's transaction; neither ever reads a password hash, a TOTP secret, a recovery
// code or a session id out of the database.
namespace comptoir::accounts {

// {"account": {…}, "addresses": […], "sessions": […]}: the account's email, name, language,
// phone (opened), role, creation, verification and two-factor dates; its saved addresses, opened;
// its sessions (opened, last seen, expiry, address and browser; never their ids). Empty when
// there is no such user.
boost::json::object export_account(db::Connection& conn, const core::SecretKeys& keys,
                                   std::int64_t user_id);

// What erase_account removed, for the audit row (counts only: no personal data).
struct ErasedAccount {
  std::string email{};         // as it was, for the confirmation mail sent before it goes
  std::string display_name{};  // idem
  std::string locale{};
  std::int64_t sessions = 0;
  std::int64_t addresses = 0;
  std::int64_t email_tokens = 0;
  std::int64_t recovery_codes = 0;
  std::int64_t clerk_events = 0;
};

// Deletes the user's row and everything of accounts that hangs on it, explicitly (sessions,
// addresses, email tokens, recovery codes, the Clerk deliveries about it): the person can no
// longer sign in, and the address is free to register again. The audit log keeps its rows
// (append-only: they name the user by id). nullopt when there is no such user.
std::optional<ErasedAccount> erase_account(db::Connection& conn, std::int64_t user_id);

}  // namespace comptoir::accounts
