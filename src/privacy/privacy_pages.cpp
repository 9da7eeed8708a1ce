#include "privacy/privacy_pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "accounts/account_urls.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "accounts/two_factor.hpp"
#include "http/member_routes.hpp"
#include "http/pages.hpp"
#include "privacy/privacy_service.hpp"
#include "privacy/privacy_urls.hpp"
#include "views/page_model.hpp"

namespace comptoir::privacy {
namespace {

using accounts::Refusal;
using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;
namespace view = views::page;

// A code given this recently in the session stands for the password before a download (the back
// office's rule for its sensitive actions: admin::Kit::kFreshFactor).
constexpr std::chrono::minutes kFreshFactor{10};

// Why a form was refused: its status, the field at fault ("" for the form) and the message.
struct Refused {
  Status status = Status::unprocessable_entity;
  std::string field{};
  std::string message{};
  std::chrono::seconds retry_after{0};
};

// What the page shows again after a refused form: which form, and what went wrong.
struct Shown {
  std::string form{};  // "export" or "delete"
  std::optional<Refused> refused{};
  std::vector<std::string> unfinished{};  // order and return numbers keeping the account open
};

class Pages {
 public:
  explicit Pages(PrivacyPagesDeps deps)
      : deps_(std::move(deps)), renderer_(deps_.views, deps_.messages) {}

  net::awaitable<Response> show(Context& ctx, Locale locale) const;
  net::awaitable<Response> download(Context& ctx, Locale locale) const;
  net::awaitable<Response> remove(Context& ctx, Locale locale) const;
  net::awaitable<Response> removed(Context& ctx, Locale locale) const;

 private:
  std::string t(Locale locale, std::string_view key) const {
    return std::string(deps_.messages.t(locale, key));
  }
  view::Page page(Locale locale, std::string_view title_key, const core::Localized& path) const;
  Response render(Status status, const view::Page& page) const {
    return http::html(status, renderer_.render(page));
  }
  // nullopt to go on; else where a visitor who is not fully signed in goes first.
  std::optional<Response> gate(const Context& ctx, Locale locale) const;
  Response data_page(const Context& ctx, Locale locale, Status status, const Shown& shown) const;
  // The fields that prove who asks: the password and, for an account with two-factor, a code
  // in its place. None when `fresh` (a code was given in the last ten minutes).
  void add_identity_fields(view::Form& form, const accounts::User& user, Locale locale,
                           std::string_view prefix) const;
  // Checks them: nullopt when the person proved who they are.
  net::awaitable<std::optional<Refused>> confirm(Context& ctx, Locale locale,
                                                 const http::Form& form, bool allow_fresh) const;
  std::optional<Refused> refusal(const Refusal& refusal, Locale locale, bool code) const;

