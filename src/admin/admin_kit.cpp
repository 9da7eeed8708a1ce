#include "admin/admin_kit.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "accounts/account_urls.hpp"
#include "accounts/audit_log.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "accounts/two_factor.hpp"
#include "admin/admin_urls.hpp"
#include "core/text.hpp"
#include "db/database.hpp"
#include "http/pages.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "staticfiles/asset_store.hpp"
#include "views/dictionary.hpp"
#include "views/views.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

struct NavEntry {
  Section section;
  std::string_view url;
  std::string_view label_key;
  std::string_view permission;  // empty: every staff member
};

constexpr NavEntry kNavigation[] = {
    {Section::dashboard, urls::kDashboard, "admin.nav.dashboard", ""},
    {Section::orders, urls::kOrders, "admin.nav.orders", "orders:read"},
    {Section::returns, urls::kReturns, "admin.nav.returns", "orders:read"},
    {Section::products, urls::kProducts, "admin.nav.products", "catalog:read"},
    {Section::categories, urls::kCategories, "admin.nav.categories", "catalog:read"},
    {Section::customers, urls::kCustomers, "admin.nav.customers", "customers:read"},
    {Section::activity, urls::kActivity, "admin.nav.activity", "audit:read"},
    {Section::incidents, urls::kIncidents, "admin.nav.incidents", "audit:read"},
    {Section::settings, urls::kSettings, "admin.nav.settings", "settings:manage"},
};

// The screen a page shows, for the language switch to come back to: the address itself for a
// GET; for a refused form, the screen it was posted from (its first three segments:
// /admin/products/12/images/3 → /admin/products/12), never an address only a POST answers.
std::string screen_of(const Context& ctx) {
  const auto method = ctx.request.method();
  if (method == http::Method::get || method == http::Method::head) {
    std::string here(ctx.path);
    if (!ctx.query.empty()) fmt::format_to(std::back_inserter(here), "?{}", ctx.query);
    return here;
  }
  std::string_view path = ctx.path;
  std::size_t end = 0;
  for (int segment = 0; segment < 3 && end != std::string_view::npos; ++segment)
    end = path.find('/', end + 1);
  return std::string(path.substr(0, end));
}

// Where the browser comes back to after signing in: the screen it asked for (a GET), or the
// dashboard (a form posted after the session ended cannot be replayed).
std::string way_back(const Context& ctx) {
  if (ctx.request.method() != http::Method::get) return std::string(urls::kDashboard);
  std::string here(ctx.path);
  if (!ctx.query.empty()) fmt::format_to(std::back_inserter(here), "?{}", ctx.query);
  return here;
}

Response no_store(Response res) {
  res.set(http::Field::cache_control, "no-store");
  return res;
}

}  // namespace

const accounts::User& Staff::user() const {
  return *session.user;
}

bool Staff::can(std::string_view permission) const {
  return permission.empty() || session.user->can(permission);
}

const std::string& Staff::csrf() const {
  return session.csrf_token;
}

Kit::Kit(AdminDeps deps)
    : deps_(std::move(deps)),
      site_stylesheet_(deps_.assets.url("css/site.css")),
      admin_stylesheet_(deps_.assets.url("css/admin.css")),
      favicon_(deps_.assets.url("favicon.svg")) {}

net::awaitable<std::expected<Staff, Response>> Kit::admit(Context& ctx,
                                                          std::string_view permission) const {
  auto& session = accounts::session_of(ctx);
  auto locale = ctx.locale;
  auto back = http::form_encode(way_back(ctx));
  if (session.awaiting_code())
    co_return std::unexpected(
        http::see_other(fmt::format("{}?next={}", accounts::urls::kLoginCode[locale], back)));
  if (!session.signed_in())
    co_return std::unexpected(
        http::see_other(fmt::format("{}?next={}", accounts::urls::kLogin[locale], back)));
  locale = core::locale_from_code(session.user->locale).value_or(locale);
  ctx.locale = locale;  // error pages from here on speak the staff member's language
  if (!session.user->is_staff()) co_return std::unexpected(forbidden(ctx, locale));
  if (session.must_enrol())
    co_return std::unexpected(http::see_other(accounts::urls::kTwoFactor[locale]));
  Staff staff{session, locale};
  if (!staff.can(permission)) {
    std::string path(ctx.path);
    std::string wanted(permission);
    co_await deps_.db.transact([&](db::Connection& conn) {
      audit(conn, ctx, staff, "access.denied", "route", path, {{"permission", wanted}});
    });
    co_return std::unexpected(forbidden(ctx, locale));
  }
  co_return staff;
}

Response Kit::forbidden(const Context& ctx, Locale locale) const {
  return no_store(http::html(
      Status::forbidden, deps_.views.render_error(locale, Status::forbidden, ctx.request_id, "")));
}

net::awaitable<std::expected<Kit::Posted, Response>> Kit::admit_form(
    Context& ctx, std::string_view permission) const {
  auto admitted = co_await admit(ctx, permission);
  if (!admitted) co_return std::unexpected(std::move(admitted.error()));
  auto form = http::form_of(ctx);
  if (!csrf_ok(ctx, *admitted, form)) throw http::HttpError(http::Status::forbidden);
  co_return Posted{.staff = *admitted, .form = std::move(form)};
}

bool Kit::csrf_ok(const Context& ctx, const Staff& staff, const http::Form& form) const {
  return accounts::check_csrf(ctx, staff.session, form.get(accounts::kCsrfField),
                              deps_.allowed_origin) == accounts::CsrfVerdict::ok;
}

