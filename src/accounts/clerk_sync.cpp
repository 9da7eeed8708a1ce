#include "accounts/clerk_sync.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "accounts/audit_log.hpp"
#include "accounts/credential_repository.hpp"
#include "accounts/user.hpp"
#include "accounts/user_repository.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"

namespace comptoir::accounts {
namespace {

namespace json = boost::json;

constexpr db::Query kInsertEvent{
    "clerk_insert_event",
    "INSERT INTO clerk_events (svix_id, type, payload) VALUES ($1, $2, $3::jsonb) "
    "ON CONFLICT (svix_id) DO NOTHING RETURNING svix_id"};
constexpr db::Query kMarkApplied{
    "clerk_mark_applied",
    "UPDATE clerk_events SET applied_at = now(), last_error = NULL WHERE svix_id = $1"};
constexpr db::Query kMarkRejected{"clerk_mark_rejected",
                                  "UPDATE clerk_events SET last_error = $2 WHERE svix_id = $1"};
// Locked, so two deliveries about one user apply one after the other.
constexpr db::Query kSelectLinked{
    "clerk_select_linked_user",
    "SELECT u.id, r.name, coalesce(u.clerk_updated_at, 0), u.disabled_at IS NOT NULL "
    "FROM users u JOIN roles r ON r.id = u.role_id WHERE u.clerk_user_id = $1 FOR UPDATE OF u"};
constexpr db::Query kSelectByEmail{
    "clerk_select_user_by_email",
    "SELECT u.id, coalesce(u.clerk_user_id, ''), r.name, u.email_verified_at IS NOT NULL, "
    "u.password_hash IS NOT NULL FROM users u JOIN roles r ON r.id = u.role_id "
    "WHERE lower(u.email) = lower($1) FOR UPDATE OF u"};
constexpr db::Query kInsertUser{
    "clerk_insert_user",
    "INSERT INTO users (email, email_verified_at, display_name, role_id, clerk_user_id, "
    "clerk_updated_at) VALUES ($1, CASE WHEN $2::boolean THEN now() END, $3, $4, $5, $6) "
    "RETURNING id"};
constexpr db::Query kUpdateUser{
    "clerk_update_user",
    // An event without a primary address keeps the one we have (users.email cannot be empty).
    "UPDATE users SET email = coalesce(nullif($2, ''), email), email_verified_at = CASE "
    "WHEN $2 = '' THEN email_verified_at WHEN $3::boolean THEN coalesce(email_verified_at, now()) "
    "END, display_name = $4, role_id = $5, "
    "clerk_user_id = $6, clerk_updated_at = $7, updated_at = now() WHERE id = $1"};
constexpr db::Query kDisableUser{
    "clerk_disable_user",
    "UPDATE users SET disabled_at = coalesce(disabled_at, now()), updated_at = now() "
    "WHERE clerk_user_id = $1 RETURNING id"};

const json::value* member(const json::value& value, std::string_view key) {
  if (!value.is_object()) return nullptr;
  return value.as_object().if_contains(key);
}

std::string string_member(const json::value& value, std::string_view key) {
  const auto* found = member(value, key);
  return found && found->is_string() ? std::string(found->as_string()) : std::string{};
}

struct Applied {
  ClerkOutcome outcome;
  std::string error{};  // for rejected
};

class Applier {
 public:
  Applier(db::Connection& conn, std::string_view svix_id) : conn_(conn), svix_id_(svix_id) {}

  Applied upsert(const ClerkUser& clerk, bool created) {
    UserRepository users(conn_);
    auto role_name = clerk.role;
    auto role = role_name.empty() ? std::nullopt : users.find_role(role_name);
    if (!role) role = users.find_role("customer");

    auto linked = conn_.exec(kSelectLinked, clerk.id);
    if (!linked.empty()) {
      auto id = linked.get<std::int64_t>(0, 0);
      auto previous_role = linked.get<std::string>(0, 1);
      if (linked.get<std::int64_t>(0, 2) > clerk.updated_at) return {ClerkOutcome::ignored};
      if (linked.get<bool>(0, 3)) return {ClerkOutcome::ignored};  // deleted in Clerk: stays off
      if (auto clash = email_owner(clerk.email); clash && clash != id)
        return {ClerkOutcome::rejected, "the email belongs to another local user"};
      write(id, clerk, role->id);
      if (previous_role != role->name) users.delete_sessions(id);
      audit(created ? "clerk.user_created" : "clerk.user_updated", id, clerk, previous_role,
            role->name);
      return {ClerkOutcome::applied};
    }

    if (clerk.email.empty()) return {ClerkOutcome::rejected, "the user has no email address"};
    auto same_email = conn_.exec(kSelectByEmail, clerk.email);
    if (!same_email.empty()) {
      // An account made here first: Clerk may take it over only for an address it verified,
      // whether or not the local account verified it (a local check says nothing about who
      // holds the Clerk identity).
      if (!clerk.email_verified)
        return {ClerkOutcome::rejected, "the email of a local user is unverified in Clerk"};
      if (!same_email.get<std::string>(0, 1).empty())
        return {ClerkOutcome::rejected, "the email belongs to another Clerk user"};
      auto id = same_email.get<std::int64_t>(0, 0);
      auto previous_role = same_email.get<std::string>(0, 2);
      bool local_verified = same_email.get<bool>(0, 3);
      bool had_password = same_email.get<bool>(0, 4);
      write(id, clerk, role->id);
      auto ended = take_over(id, local_verified);
      auto entry = audit_entry("clerk.user_linked", id, clerk, previous_role, role->name);
      entry.details["local_email_verified"] = local_verified;
      entry.details["password_cleared"] = had_password;
      entry.details["sessions_ended"] = static_cast<std::int64_t>(ended);
      append_audit(conn_, entry);
      return {ClerkOutcome::applied};
    }
    auto id = conn_
                  .exec(kInsertUser, clerk.email, clerk.email_verified, clerk.display_name,
                        role->id, clerk.id, clerk.updated_at)
                  .one<std::int64_t>();
    audit("clerk.user_created", id, clerk, "", role->name);
    return {ClerkOutcome::applied};
  }

