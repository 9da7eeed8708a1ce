#include "accounts/staff_admin.hpp"

#include "accounts/credential_repository.hpp"
#include "accounts/mailed_token.hpp"
#include "accounts/user_repository.hpp"
#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::string_view kOwner = "owner";

// A staff account waiting for its invitation to be followed: no password (nor Clerk).
constexpr db::Query kAwaitsInvitation{
    "staff_admin_awaits_invitation",
    "SELECT password_hash IS NULL AND clerk_user_id IS NULL AND disabled_at IS NULL "
    "FROM users WHERE id = $1"};

AuditEntry entry_of(const AuditEntry& context, std::string action, std::int64_t user_id) {
  auto entry = context;
  entry.action = std::move(action);
  entry.target_kind = "user";
  entry.target_id = std::to_string(user_id);
  return entry;
}

}  // namespace

bool StaffAdmin::acts_as_owner(const Actor& actor) {
  if (actor.kind == Actor::Kind::system) return true;
  if (actor.kind != Actor::Kind::user || !actor.id) return false;
  auto user = UserRepository(conn_).find(*actor.id);
  return user && user->role == kOwner && !user->disabled_at;
}

std::vector<std::string> StaffAdmin::staff_roles() {
  std::vector<std::string> out;
  for (auto& role : UserRepository(conn_).list_roles())
    if (!role.permissions.empty()) out.push_back(std::move(role.name));
  return out;
}

std::expected<RoleChange, StaffError> StaffAdmin::change_role(std::int64_t user_id,
                                                              std::string_view role,
                                                              std::string_view expected,
                                                              const AuditEntry& context) {
  UserRepository users(conn_);
  // Owners first, then the account, always in this order: two owners demoting each other wait
  // for one another, and the second sees the first one's change.
  users.lock_owners();
  users.lock(user_id);
  auto user = users.find(user_id);
  if (!user) return std::unexpected(StaffError::not_found);
  if (context.actor.kind == Actor::Kind::user && context.actor.id == user_id)
    return std::unexpected(StaffError::yourself);
  auto next = users.find_role(role);
  if (!next) return std::unexpected(StaffError::unknown_role);
  if ((user->role == kOwner || next->name == kOwner) && !acts_as_owner(context.actor))
    return std::unexpected(StaffError::owner_only);
  if (user->role != expected) return std::unexpected(StaffError::stale);
  if (user->role == next->name) return RoleChange{.user = std::move(*user)};
  if (user->role == kOwner && !user->disabled_at && users.active_owners_besides(user_id) == 0)
    return std::unexpected(StaffError::last_owner);

  users.set_role(user_id, next->id);
  auto ended = users.delete_sessions(user_id);
  auto entry = entry_of(context, "user.role_changed", user_id);
  entry.details["before"] = user->role;
  entry.details["after"] = next->name;
  entry.details["sessions_ended"] = ended;
  append_audit(conn_, entry);
  return RoleChange{.user = *users.find(user_id), .changed = true, .sessions_ended = ended};
}

std::expected<std::size_t, StaffError> StaffAdmin::sign_out(std::int64_t user_id,
                                                            std::optional<std::string_view> keep,
                                                            const AuditEntry& context) {
  UserRepository users(conn_);
  users.lock(user_id);
  auto user = users.find(user_id);
  if (!user) return std::unexpected(StaffError::not_found);
  const bool own = context.actor.kind == Actor::Kind::user && context.actor.id == user_id;
  if (user->role == kOwner && !own && !acts_as_owner(context.actor))
    return std::unexpected(StaffError::owner_only);
  auto ended = own && keep ? users.delete_sessions(user_id, *keep) : users.delete_sessions(user_id);
  auto entry = entry_of(context, "user.signed_out", user_id);
  entry.details["sessions_ended"] = ended;
  append_audit(conn_, entry);
  return ended;
}

std::expected<User, StaffError> StaffAdmin::invite(const Invitee& invitee,
                                                   std::string_view base_url,
                                                   const AuditEntry& context) {
  auto email = normalize_email(invitee.email);
  if (!is_plausible_email(email)) return std::unexpected(StaffError::invalid_email);
  UserRepository users(conn_);
  auto role = users.find_role(invitee.role);
  if (!role) return std::unexpected(StaffError::unknown_role);
  if (role->permissions.empty()) return std::unexpected(StaffError::not_staff);
  if (role->name == kOwner && !acts_as_owner(context.actor))
    return std::unexpected(StaffError::owner_only);
  auto id = users.insert({.email = email,
                          .display_name = invitee.display_name,
                          .locale = std::string(core::code(invitee.locale)),
                          .role_id = role->id});
  if (!id) return std::unexpected(StaffError::email_taken);
  auto user = *users.find(*id);
  mail_token(conn_, user, EmailTokenPurpose::invite, base_url, invitee.locale);
  auto entry = entry_of(context, "user.invited", *id);
  entry.details["email"] = email;
  entry.details["role"] = role->name;
  entry.details["locale"] = core::code(invitee.locale);
  append_audit(conn_, entry);
  return user;
}

std::expected<User, StaffError> StaffAdmin::invite_again(std::int64_t user_id,
                                                         std::string_view base_url,
                                                         const AuditEntry& context) {
  UserRepository users(conn_);
  users.lock(user_id);
  auto user = users.find(user_id);
  if (!user) return std::unexpected(StaffError::not_found);
  if (!user->is_staff() || !conn_.exec(kAwaitsInvitation, user_id).one<bool>())
    return std::unexpected(StaffError::not_invited);
  if (user->role == kOwner && !acts_as_owner(context.actor))
    return std::unexpected(StaffError::owner_only);
  auto locale = core::locale_from_code(user->locale).value_or(core::Locale::fr);
  mail_token(conn_, *user, EmailTokenPurpose::invite, base_url, locale);
  auto entry = entry_of(context, "user.invited", user_id);
  entry.details["email"] = user->email;
  entry.details["role"] = user->role;
  entry.details["locale"] = user->locale;
  entry.details["again"] = true;
  append_audit(conn_, entry);
  return std::move(*user);
}

}  // namespace comptoir::accounts
