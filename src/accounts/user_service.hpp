#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/audit_log.hpp"
#include "accounts/password.hpp"
#include "accounts/user.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

// What a caller can get wrong when creating or changing a user. `message` is for an operator
// (CLI) and never quotes the password.
struct UserError {
  enum class Code { invalid_email, email_taken, unknown_role, weak_password, not_found, forbidden };
  Code code;
  std::string message;
  std::optional<PasswordProblem> password_problem{};
};

struct UserInput {
  std::string email{};
  std::string password{};
  std::string role = "customer";
  std::string display_name{};
  std::string locale = "fr";
};

// Users and their roles. Every change runs in one transaction with its audit record.
class UserService {
 public:
  UserService(db::Database& db, const CommonPasswords& common, PasswordLimits limits)
      : db_(db), common_(common), limits_(limits) {}

  // Blocking (CLI, tests); the web flows of the accounts work add awaitable twins.
  std::expected<User, UserError> create(const UserInput& input, const AuditEntry& context);
  // Changing a role signs the user out everywhere: a session never outlives the privileges it
  // was opened with. Only an `owner` actor, or the system, makes or unmakes an owner, and the
  // last active owner stays one (StaffAdmin::change_role's rules).
  std::expected<User, UserError> set_role(std::string_view email, std::string_view role,
                                          const AuditEntry& context);
  std::expected<std::vector<User>, UserError> list(std::optional<std::string_view> role = {});
  std::vector<Role> roles();

 private:
  db::Database& db_;
  const CommonPasswords& common_;
  PasswordLimits limits_;
};

}  // namespace comptoir::accounts
