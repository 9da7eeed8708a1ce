#include <fmt/format.h>

#include <expected>
#include <optional>

#include "accounts/account_pages.hpp"

// Email verification, password reset, unlocking a throttled account and accepting a staff
// invitation, all by single-use links sent by email. Following a link only shows a form: mail
// scanners that fetch links must not use up the token.
namespace comptoir::accounts {

// The forms behind a mailed link that ask for a password: a new one to reset it, the account's
// own to unlock its logins, the first one of an invited staff member. What differs between them.
struct LinkForm {
  std::string_view title_key;
  urls::Localized path;
  std::string_view submit_key;
  std::string_view intro_key;  // "" for none
  std::string_view label_key;
  std::string_view autocomplete;
  bool with_hint;
  // Where to go from a link that no longer works, and from the form itself (none: empty path).
  urls::Localized dead_link_path;
  std::string_view dead_link_key;
  urls::Localized help_path;
  std::string_view help_key;
  // The service the form posts to, and the one refusal it words its own way (none: the usual
  // words of `Pages::refusal`).
  net::awaitable<Outcome<User>> (AuthService::*action)(std::string, std::string, RequestInfo);
  std::optional<Refusal::Code> own_refusal;
  std::string_view own_refusal_key;
};

namespace {

constexpr LinkForm kResetForm{.title_key = "accounts.reset.title",
                              .path = urls::kReset,
                              .submit_key = "accounts.reset.submit",
                              .intro_key = "",
                              .label_key = "accounts.field.new_password",
                              .autocomplete = "new-password",
                              .with_hint = true,
                              .dead_link_path = urls::kForgot,
                              .dead_link_key = "accounts.reset.again_link",
                              .help_path = {},
                              .help_key = "",
                              .action = &AuthService::reset_password,
                              .own_refusal = std::nullopt,
                              .own_refusal_key = ""};
constexpr LinkForm kUnlockForm{.title_key = "accounts.unlock.title",
                               .path = urls::kUnlock,
                               .submit_key = "accounts.unlock.submit",
                               .intro_key = "accounts.unlock.intro",
                               .label_key = "accounts.field.password",
                               .autocomplete = "current-password",
                               .with_hint = false,
                               .dead_link_path = urls::kLogin,
                               .dead_link_key = "accounts.forgot.login_link",
                               .help_path = urls::kForgot,
                               .help_key = "accounts.login.forgot_link",
                               .action = &AuthService::unlock,
                               .own_refusal = Refusal::Code::bad_credentials,
                               .own_refusal_key = "accounts.unlock.wrong_password"};

constexpr LinkForm kInvitationForm{.title_key = "accounts.invitation.title",
                                   .path = urls::kInvitation,
                                   .submit_key = "accounts.invitation.submit",
                                   .intro_key = "accounts.invitation.intro",
                                   .label_key = "accounts.field.new_password",
                                   .autocomplete = "new-password",
                                   .with_hint = true,
                                   .dead_link_path = urls::kLogin,
                                   .dead_link_key = "accounts.forgot.login_link",
                                   .help_path = {},
                                   .help_key = "",
                                   .action = &AuthService::accept_invitation,
                                   .own_refusal = Refusal::Code::bad_token,
                                   .own_refusal_key = "accounts.invitation.invalid"};

}  // namespace

view::Page Pages::link_form_page(const LinkForm& spec, Locale locale, const Session& session,
                                 std::string_view token) const {
  auto out = page(locale, spec.title_key, spec.path);
  view::Form form{.action = std::string(spec.path[locale]),
                  .submit = t(locale, spec.submit_key),
                  .csrf = session.csrf_token};
  form.hidden.emplace_back("token", std::string(token));
  form.fields.push_back(password_field(deps_.messages, locale, "password", "password",
                                       spec.label_key, std::string(spec.autocomplete),
                                       spec.with_hint));
  view::Panel panel{.form = std::move(form)};
  if (!spec.intro_key.empty()) panel.paragraphs.push_back(t(locale, spec.intro_key));
  if (!spec.help_key.empty())
    panel.links.push_back({std::string(spec.help_path[locale]), t(locale, spec.help_key)});
  out.panels.push_back(std::move(panel));
  return out;
}

Response Pages::link_form(const LinkForm& spec, Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  deps_.sessions.prepare(session);
  auto token = std::string(query_of(ctx).get("token"));
  return render(Status::ok, link_form_page(spec, locale, session, token));
}

Response Pages::link_form_forged(const LinkForm& spec, Context& ctx, Locale locale,
                                 std::string_view token) const {
  // An expired or forged form: nothing happens, and a fresh one (with a token) is shown.
  auto& session = session_of(ctx);
  deps_.sessions.prepare(session);
  auto out = link_form_page(spec, locale, session, token);
  add_error(out, "", t(locale, "accounts.csrf_failed"));
  return render(Status::forbidden, out);
}

Response Pages::link_form_refusal(const LinkForm& spec, Locale locale, const Session& session,
                                  std::string_view token, const Refusal& refused,
                                  std::string message) const {
  auto status = refusal(refused, locale).first;
  if (refused.code == Refusal::Code::bad_token) {
    auto out = page(locale, spec.title_key, spec.path);
    add_error(out, "", std::move(message));
    out.panels.push_back(
        {.links = {{std::string(spec.dead_link_path[locale]), t(locale, spec.dead_link_key)}}});
    return render(status, out);
  }
  auto out = link_form_page(spec, locale, session, token);
  add_error(out, is_form_wide(refused) ? "" : "password", std::move(message));
  auto res = render(status, out);
  set_retry_after(res, refused);
  return res;
}

net::awaitable<std::expected<User, Response>> Pages::link_form_post(const LinkForm& spec,
                                                                    Context& ctx,
                                                                    Locale locale) const {
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  auto token = std::string(form.get("token"));
  if (csrf(ctx, form) != CsrfVerdict::ok)
    co_return std::unexpected(link_form_forged(spec, ctx, locale, token));
  // Arguments to coroutines are named first: GCC 12 mishandles temporaries inside co_await.
  auto password = std::string(form.get("password"));
  auto request = info(ctx);
  auto result = co_await (deps_.auth.*spec.action)(token, std::move(password), request);
  if (result) co_return std::move(*result);
  auto message = spec.own_refusal == result.error().code ? t(locale, spec.own_refusal_key)
                                                         : refusal(result.error(), locale).second;
  co_return std::unexpected(
      link_form_refusal(spec, locale, session, token, result.error(), std::move(message)));
}

net::awaitable<Response> Pages::verify_form(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  deps_.sessions.prepare(session);
  auto out = page(locale, "accounts.verify.title", urls::kVerify);
  view::Form form{.action = std::string(urls::kVerify[locale]),
                  .submit = t(locale, "accounts.verify.submit"),
                  .csrf = session.csrf_token};
  form.hidden.emplace_back("token", std::string(query_of(ctx).get("token")));
  out.panels.push_back(
      {.paragraphs = {t(locale, "accounts.verify.intro")}, .form = std::move(form)});
  co_return render(Status::ok, out);
}

net::awaitable<Response> Pages::verify(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) throw http::HttpError(Status::forbidden);
  // Arguments to coroutines are named first: GCC 12 mishandles temporaries inside co_await.
  auto token = std::string(form.get("token"));
  auto request = info(ctx);
  auto result = co_await deps_.auth.verify_email(std::move(token), request);
  if (!result) {
    auto out = page(locale, "accounts.verify.title", urls::kVerify);
    add_error(out, "", t(locale, "accounts.token.invalid"));
    out.panels.push_back({.links = {{std::string(urls::kAccount[locale]),
                                     t(locale, "accounts.verify.resend_link")}}});
    co_return render(Status::bad_request, out);
  }
  // A registration's link gives the account its password: its owner logs in with it next.
  if (result->registration)
    co_return see_other(with_notice(urls::kLogin[locale], "registration_confirmed"));
  if (session.user && session.user->id == result->user.id) session.user = result->user;
  auto target = session.signed_in() ? urls::kAccount[locale] : urls::kLogin[locale];
  co_return see_other(with_notice(target, "email_verified"));
}

