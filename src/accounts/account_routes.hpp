#pragma once

#include <string>

#include "core/locale.hpp"
#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "views/views.hpp"

namespace comptoir::accounts {

class AddressBook;
class AuthService;
class SessionService;
class TwoFactorService;

struct AccountDeps {
  SessionService& sessions;
  AuthService& auth;
  TwoFactorService& two_factor;
  AddressBook& addresses;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  core::Localized orders_url;  // the customer's orders, linked from the account page (orders::urls)
  // The customer's data: a copy of it, closing the account (privacy::urls). Empty: no link.
  core::Localized privacy_url{};
  std::string allowed_origin;  // BASE_URL's origin, for the CSRF Origin check
  // Where staff go once signed in and enrolled (the back office, admin::urls): the way on from
  // an accepted invitation and from 2FA enrolment. Empty: the account page.
  std::string staff_home{};
};

// The accounts pages in both languages (account_urls.hpp): register, log in (with the 2FA step),
// log out, the account page and its forms, 2FA enrolment, email verification, password reset,
// a staff invitation's link.
// Plain HTML forms: they work without JavaScript.
void add_account_routes(http::Router& router, AccountDeps deps);

}  // namespace comptoir::accounts
