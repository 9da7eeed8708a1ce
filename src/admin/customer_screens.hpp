#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "accounts/audit_log.hpp"
#include "admin/admin_kit.hpp"
#include "http/form.hpp"
#include "http/types.hpp"

namespace comptoir::admin {

// What the forms of an account's page share: users:manage, the form's CSRF token, the account's
// id from the path (else the answer: the gate's, 403 for a bad token, 404 for a bad id).
struct AccountForm {
  Staff staff;
  http::Form form;
  std::int64_t id = 0;
};
http::net::awaitable<std::expected<AccountForm, http::Response>> account_form(const Kit& kit,
                                                                              http::Context& ctx);

// Who asks, from where, in which request: the audit row of a change to an account.
accounts::AuditEntry audit_context(const http::Context& ctx, const Staff& staff);

// The shop's accounts, customers and staff alike (customers:read): the list (a search by email
// or name, filters by role and state, newest first by pages) and one account — its facts (email,
// name, role, language, creation, verification, disabled or not, two-factor, last sign-in, open
// sessions), its orders and returns (orders:read), and its saved addresses, opened only here and
// each viewing on record (user.addresses_viewed). With users:manage, the account is disabled
// (which ends all its sessions) or enabled again, after a ticked confirmation and, past ten
// minutes, a fresh code — never one's own account, and an owner's only by an owner —, and an
// unverified address is sent a new verification link. The rules are accounts::AccountAdmin's.
// The page also holds StaffScreens' forms (role, sign-out, invitation).
class CustomerScreens {
 public:
  explicit CustomerScreens(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> list(http::Context& ctx) const;           // customers:read
  http::net::awaitable<http::Response> show(http::Context& ctx) const;           // customers:read
  http::net::awaitable<http::Response> change_status(http::Context& ctx) const;  // users:manage
  http::net::awaitable<http::Response> resend_verification(
      http::Context& ctx) const;  // users:manage

  // The account's page with the message of `key` as an error (a refused form: StaffScreens' too).
  // Not a coroutine: the message is built before render's frame takes it.
  http::net::awaitable<http::Response> refuse(http::Context& ctx, const Staff& staff,
                                              std::int64_t id, http::Status status,
                                              std::string_view key) const;

 private:
  // The account's page with `message` as a notice, or as an error when `is_error`; 404 when
  // there is no such account.
  http::net::awaitable<http::Response> render(http::Context& ctx, const Staff& staff,
                                              std::int64_t id, http::Status status,
                                              std::string message, bool is_error = false) const;

  const Kit& kit_;
};

}  // namespace comptoir::admin