net::awaitable<Response> Pages::resend_verification(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) throw http::HttpError(Status::forbidden);
  auto request = info(ctx);
  auto result = co_await deps_.auth.send_verification(*session.user, request);
  if (!result) {
    // Too many links asked for: the account page again, saying when to try.
    auto [status, message] = refusal(result.error(), locale);
    AccountState state{.errors = {{"", message}}};
    auto res = co_await account_page(ctx, locale, status, std::move(state));
    set_retry_after(res, result.error());
    co_return res;
  }
  co_return see_other(with_notice(urls::kAccount[locale], "verification_sent"));
}

view::Page Pages::forgot_page(Locale locale, const Session& session, std::string_view email) const {
  auto out = page(locale, "accounts.forgot.title", urls::kForgot);
  view::Form form{.action = std::string(urls::kForgot[locale]),
                  .submit = t(locale, "accounts.forgot.submit"),
                  .csrf = session.csrf_token};
  form.fields.push_back(email_field(deps_.messages, locale, "email", email, "email"));
  out.panels.push_back(
      {.paragraphs = {t(locale, "accounts.forgot.intro")},
       .form = std::move(form),
       .links = {{std::string(urls::kLogin[locale]), t(locale, "accounts.forgot.login_link")}}});
  return out;
}

net::awaitable<Response> Pages::forgot_form(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  deps_.sessions.prepare(session);
  co_return render(Status::ok, forgot_page(locale, session, ""));
}

