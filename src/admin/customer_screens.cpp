#include "admin/customer_screens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <expected>
#include <utility>

#include "accounts/account_admin.hpp"
#include "accounts/address_book.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/session.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/postal_lines.hpp"
#include "admin/screen_parts.hpp"
#include "admin/staff_screens.hpp"
#include "db/database.hpp"
#include "http/pages.hpp"
#include "orders/order_service.hpp"
#include "orders/return_service.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using accounts::AccountState;
using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

constexpr int kPageSize = 50;
constexpr std::size_t kMaxSearch = 100;
constexpr int kOrdersShown = 50;  // OrderService::list_for_user's

constexpr std::array kStates{std::pair{AccountState::active, "active"},
                             std::pair{AccountState::disabled, "disabled"},
                             std::pair{AccountState::unverified, "unverified"}};

struct ListQuery {
  accounts::AccountFilter filter{};
  std::string search{}, role{}, state{};
  std::vector<std::string> errors{};  // message keys
};

ListQuery read_list_query(const Context& ctx) {
  ListQuery out;
  auto query = http::query_of(ctx);
  out.filter.limit = kPageSize;
  out.search = search_of(query.get("q"), kMaxSearch);
  out.filter.search = out.search;
  out.role = std::string(query.get("role"));  // checked against the roles once they are read
  out.state = std::string(query.get("state"));
  if (!out.state.empty()) {
    auto known = std::ranges::find(kStates, std::string_view(out.state), [](const auto& state) {
      return std::string_view(state.second);
    });
    if (known == kStates.end()) {
      out.errors.emplace_back("admin.customers.bad_state");
      out.state.clear();
    } else {
      out.filter.state = known->first;
    }
  }
  out.filter.before_id = positive_number(query.get("before"));
  return out;
}

std::string customers_url(const ListQuery& query, std::optional<std::int64_t> before) {
  auto cursor = before ? std::to_string(*before) : std::string();
  return list_url(
      urls::kCustomers,
      {{"q", query.search}, {"role", query.role}, {"state", query.state}, {"before", cursor}});
}

std::string role_text(const Kit& kit, Locale locale, std::string_view role) {
  return kit.t(locale, fmt::format("admin.role.{}", role));
}

std::string yes_no(const Kit& kit, Locale locale, bool yes) {
  return kit.t(locale, yes ? "admin.customer.yes" : "admin.customer.no");
}

std::string state_text(const Kit& kit, Locale locale, const accounts::User& user) {
  if (user.disabled_at)
    return fmt::format("{} {}", kit.t(locale, "admin.customer.disabled_since"),
                       Kit::when(*user.disabled_at));
  return kit.t(locale, "admin.customer.active");
}

std::optional<std::int64_t> id_of(const Context& ctx) {
  return positive_number(ctx.param("id"));
}

}  // namespace

accounts::AuditEntry audit_context(const Context& ctx, const Staff& staff) {
  return {.actor = accounts::Actor::user(staff.user().id),
          .ip = ctx.client_ip,
          .request_id = ctx.request_id};
}

net::awaitable<std::expected<AccountForm, Response>> account_form(const Kit& kit, Context& ctx) {
  auto admitted = co_await kit.admit_form(ctx, "users:manage");
  if (!admitted) co_return std::unexpected(std::move(admitted.error()));
  auto id = id_of(ctx);
  if (!id) throw http::HttpError(Status::not_found);
  co_return AccountForm{.staff = admitted->staff, .form = std::move(admitted->form), .id = *id};
}

net::awaitable<Response> CustomerScreens::refuse(Context& ctx, const Staff& staff, std::int64_t id,
                                                 Status status, std::string_view key) const {
  auto message = kit_.t(staff.locale, key);
  return render(ctx, staff, id, status, std::move(message), true);
}

