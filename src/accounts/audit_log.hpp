#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

namespace comptoir::db {
class Connection;
}

namespace comptoir::accounts {

// Who did something: a signed-in user, an API token, the system (CLI, jobs) or nobody yet (a
// failed login).
struct Actor {
  enum class Kind { user, api_token, system, anonymous };
  Kind kind = Kind::system;
  std::optional<std::int64_t> id{};

  static Actor system() { return {}; }
  static Actor user(std::int64_t user_id) { return {Kind::user, user_id}; }
  static Actor token(std::int64_t token_id) { return {Kind::api_token, token_id}; }
  static Actor anonymous() { return {Kind::anonymous, std::nullopt}; }
};

// One row of audit_log: every staff action and security event. `action` is dotted, e.g.
// "user.created", "user.role_changed", "login.failed"; `details` holds before/after values —
// never a secret, a password or a token.
struct AuditEntry {
  Actor actor{};
  std::string action{};
  std::string target_kind{};
  std::string target_id{};
  std::string ip{};          // "" when unknown
  std::string request_id{};  // "" outside a request
  boost::json::object details{};
};

// Appends in the caller's transaction, so an action and its record commit together.
void append_audit(db::Connection& conn, const AuditEntry& entry);

}  // namespace comptoir::accounts
