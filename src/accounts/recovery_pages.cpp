#include <fmt/format.h>

#include "accounts/account_pages.hpp"

// Email verification and password reset, both by single-use links sent by email. Following a
// link only shows a form: mail scanners that fetch links must not use up the token.
namespace comptoir::accounts {

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
  if (session.user && session.user->id == result->id) session.user = *result;
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

view::Page Pages::reset_page(Locale locale, const Session& session, std::string_view token) const {
  auto out = page(locale, "accounts.reset.title", urls::kReset);
  view::Form form{.action = std::string(urls::kReset[locale]),
                  .submit = t(locale, "accounts.reset.submit"),
                  .csrf = session.csrf_token};
  form.hidden.emplace_back("token", std::string(token));
  form.fields.push_back(password_field(deps_.messages, locale, "password", "password",
                                       "accounts.field.new_password", "new-password", true));
  out.panels.push_back({.form = std::move(form)});
  return out;
}

net::awaitable<Response> Pages::reset_form(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  deps_.sessions.prepare(session);
  auto token = std::string(query_of(ctx).get("token"));
  co_return render(Status::ok, reset_page(locale, session, token));
}

net::awaitable<Response> Pages::reset(Context& ctx, Locale locale) const {
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  auto token = std::string(form.get("token"));
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    deps_.sessions.prepare(session);
    auto out = reset_page(locale, session, token);
    add_error(out, "", t(locale, "accounts.csrf_failed"));
    co_return render(Status::forbidden, out);
  }
  auto password = std::string(form.get("password"));
  auto request = info(ctx);
  auto result = co_await deps_.auth.reset_password(token, std::move(password), request);
  if (!result) {
    auto [status, message] = refusal(result.error(), locale);
    if (result.error().code == Refusal::Code::bad_token) {
      auto out = page(locale, "accounts.reset.title", urls::kReset);
      add_error(out, "", message);
      out.panels.push_back({.links = {{std::string(urls::kForgot[locale]),
                                       t(locale, "accounts.reset.again_link")}}});
      co_return render(status, out);
    }
    auto out = reset_page(locale, session, token);
    add_error(out, is_form_wide(result.error()) ? "" : "password", message);
    auto res = render(status, out);
    set_retry_after(res, result.error());
    co_return res;
  }
  // Every session of the account ended with the reset, this browser's included.
  co_await deps_.sessions.end(session);
  co_return see_other(with_notice(urls::kLogin[locale], "password_reset"));
}

}  // namespace comptoir::accounts
