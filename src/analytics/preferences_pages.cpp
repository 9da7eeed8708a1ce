#include "analytics/preferences_pages.hpp"

#include <fmt/format.h>

#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "analytics/analytics_urls.hpp"
#include "http/cookie.hpp"
#include "http/member_routes.hpp"
#include "http/pages.hpp"
#include "views/dictionary.hpp"

namespace comptoir::analytics {

using namespace views::literals;
namespace {

using http::Context;
using http::Response;
using http::Status;
using views::set;

class PreferencesPages {
 public:
  explicit PreferencesPages(const PreferencesDeps& deps) : deps_(deps) {}

  http::net::awaitable<Response> save(Context& ctx, core::Locale locale) const {
    auto& session = accounts::session_of(ctx);
    auto form = http::form_of(ctx);
    auto back = safe_return(form.get("return"), deps_.allowed_origin);
    if (accounts::check_csrf(ctx, session, form.get(accounts::kCsrfField), deps_.allowed_origin) !=
        accounts::CsrfVerdict::ok) {
      deps_.sessions.prepare(session);
      co_return page(Status::forbidden, locale, consent_of(ctx), session.csrf_token, back,
                     t(locale, "analytics.preferences.error.csrf"));
    }
    auto choice = form.get("analytics");
    if (!deps_.settings.enabled() || (choice != "granted" && choice != "denied")) {
      co_return page(Status::unprocessable_entity, locale, consent_of(ctx), session.csrf_token,
                     back, t(locale, "analytics.preferences.error.choice"));
    }
    auto res = http::see_other(back.empty() ? http::with_notice(urls::kPreferences[locale], "saved")
                                            : back);
    auto consent = choice == "granted" ? Consent::granted : Consent::denied;
    res.insert(http::Field::set_cookie,
               http::set_cookie(kConsentCookie, consent_value(consent),
                                {.secure = deps_.secure_cookie,
                                 .http_only = false,  // the consent script reads it
                                 .same_site = "Lax",
                                 .path = "/",
                                 .max_age = kConsentLifetime}));
    co_return res;
  }

 private:
  std::string t(core::Locale locale, std::string_view key) const {
    return std::string(deps_.messages.t(locale, key));
  }

  Response page(Status status, core::Locale locale, Consent current, const std::string& csrf,
                const std::string& back, const std::string& error) const {
    views::Dict body("preferences");
    set(body, "TITLE"_key, t(locale, "analytics.preferences.title"));
    auto& messages = views::include(body, "MESSAGES"_key, "views/_messages.tpl");
    if (!error.empty()) {
      auto* errors = messages.AddSectionDictionary("ERRORS"_key);
      set(*errors, "TITLE"_key, t(locale, "page.errors_title"));
      set(*errors->AddSectionDictionary("ERROR"_key)->AddSectionDictionary("UNLINKED"_key),
          "MESSAGE"_key, error);
    }
    fill_preferences(views::include(body, "PREFERENCES"_key, "analytics/_preferences.tpl"),
                     {.locale = locale, .current = current, .csrf = csrf, .return_to = back},
                     deps_.settings, deps_.messages);
    views::Page layout{.locale = locale,
                       .title = t(locale, "analytics.preferences.title"),
                       .alternate_url = std::string(urls::kPreferences[core::other(locale)]),
                       .status = static_cast<int>(status),
                       .robots = "noindex, follow"};
    return http::html(status, deps_.views.render("analytics/preferences.tpl", body, layout));
  }

  PreferencesDeps deps_;
};

}  // namespace

void fill_preferences(views::Dict& dict, const PreferencesSection& section,
                      const core::AnalyticsSettings& settings, const i18n::Catalog& messages) {
  auto locale = section.locale;
  auto t = [&](std::string_view key) { return messages.t(locale, key); };
  set(dict, "HEADING"_key, t("analytics.preferences.heading"));
  if (!section.notice.empty())
    set(*dict.AddSectionDictionary("NOTICE"_key), "TEXT"_key, section.notice);
  if (!settings.enabled()) {
    set(*dict.AddSectionDictionary("PARAGRAPH"_key), "TEXT"_key, t("analytics.preferences.none"));
    return;
  }
  auto kind = core::name(settings.provider);
  set(*dict.AddSectionDictionary("PARAGRAPH"_key), "TEXT"_key,
      t(fmt::format("analytics.preferences.{}", kind)));
  set(*dict.AddSectionDictionary("PARAGRAPH"_key), "TEXT"_key, t("analytics.preferences.storage"));
  auto* form = dict.AddSectionDictionary("CHOICE_FORM"_key);
  auto current = section.current;
  auto current_name = current == Consent::granted  ? "granted"
                      : current == Consent::denied ? "denied"
                                                   : "unknown";
  set(*form, "CURRENT_CHOICE"_key, current_name);
  set(*form, "CURRENT"_key, t(fmt::format("analytics.preferences.current.{}", current_name)));
  set(*form, "ACTION"_key, urls::kPreferences[locale]);
  set(*form, "CSRF"_key, section.csrf);
  set(*form, "RETURN"_key, section.return_to);
  set(*form, "LEGEND"_key, t("analytics.preferences.legend"));
  set(*form, "GRANT_LABEL"_key, t("analytics.preferences.grant"));
  set(*form, "DENY_LABEL"_key, t("analytics.preferences.deny"));
  set(*form, "SAVE"_key, t("analytics.preferences.save"));
  // Plausible measures unless refused: its "no choice yet" is a yes.
  if (allows_measurement(settings, current) && current != Consent::unknown)
    form->ShowSection("GRANTED"_key);
  else if (current == Consent::denied)
    form->ShowSection("DENIED"_key);
  else if (!settings.needs_consent())
    form->ShowSection("GRANTED"_key);
}

std::string safe_return(std::string_view target, std::string_view allowed_origin) {
  if (!allowed_origin.empty() && target.starts_with(allowed_origin)) {
    target.remove_prefix(allowed_origin.size());
    if (target.empty()) return "/";
  }
  if (!target.starts_with('/') || target.starts_with("//") || target.starts_with("/\\") ||
      target.size() > 2000)
    return {};
  for (char c : target)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return {};
  return std::string(target);
}

void add_preferences_section(http::Context& ctx, core::Locale locale, views::Dict& body,
                             std::string_view name, const PreferencesDeps& deps) {
  auto& session = accounts::session_of(ctx);
  deps.sessions.prepare(session);
  std::string notice;
  if (http::query_of(ctx).get("notice") == "saved")
    notice = deps.messages.t(locale, "analytics.preferences.saved");
  // Back to the page the visitor came from, unless that is this page (the footer's link).
  auto referer = std::string(ctx.request[http::Field::referer]);
  auto back = safe_return(referer, deps.allowed_origin);
  if (back.starts_with(urls::kPreferences[locale])) back.clear();
  fill_preferences(views::include(body, name, "analytics/_preferences.tpl"),
                   {.locale = locale,
                    .current = consent_of(ctx),
                    .csrf = session.csrf_token,
                    .return_to = back,
                    .notice = notice},
                   deps.settings, deps.messages);
}

void add_preferences_routes(http::Router& router, const PreferencesDeps& deps) {
  const http::MemberRoutes routes(router, std::make_shared<const PreferencesPages>(deps),
                                  {.middleware = {accounts::with_session(deps.sessions)}});
  routes.add(http::Method::post, urls::kPreferences, &PreferencesPages::save);
}

}  // namespace comptoir::analytics
