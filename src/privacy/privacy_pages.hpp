#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "views/views.hpp"

namespace comptoir::accounts {
class SessionService;
class AuthService;
class TwoFactorService;
}  // namespace comptoir::accounts

namespace comptoir::privacy {

class PrivacyService;

struct PrivacyPagesDeps {
  PrivacyService& privacy;
  accounts::SessionService& sessions;
  accounts::AuthService& auth;
  accounts::TwoFactorService& two_factor;
  const views::Views& views;
  const i18n::Catalog& messages;
  std::string allowed_origin;  // BASE_URL's origin, for the CSRF check
  // Run before the two POSTs (the throttle of privacy_account and privacy_ip), after the session.
  std::vector<http::Middleware> write_middleware{};
};

// A signed-in customer's data and account, in both languages (privacy_urls.hpp): the page that
// says what the shop holds and offers the two rights; the copy of the data as a JSON download
// (POST, CSRF, the password — or, with two-factor, a code; none needed within ten minutes of a
// code); closing the account (POST, CSRF, a ticked confirmation and the password or a code, every
// time); and the page shown once it is closed. Plain forms: no JavaScript.
void add_privacy_pages(http::Router& router, PrivacyPagesDeps deps);

}  // namespace comptoir::privacy
