#include "admin/staff_screens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "accounts/account_admin.hpp"
#include "accounts/session.hpp"
#include "accounts/staff_admin.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/customer_screens.hpp"
#include "admin/screen_parts.hpp"
#include "core/text.hpp"
#include "db/database.hpp"
#include "http/pages.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using accounts::StaffError;
using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

constexpr std::string_view kOwner = "owner";
constexpr std::size_t kMaxName = 200;  // users.display_name's CHECK

std::string role_text(const Kit& kit, Locale locale, std::string_view role) {
  return kit.t(locale, fmt::format("admin.role.{}", role));
}

// What the invitation form holds, as typed.
struct InviteValues {
  std::string email{};
  std::string name{};
  std::string role{};
  std::string locale{};
};

// A field of the invitation form and what is wrong with it (a message key).
struct FieldError {
  std::string_view field;  // "email", "name", "role", "locale"
  std::string_view key;
};

// The template's section that marks `field` invalid.
std::string_view invalid_section(std::string_view field) {
  if (field == "email") return "EMAIL_INVALID";
  if (field == "name") return "NAME_INVALID";
  if (field == "role") return "ROLE_INVALID";
  return "LOCALE_INVALID";
}

// The invitation screen: its form filled with `values`, `errors` beside their fields, `error` as
// the page's message; `taken`: the account that already holds the address.
Response invite_page(const Kit& kit, const Context& ctx, const Staff& staff, Status status,
                     const InviteValues& values, const std::vector<std::string>& roles,
                     const std::vector<FieldError>& errors, std::string_view error = {},
                     std::optional<std::int64_t> taken = std::nullopt) {
  const auto locale = staff.locale;
  views::Dict body("admin_invite");
  kit.labels(body, locale,
             {{"BACK", "admin.customers.back"},
              {"LEGEND", "admin.invite.legend"},
              {"HINT", "admin.invite.hint"},
              {"EMAIL_LABEL", "admin.customer.email"},
              {"NAME_LABEL", "admin.customer.name"},
              {"ROLE_LABEL", "admin.customers.role"},
              {"LOCALE_LABEL", "admin.invite.language"},
              {"SUBMIT", "admin.invite.submit"}});
  views::set(body, "BACK_URL"_key, urls::kCustomers);
  views::set(body, "ACTION"_key, urls::kCustomerInvite);
  views::set(body, "CSRF"_key, staff.csrf());
  views::set(body, "EMAIL"_key, values.email);
  views::set(body, "NAME"_key, values.name);
  for (const auto& role : roles) {
    if (role == kOwner && staff.user().role != kOwner) continue;
    add_option(body, "ROLE_OPTION", role, role_text(kit, locale, role), role == values.role);
  }
  for (auto code : {"fr", "en"})
    add_option(body, "LOCALE_OPTION", code, kit.t(locale, fmt::format("admin.language.{}", code)),
               values.locale == code);
  if (kit.needs_fresh_code(staff)) {
    auto& code = *body.AddSectionDictionary("CODE"_key);
    kit.labels(code, locale, {{"LABEL", "admin.reauth.label"}, {"HINT", "admin.reauth.hint"}});
  }
  if (!errors.empty()) {
    auto& list = *body.AddSectionDictionary("FIELD_ERRORS"_key);
    views::set(list, "TITLE"_key, kit.t(locale, "admin.product.errors"));
    for (const auto& [field, key] : errors) {
      auto text = kit.t(locale, key);
      auto& item = *list.AddSectionDictionary("FIELD_ERROR"_key);
      views::set(item, "FIELD"_key, fmt::format("invite-{}", field));
      views::set(item, "TEXT"_key, text);
      views::set(*body.AddSectionDictionary(std::string(invalid_section(field))), "TEXT"_key, text);
    }
  }
  if (taken) {
    auto& link = *body.AddSectionDictionary("TAKEN"_key);
    views::set(link, "URL"_key, urls::customer(*taken));
    views::set(link, "TEXT"_key, kit.t(locale, "admin.invite.see_account"));
  }
  return kit.page(status, ctx, staff, Section::customers, kit.t(locale, "admin.invite.title"),
                  "customer_invite.tpl", body, {}, error);
}

}  // namespace