net::awaitable<Response> CustomerScreens::list(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "customers:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto query = read_list_query(ctx);
  std::vector<std::string> roles;
  auto page = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    accounts::AccountAdmin accounts(conn);
    roles = accounts.role_names();
    if (!query.role.empty() && std::ranges::find(roles, query.role) == roles.end()) {
      query.errors.emplace_back("admin.customers.bad_role");
      query.role.clear();
    }
    query.filter.role = query.role;
    return accounts.list(query.filter);
  });

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_customers");
  kit_.labels(body, locale,
              {{"FILTERS_LABEL", "admin.customers.filters"},
               {"SEARCH_LABEL", "admin.orders.search"},
               {"SEARCH_HINT", "admin.customers.search_hint"},
               {"ROLE_LABEL", "admin.customers.role"},
               {"STATE_LABEL", "admin.customers.state"},
               {"FILTER_BUTTON", "admin.orders.filter"},
               {"RESET", "admin.orders.reset"},
               {"CAPTION", "admin.customers.caption"},
               {"EMAIL_HEAD", "admin.customer.email"},
               {"NAME_HEAD", "admin.customer.name"},
               {"ROLE_HEAD", "admin.customers.role"},
               {"VERIFIED_HEAD", "admin.customer.verified"},
               {"TWO_FACTOR_HEAD", "admin.customer.two_factor"},
               {"CREATED_HEAD", "admin.customer.created"},
               {"STATE_HEAD", "admin.customers.state"},
               {"PAGES_LABEL", "admin.customers.pages"}});
  views::set(body, "ACTION"_key, urls::kCustomers);
  views::set(body, "RESET_URL"_key, urls::kCustomers);
  if (staff.can("users:manage")) {
    auto& invite = *body.AddSectionDictionary("INVITE_LINK"_key);
    views::set(invite, "URL"_key, urls::kCustomerInvite);
    views::set(invite, "TEXT"_key, t("admin.invite.title"));
  }
  views::set(body, "SEARCH"_key, query.search);
  add_option(body, "ROLE_OPTION", "", t("admin.customers.any_role"), query.role.empty());
  for (const auto& role : roles)
    add_option(body, "ROLE_OPTION", role, role_text(kit_, locale, role), role == query.role);
  add_option(body, "STATE_OPTION", "", t("admin.customers.any_state"), query.state.empty());
  for (const auto& [state, name] : kStates)
    add_option(body, "STATE_OPTION", name, t(fmt::format("admin.customers.state.{}", name)),
               query.state == name);
  for (const auto& user : page.accounts) {
    auto& row = *body.AddSectionDictionary("CUSTOMER_ROW"_key);
    views::set(row, "URL"_key, urls::customer(user.id));
    views::set(row, "EMAIL"_key, user.email);
    views::set(row, "NAME"_key, user.display_name);
    views::set(row, "ROLE"_key, role_text(kit_, locale, user.role));
    views::set(row, "VERIFIED"_key, yes_no(kit_, locale, user.email_verified));
    views::set(row, "TWO_FACTOR"_key, yes_no(kit_, locale, user.totp_enabled));
    views::set(row, "CREATED"_key, Kit::when(user.created_at));
    views::set(row, "STATE"_key, state_text(kit_, locale, user));
  }
  if (page.accounts.empty())
    views::set(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key, t("admin.customers.none"));
  add_page_links(body, query.filter.before_id ? customers_url(query, std::nullopt) : "",
                 t("admin.orders.newest"),
                 page.next_before_id ? customers_url(query, page.next_before_id) : "",
                 t("admin.customers.older"));
  std::string error;
  for (const auto& key : query.errors) error += (error.empty() ? "" : " ") + t(key);
  co_return kit_.page(query.errors.empty() ? Status::ok : Status::bad_request, ctx, staff,
                      Section::customers, t("admin.customers.title"), "customers.tpl", body, {},
                      error);
}

net::awaitable<Response> CustomerScreens::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "customers:read");
  if (!admitted) co_return std::move(admitted.error());
  auto id = id_of(ctx);
  if (!id) throw http::HttpError(Status::not_found);
  auto notice = kit_.notice(ctx, admitted->locale);
  co_return co_await render(ctx, *admitted, *id, Status::ok, std::move(notice));
}

