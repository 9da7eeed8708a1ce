#include "accounts/user_service.hpp"

#include <fmt/format.h>

#include "accounts/staff_admin.hpp"
#include "accounts/user_repository.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"

namespace comptoir::accounts {
namespace {

std::string_view problem_text(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::too_short:
      return "the password is too short (at least 10 characters)";
    case PasswordProblem::too_long:
      return "the password is too long (at most 128 characters)";
    case PasswordProblem::same_as_email:
      return "the password must not be the email address";
    case PasswordProblem::too_common:
      return "the password is one of the most common ones; choose another";
  }
  return "the password is refused";
}

UserError unknown_role(std::string_view role) {
  return {UserError::Code::unknown_role, fmt::format("no role named '{}'", role)};
}

}  // namespace

std::expected<User, UserError> UserService::create(const UserInput& input,
                                                   const AuditEntry& context) {
  auto email = normalize_email(input.email);
  if (!is_plausible_email(email))
    return std::unexpected(UserError{UserError::Code::invalid_email,
                                     fmt::format("'{}' is not an email address", email)});
  if (auto policy = check_password_policy(input.password, email, common_); !policy)
    return std::unexpected(UserError{UserError::Code::weak_password,
                                     std::string(problem_text(policy.error())), policy.error()});
  // Hashing takes most of a second by design: outside the transaction.
  auto hash = hash_password(input.password, limits_);

  return db_.transact_sync([&](db::Connection& conn) -> std::expected<User, UserError> {
    UserRepository users(conn);
    auto role = users.find_role(input.role);
    if (!role) return std::unexpected(unknown_role(input.role));
    auto id = users.insert({.email = email,
                            .password_hash = hash,
                            .display_name = input.display_name,
                            .locale = input.locale,
                            .role_id = role->id});
    if (!id)
      return std::unexpected(UserError{UserError::Code::email_taken,
                                       fmt::format("a user with the email {} exists", email)});
    auto entry = context;
    entry.action = "user.created";
    entry.target_kind = "user";
    entry.target_id = std::to_string(*id);
    entry.details["role"] = role->name;
    append_audit(conn, entry);
    return *users.find(*id);
  });
}

std::expected<User, UserError> UserService::set_role(std::string_view email, std::string_view role,
                                                     const AuditEntry& context) {
  auto normalized = normalize_email(email);
  return db_.transact_sync([&](db::Connection& conn) -> std::expected<User, UserError> {
    auto user = UserRepository(conn).find_by_email(normalized);
    if (!user)
      return std::unexpected(UserError{UserError::Code::not_found,
                                       fmt::format("no user with the email {}", normalized)});
    // The back office's rules (StaffAdmin), with the role as it is now as the one expected.
    auto changed = StaffAdmin(conn).change_role(user->id, role, user->role, context);
    if (changed) return std::move(changed->user);
    switch (changed.error()) {
      case StaffError::unknown_role:
        return std::unexpected(unknown_role(role));
      case StaffError::owner_only:
        return std::unexpected(
            UserError{UserError::Code::forbidden, "only an owner can make or unmake an owner"});
      case StaffError::last_owner:
        return std::unexpected(UserError{
            UserError::Code::forbidden,
            "the shop would have no active owner left: make another user an owner first"});
      default:
        return std::unexpected(
            UserError{UserError::Code::forbidden, "the user changed meanwhile: try again"});
    }
  });
}

std::expected<std::vector<User>, UserError> UserService::list(
    std::optional<std::string_view> role) {
  return db_.transact_sync(
      [&](db::Connection& conn) -> std::expected<std::vector<User>, UserError> {
        UserRepository users(conn);
        std::optional<std::int64_t> role_id;
        if (role) {
          auto found = users.find_role(*role);
          if (!found) return std::unexpected(unknown_role(*role));
          role_id = found->id;
        }
        return users.list(role_id);
      });
}

std::vector<Role> UserService::roles() {
  return db_.transact_sync([](db::Connection& conn) { return UserRepository(conn).list_roles(); });
}

}  // namespace comptoir::accounts