void add_staff_forms(const Kit& kit, views::Dict& actions, const Staff& staff,
                     const accounts::AccountFacts& facts, const std::vector<std::string>& roles) {
  const auto locale = staff.locale;
  const auto& me = staff.user();
  const auto& user = facts.user;
  const bool own = me.id == user.id;
  // An owner's account is an owner's business; one's own is one's own (sign-out only).
  if (!own && user.role == kOwner && me.role != kOwner) return;
  const auto page = urls::customer(user.id);
  if (!own) {
    auto& form = *actions.AddSectionDictionary("ROLE_FORM"_key);
    views::set(form, "URL"_key, fmt::format("{}/role", page));
    views::set(form, "CSRF"_key, staff.csrf());
    views::set(form, "EXPECTED"_key, user.role);
    kit.labels(form, locale,
               {{"TITLE", "admin.staff.change_role"},
                {"HINT", "admin.staff.role_hint"},
                {"ROLE_LABEL", "admin.staff.new_role"},
                {"CONFIRM_LABEL", "admin.staff.role_confirm"},
                {"SUBMIT", "admin.staff.change_role"}});
    for (const auto& role : roles) {
      if (role == kOwner && me.role != kOwner) continue;
      add_option(form, "ROLE_OPTION", role, role_text(kit, locale, role), role == user.role);
    }
    if (kit.needs_fresh_code(staff)) {
      auto& code = *form.AddSectionDictionary("CODE"_key);
      kit.labels(code, locale, {{"LABEL", "admin.reauth.label"}, {"HINT", "admin.reauth.hint"}});
    }
  }
  // One's own current session stays: it is the one asking.
  if (facts.open_sessions > (own ? 1 : 0)) {
    auto& form = *actions.AddSectionDictionary("SIGN_OUT_FORM"_key);
    views::set(form, "URL"_key, fmt::format("{}/sessions", page));
    views::set(form, "CSRF"_key, staff.csrf());
    const std::string_view which = own ? "sign_out_others" : "sign_out";
    views::set(form, "TITLE"_key, kit.t(locale, fmt::format("admin.staff.{}", which)));
    views::set(form, "SUBMIT"_key, kit.t(locale, fmt::format("admin.staff.{}", which)));
    views::set(form, "HINT"_key, kit.t(locale, fmt::format("admin.staff.{}_hint", which)));
    views::set(form, "CONFIRM_LABEL"_key,
               kit.t(locale, fmt::format("admin.staff.{}_confirm", which)));
  }
  if (facts.awaits_invitation && !user.disabled_at) {
    auto& form = *actions.AddSectionDictionary("INVITE_FORM"_key);
    views::set(form, "URL"_key, fmt::format("{}/invitation", page));
    views::set(form, "CSRF"_key, staff.csrf());
    kit.labels(form, locale,
               {{"TITLE", "admin.staff.invite_again"},
                {"HINT", "admin.staff.invite_again_hint"},
                {"SUBMIT", "admin.staff.invite_again"}});
  }
}

net::awaitable<Response> StaffScreens::change_role(Context& ctx) const {
  auto asked = co_await account_form(kit_, ctx);
  if (!asked) co_return std::move(asked.error());
  const auto& [staff, form, id] = *asked;
  auto fail = [&](Status status, std::string_view key) {
    return customers_.refuse(ctx, staff, id, status, key);
  };
  std::string role(form.get("role"));
  std::string expected(form.get("expected"));
  if (role.empty() || expected.empty())
    co_return co_await fail(Status::bad_request, "admin.order.bad_action");
  if (form.get("confirm") != "yes")
    co_return co_await fail(Status::unprocessable_entity, "admin.customer.not_confirmed");
  std::string code(form.get("code"));
  if (auto refused = co_await kit_.confirm_identity(ctx, staff, std::move(code)))
    co_return co_await fail(Status::unprocessable_entity, *refused);

  auto context = audit_context(ctx, staff);
  auto changed = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    return accounts::StaffAdmin(conn).change_role(id, role, expected, context);
  });
  if (!changed) {
    switch (changed.error()) {
      case StaffError::not_found:
        throw http::HttpError(Status::not_found);
      case StaffError::yourself:
        co_return co_await fail(Status::unprocessable_entity, "admin.staff.not_your_role");
      case StaffError::owner_only:
        co_return co_await fail(Status::forbidden, "admin.staff.owner_only");
      case StaffError::last_owner:
        co_return co_await fail(Status::unprocessable_entity, "admin.staff.last_owner");
      case StaffError::stale:
        co_return co_await fail(Status::conflict, "admin.customer.stale");
      default:  // unknown_role; the others are not a role change's
        co_return co_await fail(Status::unprocessable_entity, "admin.staff.unknown_role");
    }
  }
  co_return http::see_other(
      http::with_notice(urls::customer(id), changed->changed ? "role_changed" : "role_unchanged"));
}

