#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit_log.hpp"
#include "accounts/user.hpp"
#include "accounts/user_repository.hpp"

namespace comptoir::db {
class Connection;
}

// What staff read and change of accounts (the back office's customers screens): the list, one
// account's facts, and its standing (disabled or not). On the caller's connection: reads share
// its snapshot, a change joins its transaction.
namespace comptoir::accounts {

struct AccountPage {
  std::vector<User> accounts{};
  std::optional<std::int64_t> next_before_id{};  // set when an older page exists
};

// One account as staff see it.
struct AccountFacts {
  User user{};
  std::optional<std::string> last_sign_in{};  // ISO 8601, UTC; from the log (login.succeeded)
  std::int64_t open_sessions = 0;             // signed-in sessions not expired
  // A staff account whose invitation was not followed yet (no password): when its newest link
  // stops working (ISO 8601, UTC), nullopt when no link is live any more.
  bool awaits_invitation = false;
  std::optional<std::string> invitation_expires_at{};
};

// Why a change of standing was refused; nothing was written.
enum class StandingError {
  not_found,
  yourself,    // staff never disable (nor enable) their own account
  owner_only,  // only an owner changes an owner's standing
  stale,       // the account was not in the state the asker saw
  last_owner,  // the shop would be left without an active owner
};

struct StandingChange {
  User user{};  // as it is now
  std::size_t sessions_ended = 0;
};

class AccountAdmin {
 public:
  explicit AccountAdmin(db::Connection& conn) : conn_(conn) {}

  AccountPage list(const AccountFilter& filter);
  std::optional<AccountFacts> facts(std::int64_t user_id);
  std::vector<std::string> role_names();  // built-in ones first
  // The account that holds this email address (any case), if one does.
  std::optional<std::int64_t> id_of(std::string_view email);

  // Disables the account (`disabled`) or enables it again, when it is as the asker saw it
  // (`was_disabled`). Disabling ends every session of the account at once (and signing in is
  // refused while it lasts). `context` names who asks (a staff member: never themselves, and an
  // owner's account only when they are an owner; the system: any, but never the last active
  // owner's), from where and in which
  // request; the change is audited (user.disabled / user.enabled) with disabled_at before and
  // after and the sessions ended. Inside the caller's transaction.
  std::expected<StandingChange, StandingError> set_disabled(std::int64_t user_id, bool disabled,
                                                            bool was_disabled,
                                                            const AuditEntry& context);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::accounts
