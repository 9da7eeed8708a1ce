#include "accounts/account_pages.hpp"

#include <fmt/format.h>

namespace comptoir::accounts {

view::Field email_field(const i18n::Catalog& messages, Locale locale, std::string id,
                        std::string_view value, std::string autocomplete) {
  return {.id = std::move(id),
          .name = "email",
          .type = "email",
          .label = std::string(messages.t(locale, "accounts.field.email")),
          .value = std::string(value),
          .autocomplete = std::move(autocomplete),
          .required = true};
}

view::Field password_field(const i18n::Catalog& messages, Locale locale, std::string id,
                           std::string name, std::string_view label_key, std::string autocomplete,
                           bool with_hint) {
  view::Field field{.id = std::move(id),
                    .name = std::move(name),
                    .type = "password",
                    .label = std::string(messages.t(locale, label_key)),
                    .autocomplete = std::move(autocomplete),
                    .required = true};
  if (with_hint) field.hint = std::string(messages.t(locale, "accounts.field.password_hint"));
  return field;
}

view::Field code_field(const i18n::Catalog& messages, Locale locale) {
  return {.id = "code",
          .name = "code",
          .label = std::string(messages.t(locale, "accounts.field.code")),
          .autocomplete = "one-time-code",
          .inputmode = "numeric",
          .hint = std::string(messages.t(locale, "accounts.field.code_hint")),
          .required = true};
}

void set_retry_after(Response& res, const Refusal& refusal) {
  if (is_form_wide(refusal))
    res.set(http::Field::retry_after, std::to_string(refusal.retry_after.count()));
}

bool is_form_wide(const Refusal& refusal) {
  return refusal.code == Refusal::Code::rate_limited ||
         refusal.code == Refusal::Code::account_locked || refusal.code == Refusal::Code::busy;
}

std::string safe_next(std::string_view next, Locale locale) {
  bool local = next.size() > 1 && next.front() == '/' && next[1] != '/' && next[1] != '\\' &&
               next.find_first_of("\r\n\t") == std::string_view::npos;
  return local ? std::string(next) : std::string(urls::kAccount[locale]);
}

view::Page Pages::page(Locale locale, std::string_view title_key,
                       const urls::Localized& path) const {
  view::Page out;
  out.layout.locale = locale;
  out.layout.title = t(locale, title_key);
  out.layout.robots = "noindex, nofollow";
  out.layout.alternate_url = std::string(path[core::other(locale)]);
  out.layout.page_type = "account";
  out.heading = out.layout.title;
  return out;
}

Response Pages::render(Status status, const view::Page& page) const {
  auto res = http::html(status, renderer_.render(page));
  return res;
}

std::string Pages::notice(const Context& ctx, Locale locale) const {
  auto query = query_of(ctx);
  auto name = query.get("notice");
  if (name.empty() || name.size() > 40) return {};
  auto key = fmt::format("accounts.notice.{}", name);
  return deps_.messages.contains(locale, key) ? t(locale, key) : std::string{};
}

std::pair<Status, std::string> Pages::refusal(const Refusal& refusal, Locale locale) const {
  switch (refusal.code) {
    case Refusal::Code::rate_limited:
    case Refusal::Code::account_locked: {
      // The same words for an unknown email: whether a link was mailed is not said.
      auto minutes = (refusal.retry_after.count() + 59) / 60;
      auto text =
          t(locale, refusal.code == Refusal::Code::account_locked ? "accounts.login.locked"
                                                                  : "accounts.rate_limited");
      auto at = text.find("{minutes}");
      if (at != std::string::npos) text.replace(at, 9, std::to_string(minutes));
      return {Status::too_many_requests, text};
    }
    case Refusal::Code::bad_credentials:
      return {Status::unauthorized, t(locale, "accounts.login.failed")};
    case Refusal::Code::invalid_email:
      return {Status::unprocessable_entity, t(locale, "accounts.field.email_invalid")};
    case Refusal::Code::weak_password:
      return {Status::unprocessable_entity, refusal.password_problem
                                                ? t(locale, message_key(*refusal.password_problem))
                                                : t(locale, "accounts.password.too_short")};
    case Refusal::Code::wrong_password:
      return {Status::unprocessable_entity, t(locale, "accounts.password.wrong_current")};
    case Refusal::Code::bad_token:
      return {Status::bad_request, t(locale, "accounts.token.invalid")};
    case Refusal::Code::busy:
      return {Status::service_unavailable, t(locale, "accounts.busy")};
  }
  return {Status::bad_request, t(locale, "error.400.message")};
}

CsrfVerdict Pages::csrf(const Context& ctx, const http::Form& form) const {
  return check_csrf(ctx, session_of(ctx), form.get(kCsrfField), deps_.allowed_origin);
}

RequestInfo Pages::info(const Context& ctx) const {
  return {.client = client_info(ctx), .request_id = ctx.request_id, .waiter = ctx.waiter};
}

Response Pages::after_sign_in(const Session& session, Locale locale, std::string_view next) const {
  if (session.awaiting_code())
    return see_other(next.empty() ? std::string(urls::kLoginCode[locale])
                                  : fmt::format("{}?next={}", urls::kLoginCode[locale],
                                                http::form_encode(next)));
  if (session.must_enrol()) return see_other(urls::kTwoFactor[locale]);
  return see_other(safe_next(next, locale));
}

std::optional<Response> Pages::gate(const Context& ctx, Locale locale, bool enrolment_page) const {
  const auto& session = session_of(ctx);
  if (session.awaiting_code()) return see_other(urls::kLoginCode[locale]);
  if (!session.signed_in()) {
    std::string here(ctx.path);
    return see_other(fmt::format("{}?next={}", urls::kLogin[locale], http::form_encode(here)));
  }
  if (session.must_enrol() && !enrolment_page) return see_other(urls::kTwoFactor[locale]);
  return std::nullopt;
}

}  // namespace comptoir::accounts
