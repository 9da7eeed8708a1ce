#include "accounts/account_admin.hpp"

#include <boost/json/value.hpp>

#include <algorithm>

#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

// The newest successful password check of the account: its own index walk (audit_log_actor_idx
// gives the account's entries newest first), stopping at the first sign-in.
constexpr db::Query kLastSignIn{
    "account_admin_last_sign_in",
    "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
    "FROM audit_log WHERE actor_kind = 'user' AND actor_id = $1 AND action = 'login.succeeded' "
    "ORDER BY occurred_at DESC, id DESC LIMIT 1"};
constexpr db::Query kInvitation{
    "account_admin_invitation",
    "SELECT u.password_hash IS NULL AND u.clerk_user_id IS NULL AND EXISTS (SELECT 1 FROM "
    "role_permissions rp WHERE rp.role_id = u.role_id), (SELECT to_char(max(t.expires_at) AT "
    "TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM email_tokens t WHERE t.user_id = u.id "
    "AND t.purpose = 'invite' AND t.used_at IS NULL AND t.expires_at > now()) "
    "FROM users u WHERE u.id = $1"};
constexpr db::Query kOpenSessions{
    "account_admin_open_sessions",
    "SELECT count(*) FROM sessions WHERE user_id = $1 AND expires_at > now()"};

boost::json::value disabled_value(const std::optional<std::string>& at) {
  if (!at) return nullptr;
  return boost::json::value(*at);
}

}  // namespace

AccountPage AccountAdmin::list(const AccountFilter& filter) {
  AccountPage page;
  page.accounts = UserRepository(conn_).search(filter);
  auto limit = static_cast<std::size_t>(std::clamp(filter.limit, 1, 200));
  if (page.accounts.size() > limit) {
    page.accounts.resize(limit);
    page.next_before_id = page.accounts.back().id;
  }
  return page;
}

std::optional<AccountFacts> AccountAdmin::facts(std::int64_t user_id) {
  auto user = UserRepository(conn_).find(user_id);
  if (!user) return std::nullopt;
  AccountFacts out{.user = std::move(*user)};
  auto last = conn_.exec(kLastSignIn, user_id);
  if (!last.empty()) out.last_sign_in = last.get<std::string>(0, 0);
  out.open_sessions = conn_.exec(kOpenSessions, user_id).one<std::int64_t>();
  auto invitation = conn_.exec(kInvitation, user_id);
  out.awaits_invitation = invitation.get<bool>(0, 0);
  if (out.awaits_invitation)
    out.invitation_expires_at = invitation.get<std::optional<std::string>>(0, 1);
  return out;
}

std::vector<std::string> AccountAdmin::role_names() {
  std::vector<std::string> out;
  for (auto& role : UserRepository(conn_).list_roles()) out.push_back(std::move(role.name));
  return out;
}

std::optional<std::int64_t> AccountAdmin::id_of(std::string_view email) {
  auto user = UserRepository(conn_).find_by_email(normalize_email(email));
  if (!user) return std::nullopt;
  return user->id;
}

std::expected<StandingChange, StandingError> AccountAdmin::set_disabled(std::int64_t user_id,
                                                                        bool disabled,
                                                                        bool was_disabled,
                                                                        const AuditEntry& context) {
  UserRepository users(conn_);
  users.lock_owners();  // as StaffAdmin::change_role does: owners first, then the account
  users.lock(user_id);  // two staff members at once: the second one sees the first one's change
  auto user = users.find(user_id);
  if (!user) return std::unexpected(StandingError::not_found);
  if (context.actor.kind == Actor::Kind::user) {
    if (context.actor.id == user_id) return std::unexpected(StandingError::yourself);
    if (user->role == "owner") {
      auto actor = context.actor.id ? users.find(*context.actor.id) : std::nullopt;
      if (!actor || actor->role != "owner") return std::unexpected(StandingError::owner_only);
    }
  }
  if (user->disabled_at.has_value() != was_disabled) return std::unexpected(StandingError::stale);
  if (disabled == was_disabled) return StandingChange{.user = std::move(*user)};  // nothing to do
  if (disabled && user->role == "owner" && users.active_owners_besides(user_id) == 0)
    return std::unexpected(StandingError::last_owner);

  auto before = user->disabled_at;
  auto after = users.set_disabled(user_id, disabled);
  // Disabled sessions are dead on read already (SessionService::resume); deleting them makes the
  // end immediate and visible (the account page's list, the count in the back office).
  std::size_t ended = disabled ? users.delete_sessions(user_id) : 0;
  auto entry = context;
  entry.action = disabled ? "user.disabled" : "user.enabled";
  entry.target_kind = "user";
  entry.target_id = std::to_string(user_id);
  entry.details["before"] = boost::json::object{{"disabled_at", disabled_value(before)}};
  entry.details["after"] = boost::json::object{{"disabled_at", disabled_value(after)}};
  entry.details["sessions_ended"] = ended;
  append_audit(conn_, entry);
  return StandingChange{.user = *users.find(user_id), .sessions_ended = ended};
}

}  // namespace comptoir::accounts
