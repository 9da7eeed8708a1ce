#pragma once

#include <string>
#include <vector>

#include "http/types.hpp"
#include "views/dictionary.hpp"

namespace comptoir::accounts {
struct AccountFacts;
}

namespace comptoir::admin {

class Kit;
class CustomerScreens;
struct Staff;

// The shop's team (users:manage), from an account's page and the invitation screen:
// - a role changed after a ticked confirmation and, past ten minutes, a fresh code — never one's
//   own, the owner role and an owner's role only by an owner, never the last active owner's; the
//   form names the role it showed (409 when it moved); the account's sessions end;
// - every session of an account ended (one's own account: every other one) after a ticked
//   confirmation; an owner's only by an owner;
// - staff invited by email (GET/POST /admin/customers/invite: address, name, staff role,
//   language; a fresh code past ten minutes): an account with no password and a week-long link
//   mailed in the invitee's language; an address that has an account is refused (409, with a link
//   to it); a new link sent again while the invitation waits.
// The rules are accounts::StaffAdmin's; refusals show the account's page (CustomerScreens).
class StaffScreens {
 public:
  StaffScreens(const Kit& kit, const CustomerScreens& customers)
      : kit_(kit), customers_(customers) {}

  http::net::awaitable<http::Response> invite_form(http::Context& ctx) const;
  http::net::awaitable<http::Response> invite(http::Context& ctx) const;
  http::net::awaitable<http::Response> invite_again(http::Context& ctx) const;
  http::net::awaitable<http::Response> change_role(http::Context& ctx) const;
  http::net::awaitable<http::Response> sign_out(http::Context& ctx) const;

 private:
  const Kit& kit_;
  const CustomerScreens& customers_;
};

// The forms of an account's page that StaffScreens answers (role, sign-out, invitation sent
// again), added to its actions section `actions` as `staff` may use them; `roles`: every role.
void add_staff_forms(const Kit& kit, views::Dict& actions, const Staff& staff,
                     const accounts::AccountFacts& facts, const std::vector<std::string>& roles);

}  // namespace comptoir::admin