net::awaitable<Response> CustomerScreens::render(Context& ctx, const Staff& staff, std::int64_t id,
                                                 Status status, std::string message,
                                                 bool is_error) const {
  const auto locale = staff.locale;
  const auto& deps = kit_.deps();
  const bool manages = staff.can("users:manage");
  std::vector<std::string> roles;  // for the role form
  auto found = co_await deps.db.transact([&](db::Connection& conn) {
    accounts::AccountAdmin accounts(conn);
    if (manages) roles = accounts.role_names();
    return accounts.facts(id);
  });
  if (!found) throw http::HttpError(Status::not_found);
  const auto& user = found->user;
  const bool reads_orders = staff.can("orders:read");
  std::vector<orders::OrderSummary> placed;
  orders::ReturnPage returned;
  if (reads_orders) {
    placed = co_await deps.orders.list_for_user(id);
    orders::ReturnFilter filter{.user_id = id, .limit = kOrdersShown};
    returned = co_await deps.returns.list(std::move(filter));
  }
  auto addresses = co_await deps.addresses.list(id);
  if (!addresses.empty()) {
    // Saved addresses are personal data, sealed at rest: each opening is on record.
    co_await deps.db.transact([&](db::Connection& conn) {
      kit_.audit(conn, ctx, staff, "user.addresses_viewed", "user", std::to_string(id),
                 {{"addresses", static_cast<std::int64_t>(addresses.size())}});
    });
  }

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_customer");
  kit_.labels(body, locale,
              {{"BACK", "admin.customers.back"},
               {"ACCOUNT_TITLE", "admin.customer.account"},
               {"ADDRESSES_TITLE", "admin.customer.addresses"},
               {"ADDRESSES_NOTE", "admin.customer.addresses_audited"}});
  views::set(body, "BACK_URL"_key, urls::kCustomers);
  auto fact = [&](std::string_view label, std::string_view value) {
    auto& row = *body.AddSectionDictionary("FACT"_key);
    views::set(row, "LABEL"_key, label);
    views::set(row, "VALUE"_key, value);
  };
  fact(t("admin.customer.email"), user.email);
  fact(t("admin.customer.name"), user.display_name.empty() ? "—" : user.display_name);
  fact(t("admin.customers.role"), role_text(kit_, locale, user.role));
  fact(t("admin.order.language"), t(fmt::format("admin.language.{}", user.locale)));
  fact(t("admin.customer.created"), Kit::when(user.created_at));
  fact(t("admin.customer.verified"), yes_no(kit_, locale, user.email_verified));
  fact(t("admin.customers.state"), state_text(kit_, locale, user));
  fact(t("admin.customer.two_factor"), yes_no(kit_, locale, user.totp_enabled));
  fact(t("admin.customer.last_sign_in"),
       found->last_sign_in ? Kit::when(*found->last_sign_in) : t("admin.customer.unknown"));
  fact(t("admin.customer.open_sessions"), kit_.number(found->open_sessions, locale));
  if (found->awaits_invitation)
    fact(t("admin.staff.invitation"), found->invitation_expires_at
                                          ? fmt::format("{} {}", t("admin.staff.invitation_until"),
                                                        Kit::when(*found->invitation_expires_at))
                                          : t("admin.staff.invitation_expired"));

  for (const auto& address : addresses) {
    auto& block = *body.AddSectionDictionary("ADDRESS"_key);
    for (const auto& line : postal_lines(address))
      views::set(*block.AddSectionDictionary("LINE"_key), "TEXT"_key, line);
    if (address.is_default)
      views::set(*block.AddSectionDictionary("DEFAULT"_key), "TEXT"_key,
                 t("admin.customer.default"));
  }
  if (addresses.empty())
    views::set(*body.AddSectionDictionary("NO_ADDRESS"_key), "TEXT"_key,
               t("admin.customer.no_address"));

  if (reads_orders) {
    auto& section = *body.AddSectionDictionary("ORDERS_SECTION"_key);
    kit_.labels(section, locale,
                {{"ORDERS_TITLE", "admin.customer.orders"},
                 {"NUMBER_HEAD", "admin.orders.number"},
                 {"DATE_HEAD", "admin.orders.date"},
                 {"STATUS_HEAD", "orders.status_label"},
                 {"TOTAL_HEAD", "admin.orders.total"},
                 {"RETURNS_TITLE", "admin.customer.returns"},
                 {"RMA_HEAD", "returns.number"},
                 {"ORDER_HEAD", "admin.order.title"},
                 {"STATE_HEAD", "returns.state_label"},
                 {"REFUND_HEAD", "returns.refund_amount"}});
    for (const auto& order : placed) {
      auto& row = *section.AddSectionDictionary("ORDER"_key);
      views::set(row, "URL"_key, urls::order(order.number));
      views::set(row, "NUMBER"_key, order.number);
      views::set(row, "DATE"_key, Kit::when(order.created_at));
      views::set(row, "STATUS"_key, t(fmt::format("orders.status.{}", orders::name(order.status))));
      views::set(row, "STATUS_CLASS"_key, orders::name(order.status));
      views::set(row, "TOTAL"_key, kit_.money(order.total, order.currency, locale));
    }
    if (placed.empty())
      views::set(*section.AddSectionDictionary("NO_ORDER"_key), "TEXT"_key,
                 t("admin.customer.no_order"));
    if (placed.size() >= static_cast<std::size_t>(kOrdersShown)) {
      auto& all = *section.AddSectionDictionary("ALL_ORDERS"_key);
      views::set(all, "URL"_key, list_url(urls::kOrders, {{"q", user.email}}));
      views::set(all, "TEXT"_key, t("admin.customer.all_orders"));
    }
    for (const auto& item : returned.items) {
      auto& row = *section.AddSectionDictionary("RETURN"_key);
      views::set(row, "NUMBER"_key, item.number);
      views::set(row, "URL"_key, urls::return_page(item.number));
      views::set(row, "ORDER_URL"_key, urls::order(item.order_number));
      views::set(row, "ORDER_NUMBER"_key, item.order_number);
      views::set(row, "STATE"_key, t(fmt::format("returns.state.{}", orders::name(item.state))));
      views::set(row, "DATE"_key, Kit::when(item.created_at));
      views::set(row, "REFUND"_key, kit_.money(item.refund_amount, item.currency, locale));
    }
    if (returned.items.empty())
      views::set(*section.AddSectionDictionary("NO_RETURN"_key), "TEXT"_key,
                 t("admin.customer.no_return"));
  }

  if (manages) {
    auto& actions = *body.AddSectionDictionary("ACTIONS_SECTION"_key);
    views::set(actions, "ACTIONS_TITLE"_key, t("admin.order.actions"));
    const bool disabled = user.disabled_at.has_value();
    const auto& me = staff.user();
    if (me.id == user.id) {
      views::set(*actions.AddSectionDictionary("ACTION_NOTE"_key), "TEXT"_key,
                 t("admin.customer.own_account"));
    } else if (user.role == "owner" && me.role != "owner") {
      views::set(*actions.AddSectionDictionary("ACTION_NOTE"_key), "TEXT"_key,
                 t("admin.customer.owner_account"));
    } else {
      auto& form = *actions.AddSectionDictionary("STATUS_FORM"_key);
      const std::string_view to = disabled ? "enable" : "disable";
      views::set(form, "URL"_key, fmt::format("{}/status", urls::customer(user.id)));
      views::set(form, "CSRF"_key, staff.csrf());
      views::set(form, "TO"_key, disabled ? "active" : "disabled");
      views::set(form, "EXPECTED"_key, disabled ? "disabled" : "active");
      views::set(form, "TITLE"_key, t(fmt::format("admin.customer.{}", to)));
      views::set(form, "HINT"_key, t(fmt::format("admin.customer.{}_hint", to)));
      views::set(form, "CONFIRM_LABEL"_key, t(fmt::format("admin.customer.{}_confirm", to)));
      views::set(form, "SUBMIT"_key, t(fmt::format("admin.customer.{}", to)));
      if (!disabled) form.ShowSection("DANGER"_key);
      if (kit_.needs_fresh_code(staff)) {
        auto& code = *form.AddSectionDictionary("CODE"_key);
        kit_.labels(code, locale, {{"LABEL", "admin.reauth.label"}, {"HINT", "admin.reauth.hint"}});
      }
    }
    if (!user.email_verified && !disabled) {
      auto& form = *actions.AddSectionDictionary("VERIFY_FORM"_key);
      views::set(form, "URL"_key, fmt::format("{}/verification", urls::customer(user.id)));
      views::set(form, "CSRF"_key, staff.csrf());
      kit_.labels(form, locale,
                  {{"TITLE", "admin.customer.resend"},
                   {"HINT", "admin.customer.resend_hint"},
                   {"SUBMIT", "admin.customer.resend"}});
    }
    add_staff_forms(kit_, actions, staff, *found, roles);
  }
  auto title = user.display_name.empty() ? user.email : user.display_name;
  co_return kit_.page(status, ctx, staff, Section::customers, title, "customer.tpl", body,
                      is_error ? std::string_view{} : std::string_view(message),
                      is_error ? std::string_view(message) : std::string_view{});
}