Response Kit::page(Status status, const Context& ctx, const Staff& staff, Section section,
                   std::string_view title, std::string_view body_template, views::Dict& body,
                   std::string_view notice, std::string_view error) const {
  auto locale = staff.locale;
  auto other = core::other(locale);
  auto body_html = deps_.views.fragment(fmt::format("admin/{}", body_template), body);

  views::Dict layout("admin_layout");
  views::set(layout, "LANG"_key, deps_.views.tags()[locale]);
  views::set(layout, "TITLE"_key, title);
  views::set(layout, "BACK_OFFICE"_key, t(locale, "admin.back_office"));
  views::set(layout, "SHOP_NAME"_key, deps_.views.shop_name()(locale));
  views::set(layout, "SKIP_LINK"_key, t(locale, "layout.skip_link"));
  views::set(layout, "STYLESHEET_URL"_key, site_stylesheet_);
  views::set(layout, "ADMIN_STYLESHEET_URL"_key, admin_stylesheet_);
  views::set(layout, "FAVICON_URL"_key, favicon_);
  views::set(layout, "DASHBOARD_URL"_key, urls::kDashboard);
  const auto& user = staff.user();
  views::set(layout, "SIGNED_IN_AS"_key,
             fmt::format("{} ({})", user.display_name.empty() ? user.email : user.display_name,
                         t(locale, fmt::format("admin.role.{}", user.role))));
  views::set(layout, "CSRF"_key, staff.csrf());
  views::set(layout, "LOCALE_URL"_key, urls::kLocale);
  views::set(layout, "OTHER_LOCALE"_key, core::code(other));
  views::set(layout, "OTHER_LANGUAGE"_key, t(other, "layout.language_name"));
  views::set(layout, "HERE"_key, screen_of(ctx));
  views::set(layout, "LOGOUT_URL"_key, accounts::urls::kLogout[locale]);
  views::set(layout, "LOGOUT"_key, t(locale, "admin.logout"));
  views::set(layout, "NAV_LABEL"_key, t(locale, "admin.nav.label"));
  for (const auto& entry : kNavigation) {
    if (!staff.can(entry.permission)) continue;
    auto& item = *layout.AddSectionDictionary("NAV_ITEM"_key);
    views::set(item, "URL"_key, entry.url);
    views::set(item, "TEXT"_key, t(locale, entry.label_key));
    if (entry.section == section) item.ShowSection("CURRENT"_key);
  }
  if (!notice.empty())
    views::set(*layout.AddSectionDictionary("NOTICE_SECTION"_key), "NOTICE"_key, notice);
  if (!error.empty())
    views::set(*layout.AddSectionDictionary("ERROR_SECTION"_key), "ERROR"_key, error);
  layout.SetValueWithoutCopy("BODY"_key, views::ts(body_html));
  return no_store(http::html(status, deps_.views.fragment("admin/layout.tpl", layout)));
}

std::string Kit::notice(const Context& ctx, Locale locale) const {
  const auto query = http::query_of(ctx);  // named: `name` views into it
  auto name = query.get("notice");
  if (name.empty() || name.size() > 40) return {};
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return {};
  auto key = fmt::format("admin.notice.{}", name);
  if (!deps_.messages.contains(locale, key)) return {};
  return t(locale, key);
}

bool Kit::needs_fresh_code(const Staff& staff) const {
  const auto& verified = staff.session.verified_at;
  return !verified || std::chrono::system_clock::now() - *verified > kFreshFactor;
}

net::awaitable<std::optional<std::string>> Kit::confirm_identity(Context& ctx, const Staff& staff,
                                                                 std::string code) const {
  if (!needs_fresh_code(staff)) co_return std::nullopt;
  code = std::string(core::trim_blanks(code));
  if (code.empty()) co_return std::string("admin.reauth.needed");
  accounts::RequestInfo info{
      .client = accounts::client_info(ctx), .request_id = ctx.request_id, .waiter = ctx.waiter};
  const auto& user = staff.user();
  auto checked = co_await deps_.two_factor.check(user, std::move(code), std::move(info));
  if (!checked)
    co_return std::string(checked.error().code == accounts::Refusal::Code::rate_limited
                              ? "admin.reauth.rate_limited"
                              : "admin.reauth.wrong_code");
  co_await deps_.sessions.reconfirm(staff.session);
  co_return std::nullopt;
}

void Kit::audit(db::Connection& conn, const Context& ctx, const Staff& staff,
                std::string_view action, std::string_view target_kind, std::string_view target_id,
                boost::json::object details) const {
  accounts::append_audit(conn, {.actor = accounts::Actor::user(staff.user().id),
                                .action = std::string(action),
                                .target_kind = std::string(target_kind),
                                .target_id = std::string(target_id),
                                .ip = ctx.client_ip,
                                .request_id = ctx.request_id,
                                .details = std::move(details)});
}

std::string Kit::t(Locale locale, std::string_view key) const {
  return std::string(deps_.messages.t(locale, key));
}

void Kit::labels(views::Dict& dict, Locale locale,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> pairs) const {
  for (const auto& [variable, key] : pairs)
    views::set(dict, variable, deps_.messages.t(locale, key));
}

std::string Kit::money(std::int64_t minor_units, std::string_view currency, Locale locale) const {
  return deps_.formatter.money(minor_units, currency, locale);
}

std::string Kit::number(std::int64_t value, Locale locale) const {
  return deps_.formatter.number(value, locale);
}

std::string Kit::when(std::string_view iso) {
  if (iso.size() < 16) return std::string(iso);
  return fmt::format("{} {} UTC", iso.substr(0, 10), iso.substr(11, 5));
}

std::string Kit::when(std::chrono::sys_seconds time) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", std::chrono::floor<std::chrono::minutes>(time));
}

}  // namespace comptoir::admin