  PrivacyPagesDeps deps_;
  view::Renderer renderer_;
};

bool fresh_factor(const accounts::Session& session) {
  if (!session.user || !session.user->totp_enabled || !session.verified_at) return false;
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return now - *session.verified_at < kFreshFactor;
}

accounts::RequestInfo info_of(const Context& ctx) {
  return {.client = accounts::client_info(ctx), .request_id = ctx.request_id, .waiter = ctx.waiter};
}

view::Page Pages::page(Locale locale, std::string_view title_key,
                       const core::Localized& path) const {
  view::Page out;
  out.layout.locale = locale;
  out.layout.title = t(locale, title_key);
  out.layout.robots = "noindex, nofollow";
  out.layout.alternate_url = std::string(path[core::other(locale)]);
  out.heading = out.layout.title;
  return out;
}

std::optional<Response> Pages::gate(const Context& ctx, Locale locale) const {
  const auto& session = accounts::session_of(ctx);
  if (session.awaiting_code()) return http::see_other(accounts::urls::kLoginCode[locale]);
  if (!session.signed_in())
    return http::see_other(fmt::format("{}?next={}", accounts::urls::kLogin[locale],
                                       http::form_encode(urls::kData[locale])));
  if (session.must_enrol()) return http::see_other(accounts::urls::kTwoFactor[locale]);
  return std::nullopt;
}

void Pages::add_identity_fields(view::Form& form, const accounts::User& user, Locale locale,
                                std::string_view prefix) const {
  form.fields.push_back(
      {.id = fmt::format("{}-password", prefix),
       .name = "password",
       .type = "password",
       .label = t(locale, "privacy.field.password"),
       .autocomplete = "current-password",
       .hint = user.totp_enabled ? t(locale, "privacy.field.password_or_code") : std::string{},
       .required = !user.totp_enabled});
  if (user.totp_enabled)
    form.fields.push_back({.id = fmt::format("{}-code", prefix),
                           .name = "code",
                           .label = t(locale, "privacy.field.code"),
                           .autocomplete = "one-time-code",
                           .inputmode = "numeric",
                           .hint = t(locale, "accounts.field.code_hint")});
}

Response Pages::data_page(const Context& ctx, Locale locale, Status status,
                          const Shown& shown) const {
  const auto& session = accounts::session_of(ctx);
  const auto& user = *session.user;
  auto out = page(locale, "privacy.title", urls::kData);
  out.panels.push_back(
      {.id = "held",
       .title = t(locale, "privacy.held.title"),
       .paragraphs = {t(locale, "privacy.held.intro"), t(locale, "privacy.held.kept")},
       .links = {{std::string(accounts::urls::kAccount[locale]), t(locale, "privacy.back")}}});

  // The copy
  view::Form download{.action = std::string(urls::kExport[locale]),
                      .submit = t(locale, "privacy.export.submit"),
                      .csrf = session.csrf_token};
  std::vector<std::string> export_text{t(locale, "privacy.export.intro")};
  if (fresh_factor(session))
    export_text.push_back(t(locale, "privacy.export.fresh"));
  else
    add_identity_fields(download, user, locale, "export");
  out.panels.push_back({.id = "export",
                        .title = t(locale, "privacy.export.title"),
                        .paragraphs = std::move(export_text),
                        .form = std::move(download)});

  // Closing the account
  view::Panel close{
      .id = "delete",
      .title = t(locale, "privacy.delete.title"),
      .paragraphs = {t(locale, "privacy.delete.intro"), t(locale, "privacy.delete.kept")}};
  if (user.is_staff()) {
    close.paragraphs.push_back(t(locale, "privacy.delete.staff"));
  } else {
    view::Form form{.action = std::string(urls::kDelete[locale]),
                    .submit = t(locale, "privacy.delete.submit"),
                    .csrf = session.csrf_token,
                    .secondary = true};
    form.fields.push_back({.kind = view::Field::Kind::checkbox,
                           .id = "delete-confirm",
                           .name = "confirm",
                           .label = t(locale, "privacy.delete.confirm"),
                           .required = true});
    add_identity_fields(form, user, locale, "delete");
    close.form = std::move(form);
  }
  if (!shown.unfinished.empty()) close.items.push_back({.lines = shown.unfinished});
  out.panels.push_back(std::move(close));

  if (shown.refused) {
    auto field = shown.refused->field.empty()
                     ? std::string{}
                     : fmt::format("{}-{}", shown.form, shown.refused->field);
    view::add_error(out, std::move(field), shown.refused->message);
  }
  auto res = render(status, out);
  if (shown.refused && shown.refused->retry_after.count() > 0)
    res.set(http::Field::retry_after, std::to_string(shown.refused->retry_after.count()));
  return res;
}

std::optional<Refused> Pages::refusal(const Refusal& refused, Locale locale, bool code) const {
  switch (refused.code) {
    case Refusal::Code::rate_limited: {
      auto text = t(locale, "accounts.rate_limited");
      if (auto at = text.find("{minutes}"); at != std::string::npos)
        text.replace(at, 9, std::to_string((refused.retry_after.count() + 59) / 60));
      return Refused{Status::too_many_requests, "", std::move(text), refused.retry_after};
    }
    case Refusal::Code::busy:
      return Refused{Status::service_unavailable, "", t(locale, "accounts.busy"),
                     refused.retry_after};
    default:
      break;
  }
  if (code) return Refused{Status::unprocessable_entity, "code", t(locale, "accounts.code.wrong")};
  return Refused{Status::unprocessable_entity, "password",
                 t(locale, "accounts.password.wrong_current")};
}

net::awaitable<std::optional<Refused>> Pages::confirm(Context& ctx, Locale locale,
                                                      const http::Form& form,
                                                      bool allow_fresh) const {
  auto& session = accounts::session_of(ctx);
  const auto& user = *session.user;
  if (allow_fresh && fresh_factor(session)) co_return std::nullopt;
  auto code = std::string(form.get("code"));
  auto password = std::string(form.get("password"));
  auto info = info_of(ctx);
  if (user.totp_enabled && !code.empty()) {
    auto checked = co_await deps_.two_factor.check(user, std::move(code), std::move(info));
    if (!checked) co_return refusal(checked.error(), locale, true);
    co_await deps_.sessions.reconfirm(session);
    co_return std::nullopt;
  }
  if (password.empty())
    co_return Refused{
        Status::unprocessable_entity, "password",
        t(locale, user.totp_enabled ? "privacy.error.password_or_code" : "privacy.error.password")};
  auto checked = co_await deps_.auth.confirm_password(user, std::move(password), std::move(info));
  if (!checked) co_return refusal(checked.error(), locale, false);
  co_return std::nullopt;
}

net::awaitable<Response> Pages::show(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  co_return data_page(ctx, locale, Status::ok, {});
}

net::awaitable<Response> Pages::download(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = accounts::session_of(ctx);
  auto form = http::form_of(ctx);
  if (accounts::check_csrf(ctx, session, form.get(accounts::kCsrfField), deps_.allowed_origin) !=
      accounts::CsrfVerdict::ok) {
    Shown shown{.form = "export",
                .refused = Refused{Status::forbidden, "", t(locale, "accounts.csrf_failed")}};
    co_return data_page(ctx, locale, Status::forbidden, shown);
  }
  if (auto refused = co_await confirm(ctx, locale, form, true)) {
    Shown shown{.form = "export", .refused = std::move(*refused)};
    co_return data_page(ctx, locale, shown.refused->status, shown);
  }
  auto user = *session.user;
  auto info = info_of(ctx);
  auto document = co_await deps_.privacy.export_data(user, locale, std::move(info));
  auto stamp =
      fmt::format("{:%Y%m%d-%H%M%S}",
                  std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  auto res = http::text(Status::ok, std::move(document), "application/json; charset=utf-8");
  res.set(http::Field::content_disposition,
          fmt::format("attachment; filename=\"{}-{}.json\"",
                      locale == Locale::fr ? "mes-donnees" : "my-data", stamp));
  res.set(http::Field::cache_control, "no-store");
  co_return res;
}

net::awaitable<Response> Pages::remove(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = accounts::session_of(ctx);
  auto form = http::form_of(ctx);
  if (accounts::check_csrf(ctx, session, form.get(accounts::kCsrfField), deps_.allowed_origin) !=
      accounts::CsrfVerdict::ok) {
    Shown shown{.form = "delete",
                .refused = Refused{Status::forbidden, "", t(locale, "accounts.csrf_failed")}};
    co_return data_page(ctx, locale, Status::forbidden, shown);
  }
  if (session.user->is_staff()) {
    Shown shown{.form = "delete",
                .refused = Refused{Status::forbidden, "", t(locale, "privacy.delete.staff")}};
    co_return data_page(ctx, locale, Status::forbidden, shown);
  }
  if (form.get("confirm") != "1") {
    Shown shown{.form = "delete",
                .refused = Refused{Status::unprocessable_entity, "confirm",
                                   t(locale, "privacy.error.confirm")}};
    co_return data_page(ctx, locale, Status::unprocessable_entity, shown);
  }
  // What is in progress is said before the password is asked for.
  auto user_id = session.user->id;
  auto unfinished = co_await deps_.privacy.unfinished(user_id);
  if (unfinished.empty()) {
    if (auto refused = co_await confirm(ctx, locale, form, false)) {
      Shown shown{.form = "delete", .refused = std::move(*refused)};
      co_return data_page(ctx, locale, shown.refused->status, shown);
    }
    auto user = *session.user;
    auto info = info_of(ctx);
    auto closed = co_await deps_.privacy.close_account(user, std::move(info));
    if (closed) {
      // Its sessions are gone with it: this one's cookie is cleared.
      co_await deps_.sessions.end(session);
      co_return http::see_other(urls::kDeleted[locale]);
    }
    unfinished = std::move(closed.error().unfinished);
  }
  Shown shown{.form = "delete",
              .refused = Refused{Status::conflict, "", t(locale, "privacy.delete.unfinished")}};
  for (const auto& number : unfinished.orders)
    shown.unfinished.push_back(fmt::format("{} {}", t(locale, "privacy.delete.order"), number));
  for (const auto& number : unfinished.returns)
    shown.unfinished.push_back(fmt::format("{} {}", t(locale, "privacy.delete.return"), number));
  co_return data_page(ctx, locale, Status::conflict, shown);
}

net::awaitable<Response> Pages::removed(Context&, Locale locale) const {
  auto out = page(locale, "privacy.deleted.title", urls::kDeleted);
  out.panels.push_back(
      {.id = "deleted",
       .paragraphs = {t(locale, "privacy.deleted.body"), t(locale, "privacy.deleted.kept")},
       .links = {{fmt::format("/{}", core::code(locale)), t(locale, "privacy.deleted.home")}}});
  co_return render(Status::ok, out);
}

}  // namespace

void add_privacy_pages(http::Router& router, PrivacyPagesDeps deps) {
  auto pages = std::make_shared<const Pages>(deps);
  http::RouteOptions options{.middleware = {accounts::with_session(deps.sessions)}};
  const http::MemberRoutes routes(router, pages, options);
  options.middleware.insert(options.middleware.end(), deps.write_middleware.begin(),
                            deps.write_middleware.end());
  const http::MemberRoutes writes(router, pages, std::move(options));
  using M = http::Method;
  routes.add(M::get, urls::kData, &Pages::show);
  writes.add(M::post, urls::kExport, &Pages::download);
  writes.add(M::post, urls::kDelete, &Pages::remove);
  routes.add(M::get, urls::kDeleted, &Pages::removed);
}

}  // namespace comptoir::privacy
