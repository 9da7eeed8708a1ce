#include <fmt/format.h>

#include "accounts/account_pages.hpp"
#include "accounts/two_factor.hpp"

// Register, log in (password, then the 2FA code when the account has one), log out.
namespace comptoir::accounts {

view::Page Pages::login_page(Locale locale, const Session& session, std::string_view email,
                             std::string_view next) const {
  auto out = page(locale, "accounts.login.title", urls::kLogin);
  view::Form form{.action = std::string(urls::kLogin[locale]),
                  .submit = t(locale, "accounts.login.submit"),
                  .csrf = session.csrf_token};
  if (!next.empty()) form.hidden.emplace_back("next", std::string(next));
  form.fields.push_back(email_field(deps_.messages, locale, "email", email, "username"));
  form.fields.push_back(password_field(deps_.messages, locale, "password", "password",
                                       "accounts.field.password", "current-password", false));
  out.panels.push_back(
      {.form = std::move(form),
       .links = {
           {std::string(urls::kForgot[locale]), t(locale, "accounts.login.forgot_link")},
           {std::string(urls::kRegister[locale]), t(locale, "accounts.login.register_link")}}});
  return out;
}

net::awaitable<Response> Pages::login_form(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto next = std::string(query_of(ctx).get("next"));
  if (session.user) co_return after_sign_in(session, locale, next);
  deps_.sessions.prepare(session);
  auto out = login_page(locale, session, "", next);
  out.notice = notice(ctx, locale);
  co_return render(Status::ok, out);
}

net::awaitable<Response> Pages::login(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  auto email = std::string(form.get("email"));
  auto next = std::string(form.get("next"));
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    // An expired or forged form: nothing happens, and the visitor keeps what they typed.
    deps_.sessions.prepare(session);
    auto out = login_page(locale, session, email, next);
    add_error(out, "", t(locale, "accounts.csrf_failed"));
    co_return render(Status::forbidden, out);
  }
  // Arguments to coroutines are named first: GCC 12 mishandles temporaries inside co_await.
  auto password = std::string(form.get("password"));
  auto request = info(ctx);
  auto result = co_await deps_.auth.login(email, std::move(password), request);
  if (!result) {
    auto [status, message] = refusal(result.error(), locale);
    auto out = login_page(locale, session, email, next);
    add_error(out, result.error().code == Refusal::Code::busy ? "" : "email", message);
    auto res = render(status, out);
    set_retry_after(res, result.error());
    co_return res;
  }
  auto client = client_info(ctx);
  co_await deps_.sessions.sign_in(session, *result, false, client);
  co_return after_sign_in(session, locale, next);
}

view::Page Pages::code_page(Locale locale, const Session& session, std::string_view next) const {
  auto out = page(locale, "accounts.code.title", urls::kLoginCode);
  view::Form form{.action = std::string(urls::kLoginCode[locale]),
                  .submit = t(locale, "accounts.code.submit"),
                  .csrf = session.csrf_token};
  if (!next.empty()) form.hidden.emplace_back("next", std::string(next));
  form.fields.push_back(code_field(deps_.messages, locale));
  out.panels.push_back({.paragraphs = {t(locale, "accounts.code.intro")}, .form = std::move(form)});
  return out;
}

net::awaitable<Response> Pages::code_form(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto next = std::string(query_of(ctx).get("next"));
  if (!session.awaiting_code()) co_return see_other(urls::kLogin[locale]);
  co_return render(Status::ok, code_page(locale, session, next));
}

net::awaitable<Response> Pages::code(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  auto next = std::string(form.get("next"));
  if (!session.awaiting_code()) co_return see_other(urls::kLogin[locale]);
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    auto out = code_page(locale, session, next);
    add_error(out, "", t(locale, "accounts.csrf_failed"));
    co_return render(Status::forbidden, out);
  }
  auto code = std::string(form.get("code"));
  auto request = info(ctx);
  auto result = co_await deps_.two_factor.check(*session.user, std::move(code), request);
  if (!result && result.error().code == Refusal::Code::bad_credentials) {
    // Too many wrong codes: this sign-in is over, and the password must be given again.
    auto failed = session.id_hash;
    if (co_await deps_.two_factor.count_failure(*session.user, std::move(failed), request)) {
      co_await deps_.sessions.end(session);
      co_return see_other(with_notice(urls::kLogin[locale], "code_locked"));
    }
  }
  if (!result) {
    auto out = code_page(locale, session, next);
    auto [status, message] = refusal(result.error(), locale);
    if (result.error().code == Refusal::Code::bad_credentials)
      message = t(locale, "accounts.code.wrong");
    add_error(out, "code", message);
    auto res = render(status, out);
    set_retry_after(res, result.error());
    co_return res;
  }
  co_await deps_.sessions.pass_mfa(session);
  co_return after_sign_in(session, locale, next);
}

net::awaitable<Response> Pages::logout(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  // Already signed out (an expired session, another tab): nothing to protect, nothing to refuse.
  if (!session.user) co_return see_other(with_notice(urls::kLogin[locale], "logged_out"));
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) throw http::HttpError(Status::forbidden);
  co_await deps_.sessions.end(session);
  co_return see_other(with_notice(urls::kLogin[locale], "logged_out"));
}

view::Page Pages::register_page(Locale locale, const Session& session,
                                const http::Form& values) const {
  auto out = page(locale, "accounts.register.title", urls::kRegister);
  view::Form form{.action = std::string(urls::kRegister[locale]),
                  .submit = t(locale, "accounts.register.submit"),
                  .csrf = session.csrf_token};
  form.fields.push_back({.id = "display_name",
                         .name = "display_name",
                         .label = t(locale, "accounts.field.display_name"),
                         .value = std::string(values.get("display_name")),
                         .autocomplete = "name"});
  form.fields.push_back(email_field(deps_.messages, locale, "email", values.get("email"), "email"));
  form.fields.push_back(password_field(deps_.messages, locale, "password", "password",
                                       "accounts.field.password", "new-password", true));
  out.panels.push_back(
      {.form = std::move(form),
       .links = {{std::string(urls::kLogin[locale]), t(locale, "accounts.register.login_link")}}});
  return out;
}

net::awaitable<Response> Pages::register_form(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  if (session.user) co_return after_sign_in(session, locale, "");
  deps_.sessions.prepare(session);
  co_return render(Status::ok, register_page(locale, session, http::Form{}));
}

net::awaitable<Response> Pages::register_account(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    deps_.sessions.prepare(session);
    auto out = register_page(locale, session, form);
    add_error(out, "", t(locale, "accounts.csrf_failed"));
    co_return render(Status::forbidden, out);
  }
  auto display_name = std::string(form.get("display_name"));
  if (display_name.size() > 200) display_name.resize(200);
  auto email = std::string(form.get("email"));
  auto password = std::string(form.get("password"));
  auto request = info(ctx);
  auto result = co_await deps_.auth.register_customer(std::move(email), std::move(password),
                                                      display_name, locale, request);
  if (!result) {
    auto [status, message] = refusal(result.error(), locale);
    auto out = register_page(locale, session, form);
    auto code = result.error().code;
    std::string field = code == Refusal::Code::weak_password ? "password"
                        : is_form_wide(result.error())       ? ""
                                                             : "email";
    add_error(out, field, message);
    auto res = render(status, out);
    set_retry_after(res, result.error());
    co_return res;
  }
  // The same answer for a new email and a known one; nobody is signed in before the mailed link
  // proves the address.
  co_return see_other(with_notice(urls::kLogin[locale], "registration_sent"));
}

}  // namespace comptoir::accounts