net::awaitable<Response> StaffScreens::sign_out(Context& ctx) const {
  auto asked = co_await account_form(kit_, ctx);
  if (!asked) co_return std::move(asked.error());
  const auto& [staff, form, id] = *asked;
  if (form.get("confirm") != "yes")
    co_return co_await customers_.refuse(ctx, staff, id, Status::unprocessable_entity,
                                         "admin.customer.not_confirmed");
  auto context = audit_context(ctx, staff);
  const bool own = staff.user().id == id;
  std::optional<std::string_view> keep;
  if (own) keep = staff.session.id_hash;
  auto ended = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) { return accounts::StaffAdmin(conn).sign_out(id, keep, context); });
  if (!ended) {
    if (ended.error() == StaffError::not_found) throw http::HttpError(Status::not_found);
    co_return co_await customers_.refuse(ctx, staff, id, Status::forbidden,
                                         "admin.staff.owner_only");
  }
  co_return http::see_other(
      http::with_notice(urls::customer(id), own ? "other_sessions_ended" : "signed_out"));
}

net::awaitable<Response> StaffScreens::invite_again(Context& ctx) const {
  auto asked = co_await account_form(kit_, ctx);
  if (!asked) co_return std::move(asked.error());
  const auto& [staff, form, id] = *asked;
  auto context = audit_context(ctx, staff);
  const auto& base_url = kit_.deps().base_url;
  auto sent = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    return accounts::StaffAdmin(conn).invite_again(id, base_url, context);
  });
  if (!sent) {
    switch (sent.error()) {
      case StaffError::not_found:
        throw http::HttpError(Status::not_found);
      case StaffError::owner_only:
        co_return co_await customers_.refuse(ctx, staff, id, Status::forbidden,
                                             "admin.staff.owner_only");
      default:  // not_invited
        co_return co_await customers_.refuse(ctx, staff, id, Status::conflict,
                                             "admin.staff.not_invited");
    }
  }
  co_return http::see_other(http::with_notice(urls::customer(id), "invitation_sent"));
}

net::awaitable<Response> StaffScreens::invite_form(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "users:manage");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  auto roles = co_await kit_.deps().db.transact(
      [](db::Connection& conn) { return accounts::StaffAdmin(conn).staff_roles(); });
  InviteValues values{.role = "support", .locale = std::string(core::code(staff.locale))};
  co_return invite_page(kit_, ctx, staff, Status::ok, values, roles, {});
}

net::awaitable<Response> StaffScreens::invite(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "users:manage");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  InviteValues values{.email = std::string(core::trim_blanks(form.get("email"))),
                      .name = std::string(core::trim_blanks(form.get("name"))),
                      .role = std::string(form.get("role")),
                      .locale = std::string(form.get("locale"))};
  auto roles = co_await kit_.deps().db.transact(
      [](db::Connection& conn) { return accounts::StaffAdmin(conn).staff_roles(); });

  std::vector<FieldError> errors;
  if (!accounts::is_plausible_email(accounts::normalize_email(values.email)))
    errors.push_back({"email", "admin.invite.bad_email"});
  if (values.name.size() > kMaxName) errors.push_back({"name", "admin.invite.long_name"});
  if (std::ranges::find(roles, values.role) == roles.end())
    errors.push_back({"role", "admin.invite.bad_role"});
  auto locale = core::locale_from_code(values.locale);
  if (!locale) errors.push_back({"locale", "admin.invite.bad_language"});
  if (!errors.empty())
    co_return invite_page(kit_, ctx, staff, Status::unprocessable_entity, values, roles, errors);
  if (values.role == kOwner && staff.user().role != kOwner)
    co_return invite_page(kit_, ctx, staff, Status::forbidden, values, roles, {},
                          kit_.t(staff.locale, "admin.staff.owner_only"));
  std::string code(form.get("code"));
  if (auto refused = co_await kit_.confirm_identity(ctx, staff, std::move(code)))
    co_return invite_page(kit_, ctx, staff, Status::unprocessable_entity, values, roles, {},
                          kit_.t(staff.locale, *refused));

  accounts::Invitee invitee{
      .email = values.email, .display_name = values.name, .role = values.role, .locale = *locale};
  auto context = audit_context(ctx, staff);
  const auto& base_url = kit_.deps().base_url;
  std::optional<std::int64_t> holder;
  auto invited = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    auto made = accounts::StaffAdmin(conn).invite(invitee, base_url, context);
    if (!made && made.error() == StaffError::email_taken)
      holder = accounts::AccountAdmin(conn).id_of(invitee.email);
    return made;
  });
  if (!invited) {
    if (invited.error() == StaffError::email_taken)
      co_return invite_page(kit_, ctx, staff, Status::conflict, values, roles, {},
                            kit_.t(staff.locale, "admin.invite.taken"), holder);
    co_return invite_page(kit_, ctx, staff, Status::forbidden, values, roles, {},
                          kit_.t(staff.locale, "admin.staff.owner_only"));
  }
  co_return http::see_other(http::with_notice(urls::customer(invited->id), "invitation_sent"));
}

}  // namespace comptoir::admin