net::awaitable<Response> Pages::forgot(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  auto email = std::string(form.get("email"));
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    deps_.sessions.prepare(session);
    auto out = forgot_page(locale, session, email);
    add_error(out, "", t(locale, "accounts.csrf_failed"));
    co_return render(Status::forbidden, out);
  }
  auto request = info(ctx);
  auto result = co_await deps_.auth.request_reset(email, locale, request);
  if (!result) {
    auto [status, message] = refusal(result.error(), locale);
    auto out = forgot_page(locale, session, email);
    add_error(out, is_form_wide(result.error()) ? "" : "email", message);
    auto res = render(status, out);
    set_retry_after(res, result.error());
    co_return res;
  }
  // The same answer whether an account exists or not.
  auto out = page(locale, "accounts.forgot.title", urls::kForgot);
  out.notice = t(locale, "accounts.forgot.sent");
  out.panels.push_back(
      {.links = {{std::string(urls::kLogin[locale]), t(locale, "accounts.forgot.login_link")}}});
  co_return render(Status::ok, out);
}

net::awaitable<Response> Pages::reset_form(Context& ctx, Locale locale) const {
  co_return link_form(kResetForm, ctx, locale);
}

net::awaitable<Response> Pages::reset(Context& ctx, Locale locale) const {
  auto done = co_await link_form_post(kResetForm, ctx, locale);
  if (!done) co_return std::move(done.error());
  // Every session of the account ended with the reset, this browser's included.
  co_await deps_.sessions.end(session_of(ctx));
  co_return see_other(with_notice(urls::kLogin[locale], "password_reset"));
}

net::awaitable<Response> Pages::unlock_form(Context& ctx, Locale locale) const {
  co_return link_form(kUnlockForm, ctx, locale);
}

net::awaitable<Response> Pages::unlock(Context& ctx, Locale locale) const {
  auto done = co_await link_form_post(kUnlockForm, ctx, locale);
  if (!done) co_return std::move(done.error());
  auto& session = session_of(ctx);
  auto client = client_info(ctx);
  co_await deps_.sessions.sign_in(session, *done, false, client);
  co_return after_sign_in(session, locale, "");
}

net::awaitable<Response> Pages::invitation_form(Context& ctx, Locale locale) const {
  co_return link_form(kInvitationForm, ctx, locale);
}

net::awaitable<Response> Pages::accept_invitation(Context& ctx, Locale locale) const {
  auto done = co_await link_form_post(kInvitationForm, ctx, locale);
  if (!done) co_return std::move(done.error());
  // The new staff member signs in with their password, then enrols two-factor before anything
  // else; from there they go on to the back office.
  auto login = std::string(urls::kLogin[locale]);
  if (!deps_.staff_home.empty())
    login = fmt::format("{}?next={}", login, http::form_encode(deps_.staff_home));
  co_return see_other(with_notice(login, "invitation_accepted"));
}

}  // namespace comptoir::accounts