  Applied remove(std::string_view clerk_id) {
    auto disabled = conn_.exec(kDisableUser, clerk_id);
    if (disabled.empty()) return {ClerkOutcome::ignored};
    auto id = disabled.get<std::int64_t>(0, 0);
    UserRepository(conn_).delete_sessions(id);
    AuditEntry entry{.actor = Actor::system(),
                     .action = "clerk.user_deleted",
                     .target_kind = "user",
                     .target_id = std::to_string(id)};
    entry.details["clerk_user_id"] = clerk_id;
    entry.details["svix_id"] = svix_id_;
    append_audit(conn_, entry);
    return {ClerkOutcome::applied};
  }

 private:
  std::optional<std::int64_t> email_owner(std::string_view email) {
    if (email.empty()) return std::nullopt;
    auto found = conn_.exec(kSelectByEmail, email);
    if (found.empty()) return std::nullopt;
    return found.get<std::int64_t>(0, 0);
  }

  void write(std::int64_t id, const ClerkUser& clerk, std::int64_t role_id) {
    conn_.exec(kUpdateUser, id, clerk.email, clerk.email_verified, clerk.display_name, role_id,
               clerk.id, clerk.updated_at);
  }

  // What the local account held before Clerk proved who owns the address may be someone else's:
  // the account could have been registered with this address by anybody. Its password, its
  // sessions and its pending links (a registration's password waits in one) go; so does its 2FA
  // when the address was never verified here. Returns the number of sessions ended.
  std::size_t take_over(std::int64_t id, bool local_verified) {
    UserRepository users(conn_);
    users.clear_password_hash(id);
    auto ended = users.delete_sessions(id);
    CredentialRepository credentials(conn_);
    credentials.revoke_all_email_tokens(id);
    if (!local_verified) credentials.clear_two_factor(id);
    return ended;
  }

  void audit(std::string action, std::int64_t id, const ClerkUser& clerk,
             std::string_view before_role, std::string_view after_role) {
    append_audit(conn_, audit_entry(std::move(action), id, clerk, before_role, after_role));
  }

  AuditEntry audit_entry(std::string action, std::int64_t id, const ClerkUser& clerk,
                         std::string_view before_role, std::string_view after_role) {
    AuditEntry entry{.actor = Actor::system(),
                     .action = std::move(action),
                     .target_kind = "user",
                     .target_id = std::to_string(id)};
    entry.details["clerk_user_id"] = clerk.id;
    entry.details["svix_id"] = svix_id_;
    if (before_role != after_role) {
      entry.details["before_role"] = before_role;
      entry.details["after_role"] = after_role;
    }
    return entry;
  }

  db::Connection& conn_;
  std::string_view svix_id_;
};

}  // namespace

std::expected<ClerkUser, std::string> parse_clerk_user(const json::value& data) {
  ClerkUser user{.id = string_member(data, "id")};
  if (user.id.empty()) return std::unexpected("data.id is missing");
  auto primary = string_member(data, "primary_email_address_id");
  if (const auto* addresses = member(data, "email_addresses"); addresses && addresses->is_array()) {
    for (const auto& address : addresses->as_array()) {
      if (string_member(address, "id") != primary || primary.empty()) continue;
      user.email = normalize_email(string_member(address, "email_address"));
      if (const auto* verification = member(address, "verification"))
        user.email_verified = string_member(*verification, "status") == "verified";
    }
  }
  if (!user.email.empty() && !is_plausible_email(user.email))
    return std::unexpected("the primary email address is not an email address");
  auto first = string_member(data, "first_name");
  auto last = string_member(data, "last_name");
  user.display_name = first.empty() || last.empty() ? first + last : first + " " + last;
  if (user.display_name.size() > 200) user.display_name.resize(200);
  if (const auto* metadata = member(data, "public_metadata"))
    user.role = string_member(*metadata, "role");
  if (const auto* updated = member(data, "updated_at"); updated && updated->is_number())
    user.updated_at = updated->to_number<std::int64_t>();
  return user;
}

boost::asio::awaitable<ClerkOutcome> ClerkSync::receive(ClerkDelivery delivery) {
  auto event = json::parse(delivery.body);  // the route checked it parses
  auto type = string_member(event, "type");
  const json::value null;
  const auto* found = member(event, "data");
  const json::value& data = found ? *found : null;

  co_return co_await db_.transact([&](db::Connection& conn) -> ClerkOutcome {
    if (conn.exec(kInsertEvent, delivery.svix_id, type, delivery.body).empty())
      return ClerkOutcome::duplicate;
    Applier applier(conn, delivery.svix_id);
    Applied applied{ClerkOutcome::ignored};
    if (type == "user.created" || type == "user.updated") {
      auto user = parse_clerk_user(data);
      applied = user ? applier.upsert(*user, type == "user.created")
                     : Applied{ClerkOutcome::rejected, user.error()};
    } else if (type == "user.deleted") {
      auto id = string_member(data, "id");
      applied =
          id.empty() ? Applied{ClerkOutcome::rejected, "data.id is missing"} : applier.remove(id);
    }
    if (applied.outcome == ClerkOutcome::rejected)
      conn.exec(kMarkRejected, delivery.svix_id, applied.error);
    else
      conn.exec(kMarkApplied, delivery.svix_id);
    return applied.outcome;
  });
}

}  // namespace comptoir::accounts
