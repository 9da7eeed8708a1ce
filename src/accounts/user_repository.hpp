#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/user.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::accounts {

struct NewUser {
  std::string email{};  // normalized
  std::optional<std::string> password_hash{};
  std::string display_name{};
  std::string locale = "fr";
  std::int64_t role_id = 0;
};

// A user and their password hash (none for users known only through Clerk).
struct LoginCredentials {
  User user;
  std::optional<std::string> password_hash{};
};

// Who holds an email, for a registration: `awaiting_confirmation` when it is an earlier
// registration whose link was never followed (no password, unverified, not from Clerk), which a
// new registration may finish instead.
struct EmailHolder {
  User user;
  bool awaiting_confirmation = false;
};

// Which accounts a staff list shows (the back office's customers and staff).
enum class AccountState { any, active, disabled, unverified };
struct AccountFilter {
  std::string search{};  // part of the email or of the display name, any case
  std::string role{};    // a role's name; "" for every role
  AccountState state = AccountState::any;
  // Newest first by id: the last id of the previous page.
  std::optional<std::int64_t> before_id{};
  int limit = 50;  // 1 … 200
};

// SQL for users and roles, nothing else. Runs on the connection it is given, so the service
// decides the transaction.
class UserRepository {
 public:
  explicit UserRepository(db::Connection& conn) : conn_(conn) {}

  // nullopt when the email is taken (unique index on lower(email)).
  std::optional<std::int64_t> insert(const NewUser& user);
  std::optional<User> find(std::int64_t id);
  std::optional<User> find_by_email(std::string_view normalized_email);
  std::vector<User> list(std::optional<std::int64_t> role_id = std::nullopt);
  // At most filter.limit + 1 accounts (one more says another page exists).
  std::vector<User> search(const AccountFilter& filter);
  void set_role(std::int64_t user_id, std::int64_t role_id);
  // Disabled since now, or enabled again; the new disabled_at (ISO 8601), nullopt when enabled.
  std::optional<std::string> set_disabled(std::int64_t user_id, bool disabled);
  // One query, whether or not the email has an account: a login takes as long either way.
  std::optional<LoginCredentials> find_for_login(std::string_view normalized_email);
  std::optional<EmailHolder> find_holder(std::string_view normalized_email);
  // Locks the user's row until the transaction ends (one unlock mail per lock, however many
  // refused attempts race).
  void lock(std::int64_t user_id);
  std::optional<std::string> password_hash(std::int64_t user_id);
  void set_password_hash(std::int64_t user_id, std::string_view hash);
  // The password a registration chose, once its link is followed; false when the account has one
  // already or came from Clerk meanwhile.
  bool set_first_password_hash(std::int64_t user_id, std::string_view hash);
  // No password any more: a Clerk link takes over the account.
  void clear_password_hash(std::int64_t user_id);

  // Locks the rows of every owner's account until the transaction ends, so that two changes that
  // could each leave the shop without an owner (two owners demoting each other) run one after the
  // other, the second seeing the first.
  void lock_owners();
  // Owners whose accounts are not disabled, `user_id`'s own left out.
  std::int64_t active_owners_besides(std::int64_t user_id);

  std::optional<Role> find_role(std::string_view name);
  std::vector<Role> list_roles();

  // Signs the user out everywhere (role change, password reset): their sessions are deleted.
  std::size_t delete_sessions(std::int64_t user_id);
  // All but the session `keep_id_hash` (a password change keeps the browser that made it).
  std::size_t delete_sessions(std::int64_t user_id, std::string_view keep_id_hash);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::accounts
