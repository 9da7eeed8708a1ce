#pragma once

// Internal to the accounts pages: shared by login_pages.cpp, recovery_pages.cpp and
// account_routes.cpp.

#include <expected>
#include <string>
#include <string_view>

#include "accounts/account_routes.hpp"
#include "accounts/account_urls.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "http/pages.hpp"
#include "views/page_model.hpp"

namespace comptoir::accounts {

using core::Locale;
using http::Context;
using http::form_of;
using http::query_of;
using http::Response;
using http::see_other;
using http::Status;
using http::with_notice;
using views::page::add_error;
namespace net = boost::asio;
namespace view = views::page;

struct LinkForm;  // recovery_pages.cpp

class Pages {
 public:
  explicit Pages(AccountDeps deps)
      : deps_(std::move(deps)), renderer_(deps_.views, deps_.messages) {}

  // login_pages.cpp
  net::awaitable<Response> login_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> login(Context& ctx, Locale locale) const;
  net::awaitable<Response> code_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> code(Context& ctx, Locale locale) const;
  net::awaitable<Response> logout(Context& ctx, Locale locale) const;
  net::awaitable<Response> register_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> register_account(Context& ctx, Locale locale) const;

  // recovery_pages.cpp
  net::awaitable<Response> verify_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> verify(Context& ctx, Locale locale) const;
  net::awaitable<Response> resend_verification(Context& ctx, Locale locale) const;
  net::awaitable<Response> forgot_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> forgot(Context& ctx, Locale locale) const;
  net::awaitable<Response> reset_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> reset(Context& ctx, Locale locale) const;
  net::awaitable<Response> unlock_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> unlock(Context& ctx, Locale locale) const;
  net::awaitable<Response> invitation_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> accept_invitation(Context& ctx, Locale locale) const;

  // account_routes.cpp
  net::awaitable<Response> account(Context& ctx, Locale locale) const;
  net::awaitable<Response> update_profile(Context& ctx, Locale locale) const;
  net::awaitable<Response> change_password(Context& ctx, Locale locale) const;
  net::awaitable<Response> end_other_sessions(Context& ctx, Locale locale) const;
  net::awaitable<Response> add_address(Context& ctx, Locale locale) const;
  net::awaitable<Response> delete_address(Context& ctx, Locale locale) const;
  net::awaitable<Response> two_factor_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> two_factor(Context& ctx, Locale locale) const;

 private:
  // What the account page shows above its panels, and the errors of the form that failed.
  struct AccountState {
    std::string notice{};
    std::vector<view::Error> errors{};
    std::string failed_form{};  // "profile", "password", "address"
    http::Form values{};        // what the visitor typed into it
  };
  net::awaitable<Response> account_page(Context& ctx, Locale locale, Status status,
                                        AccountState state) const;
  // 2FA enrolment: the QR code, the secret as text and the code form; `error` after a wrong code.
  net::awaitable<Response> enrolment_page(Context& ctx, Locale locale, std::string error) const;

  std::string t(Locale locale, std::string_view key) const {
    return std::string(deps_.messages.t(locale, key));
  }
  // A page of the accounts area: never indexed, same page in the other language.
  view::Page page(Locale locale, std::string_view title_key, const urls::Localized& path) const;
  Response render(Status status, const view::Page& page) const;
  // The message behind ?notice=…, when the catalog has one (a whitelist of sorts).
  std::string notice(const Context& ctx, Locale locale) const;
  // An error message for a refusal of the auth service, and its status.
  std::pair<Status, std::string> refusal(const Refusal& refusal, Locale locale) const;
  CsrfVerdict csrf(const Context& ctx, const http::Form& form) const;
  RequestInfo info(const Context& ctx) const;

  // The sign-in steps' common ending: where a session goes once the password (and code) passed.
  Response after_sign_in(const Session& session, Locale locale, std::string_view next) const;
  // Signed-in pages: nullopt to go on, else where to send the visitor first (login, the 2FA code,
  // or 2FA enrolment for staff).
  std::optional<Response> gate(const Context& ctx, Locale locale,
                               bool enrolment_page = false) const;

  view::Page login_page(Locale locale, const Session& session, std::string_view email,
                        std::string_view next) const;
  view::Page code_page(Locale locale, const Session& session, std::string_view next) const;
  view::Page register_page(Locale locale, const Session& session, const http::Form& values) const;
  view::Page forgot_page(Locale locale, const Session& session, std::string_view email) const;
  // The forms behind a mailed link that ask for a password (reset, unlock, invitation): their
  // page, its GET, and the answers to a forged POST and to a refused one.
  view::Page link_form_page(const LinkForm& spec, Locale locale, const Session& session,
                            std::string_view token) const;
  Response link_form(const LinkForm& spec, Context& ctx, Locale locale) const;
  Response link_form_forged(const LinkForm& spec, Context& ctx, Locale locale,
                            std::string_view token) const;
  Response link_form_refusal(const LinkForm& spec, Locale locale, const Session& session,
                             std::string_view token, const Refusal& refused,
                             std::string message) const;
  // The form posted: the CSRF check, the link's service, and the form again with its refusal;
  // the link's user when it went through.
  net::awaitable<std::expected<User, Response>> link_form_post(const LinkForm& spec, Context& ctx,
                                                               Locale locale) const;

  AccountDeps deps_;
  view::Renderer renderer_;
};

// Form fields the pages share.
view::Field email_field(const i18n::Catalog& messages, Locale locale, std::string id,
                        std::string_view value, std::string autocomplete);
view::Field password_field(const i18n::Catalog& messages, Locale locale, std::string id,
                           std::string name, std::string_view label_key, std::string autocomplete,
                           bool with_hint);

// The 2FA code field of the login step and of enrolment: a TOTP code or a recovery code.
view::Field code_field(const i18n::Catalog& messages, Locale locale);

// Retry-After on a page refused by a rate limit or a full password hasher; nothing for other
// refusals.
void set_retry_after(Response& res, const Refusal& refusal);
// A refusal about the whole form (a rate limit, a locked account, a busy server), not about one
// of its fields.
bool is_form_wide(const Refusal& refusal);

// A local path to go back to after logging in; anything else (another site, "//x", "/\x")
// becomes the account page.
std::string safe_next(std::string_view next, Locale locale);

}  // namespace comptoir::accounts
