#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/audit_log.hpp"
#include "accounts/user.hpp"
#include "core/locale.hpp"

namespace comptoir::db {
class Connection;
}

// What staff with users:manage change of the shop's team (the back office's account page and its
// invitation screen): an account's role, its sessions, and invitations of new staff members. On
// the caller's connection: each change joins its transaction, with its audit row (and its mail).
namespace comptoir::accounts {

// Why a change was refused; nothing was written.
enum class StaffError {
  not_found,
  yourself,       // nobody changes their own role
  owner_only,     // only an owner makes an owner, or changes (or signs out, or invites) one
  unknown_role,   // no role of that name
  not_staff,      // an invitation is for a role that holds permissions
  last_owner,     // the shop would be left without an active owner
  stale,          // the account's role was not the one the asker saw
  invalid_email,  // not an email address
  email_taken,    // an invitation to an address that has an account already
  not_invited,    // a new invitation for an account that has a password (or is disabled)
};

struct RoleChange {
  User user{};  // as it is now
  bool changed = false;
  std::size_t sessions_ended = 0;
};

// Someone to invite: their address, name, staff role and language.
struct Invitee {
  std::string email{};
  std::string display_name{};
  std::string role{};
  core::Locale locale = core::Locale::fr;
};

class StaffAdmin {
 public:
  explicit StaffAdmin(db::Connection& conn) : conn_(conn) {}

  // The roles an invitation may give (those holding a permission), built-in ones first.
  std::vector<std::string> staff_roles();

  // Gives the account `role` when its role is still `expected` (what the asker saw). Never one's
  // own role; an owner's role, or the owner role, only by an owner (or the system); never the
  // last active owner's. Ends every session of the account (the new permissions apply at the next
  // sign-in, and a demoted member is out at once). Audited as user.role_changed (before and after
  // role, sessions ended). The same role again changes nothing (`changed` false, no audit row).
  std::expected<RoleChange, StaffError> change_role(std::int64_t user_id, std::string_view role,
                                                    std::string_view expected,
                                                    const AuditEntry& context);

  // Ends every session of the account, but `keep` (the asker's own current session when the
  // account is theirs: they are not signed out of the page they act from). An owner's sessions
  // only by an owner. Audited as user.signed_out with the number of sessions ended.
  std::expected<std::size_t, StaffError> sign_out(std::int64_t user_id,
                                                  std::optional<std::string_view> keep,
                                                  const AuditEntry& context);

  // Makes the invitee's account (no password: nobody signs in to it until the invitation's link
  // is followed) and mails them, in their language, a link valid for a week
  // (EmailTokenPurpose::invite) under `base_url`. The role must hold permissions; the owner role
  // only from an owner. An address that has an account is refused (email_taken): staff may know
  // it exists. Audited as user.invited (email, role, language).
  std::expected<User, StaffError> invite(const Invitee& invitee, std::string_view base_url,
                                         const AuditEntry& context);

  // A new invitation mail for a staff account that has no password yet (the invitee never
  // followed their link, or it expired): the older links stop working. Audited as
  // user.invited (again: true).
  std::expected<User, StaffError> invite_again(std::int64_t user_id, std::string_view base_url,
                                               const AuditEntry& context);

 private:
  // Whether `actor` may change owners: the system, or a user whose role is owner.
  bool acts_as_owner(const Actor& actor);

  db::Connection& conn_;
};

}  // namespace comptoir::accounts