net::awaitable<Response> CustomerScreens::change_status(Context& ctx) const {
  auto asked = co_await account_form(kit_, ctx);
  if (!asked) co_return std::move(asked.error());
  const auto& [staff, form, id] = *asked;
  auto fail = [&](Status status, std::string_view key) {
    return refuse(ctx, staff, id, status, key);
  };
  auto to = form.get("to");
  auto expected = form.get("expected");
  auto known = [](std::string_view state) { return state == "active" || state == "disabled"; };
  if (!known(to) || !known(expected))
    co_return co_await fail(Status::bad_request, "admin.order.bad_action");
  if (form.get("confirm") != "yes")
    co_return co_await fail(Status::unprocessable_entity, "admin.customer.not_confirmed");
  std::string code(form.get("code"));
  if (auto refused = co_await kit_.confirm_identity(ctx, staff, std::move(code)))
    co_return co_await fail(Status::unprocessable_entity, *refused);

  const bool disable = to == "disabled";
  auto context = audit_context(ctx, staff);
  auto changed = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    return accounts::AccountAdmin(conn).set_disabled(id, disable, expected == "disabled", context);
  });
  if (!changed) {
    switch (changed.error()) {
      case accounts::StandingError::not_found:
        throw http::HttpError(Status::not_found);
      case accounts::StandingError::yourself:
        co_return co_await fail(Status::unprocessable_entity, "admin.customer.not_yourself");
      case accounts::StandingError::owner_only:
        co_return co_await fail(Status::forbidden, "admin.customer.owner_only");
      case accounts::StandingError::stale:
        co_return co_await fail(Status::conflict, "admin.customer.stale");
      case accounts::StandingError::last_owner:
        co_return co_await fail(Status::unprocessable_entity, "admin.staff.last_owner");
    }
  }
  co_return http::see_other(
      http::with_notice(urls::customer(id), disable ? "customer_disabled" : "customer_enabled"));
}

net::awaitable<Response> CustomerScreens::resend_verification(Context& ctx) const {
  auto asked = co_await account_form(kit_, ctx);
  if (!asked) co_return std::move(asked.error());
  const auto& [staff, form, id] = *asked;
  auto fail = [&](Status status, std::string_view key) {
    return refuse(ctx, staff, id, status, key);
  };
  auto found = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) { return accounts::AccountAdmin(conn).facts(id); });
  if (!found) throw http::HttpError(Status::not_found);
  if (found->user.email_verified)
    co_return co_await fail(Status::conflict, "admin.customer.already_verified");
  if (found->user.disabled_at)
    co_return co_await fail(Status::unprocessable_entity, "admin.customer.disabled_no_mail");
  accounts::RequestInfo info{
      .client = accounts::client_info(ctx), .request_id = ctx.request_id, .waiter = ctx.waiter};
  std::optional<accounts::Actor> asked_by = accounts::Actor::user(staff.user().id);
  auto sent = co_await kit_.deps().auth.send_verification(found->user, std::move(info), asked_by);
  if (!sent)
    co_return co_await fail(sent.error().code == accounts::Refusal::Code::rate_limited
                                ? Status::too_many_requests
                                : Status::service_unavailable,
                            "admin.customer.resend_refused");
  co_return http::see_other(http::with_notice(urls::customer(id), "verification_sent"));
}

}  // namespace comptoir::admin
