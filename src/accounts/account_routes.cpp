#include "accounts/account_routes.hpp"

#include <fmt/format.h>

#include <charconv>

#include "accounts/account_pages.hpp"
#include "accounts/address_book.hpp"
#include "accounts/two_factor.hpp"
#include "http/member_routes.hpp"

// The account page (profile, password, 2FA, addresses, sessions) and its forms, 2FA enrolment,
// and the registration of every accounts route.
namespace comptoir::accounts {
namespace {

std::string device_text(std::string_view user_agent) {
  return user_agent.empty() ? std::string("—") : std::string(user_agent.substr(0, 120));
}

std::vector<std::string> address_lines(const Address& a) {
  std::vector<std::string> lines{a.full_name, a.line1};
  if (!a.line2.empty()) lines.push_back(a.line2);
  lines.push_back(fmt::format("{} {} {}", a.city, a.region, a.postal_code));
  lines.push_back(a.country);
  if (!a.phone.empty()) lines.push_back(a.phone);
  return lines;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

net::awaitable<Response> Pages::account(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  // Arguments to coroutines are named first: GCC 12 mishandles temporaries inside co_await.
  AccountState state{.notice = notice(ctx, locale)};
  co_return co_await account_page(ctx, locale, Status::ok, std::move(state));
}

net::awaitable<Response> Pages::account_page(Context& ctx, Locale locale, Status status,
                                             AccountState state) const {
  auto& session = session_of(ctx);
  const User& user = *session.user;
  auto sessions = co_await deps_.sessions.list(session);
  auto addresses = co_await deps_.addresses.list(user.id);
  const auto& typed = state.values;
  auto failed = [&](std::string_view form) { return state.failed_form == form; };

  auto out = page(locale, "accounts.account.title", urls::kAccount);
  out.notice = std::move(state.notice);

  // Profile
  view::Panel profile{.id = "profile", .title = t(locale, "accounts.account.profile")};
  profile.facts.emplace_back(t(locale, "accounts.field.email"), user.email);
  profile.facts.emplace_back(t(locale, "accounts.account.email_status"),
                             t(locale, user.email_verified ? "accounts.account.verified"
                                                           : "accounts.account.not_verified"));
  profile.form = view::Form{.action = std::string(urls::kProfile[locale]),
                            .submit = t(locale, "accounts.account.save_profile"),
                            .csrf = session.csrf_token};
  profile.form->fields.push_back(
      {.id = "profile-name",
       .name = "display_name",
       .label = t(locale, "accounts.field.display_name"),
       .value = failed("profile") ? std::string(typed.get("display_name")) : user.display_name,
       .autocomplete = "name"});
  profile.form->fields.push_back({.kind = view::Field::Kind::select,
                                  .id = "profile-locale",
                                  .name = "locale",
                                  .label = t(locale, "accounts.field.locale"),
                                  .value = user.locale,
                                  .options = {{"fr", "Français"}, {"en", "English"}}});
  out.panels.push_back(std::move(profile));
  out.panels.push_back(
      {.id = "orders",
       .title = t(locale, "orders.my_orders"),
       .links = {{std::string(deps_.orders_url[locale]), t(locale, "orders.see_all")}}});
  if (!user.email_verified)
    out.panels.push_back({.id = "verify",
                          .paragraphs = {t(locale, "accounts.account.verify_intro")},
                          .form = view::Form{.action = std::string(urls::kVerifyResend[locale]),
                                             .submit = t(locale, "accounts.account.resend"),
                                             .csrf = session.csrf_token,
                                             .secondary = true}});

  // Password
  view::Panel password{.id = "password", .title = t(locale, "accounts.account.password")};
  password.form = view::Form{.action = std::string(urls::kPassword[locale]),
                             .submit = t(locale, "accounts.account.change_password"),
                             .csrf = session.csrf_token};
  password.form->fields.push_back(
      password_field(deps_.messages, locale, "password-current", "current_password",
                     "accounts.field.current_password", "current-password", false));
  password.form->fields.push_back(password_field(deps_.messages, locale, "password-new",
                                                 "new_password", "accounts.field.new_password",
                                                 "new-password", true));
  out.panels.push_back(std::move(password));

  // Two-factor authentication
  out.panels.push_back(
      {.id = "two-factor",
       .title = t(locale, "accounts.account.two_factor"),
       .paragraphs = {t(locale, user.totp_enabled ? "accounts.account.two_factor_on"
                                                  : "accounts.account.two_factor_off")},
       .links = {{std::string(urls::kTwoFactor[locale]),
                  t(locale, user.totp_enabled ? "accounts.account.two_factor_manage"
                                              : "accounts.account.two_factor_enable")}}});

  // Addresses
  view::Panel book{.id = "addresses", .title = t(locale, "accounts.account.addresses")};
  if (addresses.empty()) book.paragraphs.push_back(t(locale, "accounts.account.no_addresses"));
  for (const auto& address : addresses) {
    auto path = std::string(urls::kAddressDelete[locale]);
    path.replace(path.find("{id}"), 4, std::to_string(address.id));
    auto lines = address_lines(address);
    if (address.is_default) lines.insert(lines.begin(), t(locale, "accounts.address.default"));
    book.items.push_back({.lines = std::move(lines),
                          .form = view::Form{.action = path,
                                             .submit = t(locale, "accounts.address.delete"),
                                             .csrf = session.csrf_token,
                                             .secondary = true}});
  }
  view::Form add{.action = std::string(urls::kAddresses[locale]),
                 .submit = t(locale, "accounts.address.add"),
                 .csrf = session.csrf_token};
  auto keep = [&](std::string_view name) {
    return failed("address") ? std::string(typed.get(name)) : std::string{};
  };
  auto address_field = [&](std::string name, std::string autocomplete, bool required) {
    add.fields.push_back({.id = "address-" + name,
                          .name = name,
                          .label = t(locale, "accounts.address." + name),
                          .value = keep(name),
                          .autocomplete = std::move(autocomplete),
                          .required = required});
  };
  address_field("full_name", "name", true);
  address_field("line1", "address-line1", true);
  address_field("line2", "address-line2", false);
  address_field("city", "address-level2", true);
  address_field("region", "address-level1", false);
  address_field("postal_code", "postal-code", true);
  view::Field country{.kind = view::Field::Kind::select,
                      .id = "address-country",
                      .name = "country",
                      .label = t(locale, "accounts.address.country_label"),
                      .value = failed("address") ? std::string(typed.get("country")) : "CA"};
  for (auto code : kAddressCountries)
    country.options.emplace_back(std::string(code),
                                 t(locale, fmt::format("accounts.country.{}", code)));
  add.fields.push_back(std::move(country));
  address_field("phone", "tel", false);
  add.fields.back().type = "tel";
  book.form = std::move(add);
  out.panels.push_back(std::move(book));

  // Sessions
  view::Table table{
      .caption = t(locale, "accounts.account.sessions"),
      .head = {t(locale, "accounts.session.device"), t(locale, "accounts.session.ip"),
               t(locale, "accounts.session.started"), t(locale, "accounts.session.last_seen")}};
  for (const auto& each : sessions) {
    auto device = device_text(each.user_agent);
    if (each.current)
      device = fmt::format("{} ({})", device, t(locale, "accounts.session.current"));
    table.rows.push_back({device, each.ip.empty() ? "—" : each.ip,
                          deps_.formatter.date(each.created_at, locale),
                          deps_.formatter.date(each.last_seen_at, locale)});
  }
  out.panels.push_back({.id = "sessions",
                        .title = t(locale, "accounts.account.sessions"),
                        .table = std::move(table),
                        .form = view::Form{.action = std::string(urls::kSessions[locale]),
                                           .submit = t(locale, "accounts.account.end_others"),
                                           .csrf = session.csrf_token,
                                           .secondary = true}});

  if (!deps_.privacy_url[locale].empty())
    out.panels.push_back({.id = "privacy",
                          .title = t(locale, "accounts.account.privacy"),
                          .paragraphs = {t(locale, "accounts.account.privacy_intro")},
                          .links = {{std::string(deps_.privacy_url[locale]),
                                     t(locale, "accounts.account.privacy_link")}}});

  out.panels.push_back({.id = "logout",
                        .form = view::Form{.action = std::string(urls::kLogout[locale]),
                                           .submit = t(locale, "accounts.logout.submit"),
                                           .csrf = session.csrf_token,
                                           .secondary = true}});
  for (auto& error : state.errors) add_error(out, error.field, error.message);
  co_return render(status, out);
}

net::awaitable<Response> Pages::update_profile(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    AccountState state{.errors = {{"", t(locale, "accounts.csrf_failed")}},
                       .failed_form = "profile",
                       .values = form};
    co_return co_await account_page(ctx, locale, Status::forbidden, std::move(state));
  }
  auto name = std::string(form.get("display_name"));
  auto chosen = form.get("locale") == "en" ? Locale::en : Locale::fr;
  if (name.size() > 200) {
    AccountState state{.errors = {{"profile-name", t(locale, "accounts.field.too_long")}},
                       .failed_form = "profile",
                       .values = form};
    co_return co_await account_page(ctx, locale, Status::unprocessable_entity, std::move(state));
  }
  auto request = info(ctx);
  co_await deps_.auth.update_profile(*session.user, name, chosen, request);
  // The account page follows the language the customer chose.
  co_return see_other(with_notice(urls::kAccount[chosen], "profile_saved"));
}

net::awaitable<Response> Pages::change_password(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    AccountState state{.errors = {{"", t(locale, "accounts.csrf_failed")}}};
    co_return co_await account_page(ctx, locale, Status::forbidden, std::move(state));
  }
  auto current = std::string(form.get("current_password"));
  auto next = std::string(form.get("new_password"));
  auto request = info(ctx);
  auto result =
      co_await deps_.auth.change_password(session, std::move(current), std::move(next), request);
  if (!result) {
    auto [status, message] = refusal(result.error(), locale);
    auto field = result.error().code == Refusal::Code::weak_password ? "password-new"
                 : is_form_wide(result.error())                      ? ""
                                                                     : "password-current";
    AccountState state{.errors = {{field, message}}, .failed_form = "password"};
    auto res = co_await account_page(ctx, locale, status, std::move(state));
    set_retry_after(res, result.error());
    co_return res;
  }
  co_return see_other(with_notice(urls::kAccount[locale], "password_changed"));
}

net::awaitable<Response> Pages::end_other_sessions(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) throw http::HttpError(Status::forbidden);
  co_await deps_.sessions.end_others(session);
  co_return see_other(with_notice(urls::kAccount[locale], "sessions_ended"));
}

net::awaitable<Response> Pages::add_address(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) {
    AccountState state{.errors = {{"", t(locale, "accounts.csrf_failed")}},
                       .failed_form = "address",
                       .values = form};
    co_return co_await account_page(ctx, locale, Status::forbidden, std::move(state));
  }
  Address address{.full_name = std::string(form.get("full_name")),
                  .line1 = std::string(form.get("line1")),
                  .line2 = std::string(form.get("line2")),
                  .city = std::string(form.get("city")),
                  .region = std::string(form.get("region")),
                  .postal_code = std::string(form.get("postal_code")),
                  .country = std::string(form.get("country")),
                  .phone = std::string(form.get("phone"))};
  auto request = info(ctx);
  auto result = co_await deps_.addresses.add(session.user->id, std::move(address), request);
  if (!result) {
    AccountState state{.failed_form = "address", .values = form};
    for (const auto& problem : result.error())
      state.errors.push_back({"address-" + problem.field, t(locale, problem.message_key)});
    co_return co_await account_page(ctx, locale, Status::unprocessable_entity, std::move(state));
  }
  co_return see_other(with_notice(urls::kAccount[locale], "address_added"));
}

net::awaitable<Response> Pages::delete_address(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale)) co_return std::move(*redirect);
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) throw http::HttpError(Status::forbidden);
  auto id = parse_id(ctx.param("id"));
  if (!id) throw http::HttpError(Status::not_found);
  auto request = info(ctx);
  auto removed = co_await deps_.addresses.remove(session.user->id, *id, request);
  if (!removed) throw http::HttpError(Status::not_found);
  co_return see_other(with_notice(urls::kAccount[locale], "address_deleted"));
}

net::awaitable<Response> Pages::two_factor_form(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale, true)) co_return std::move(*redirect);
  std::string no_error;
  co_return co_await enrolment_page(ctx, locale, std::move(no_error));
}

net::awaitable<Response> Pages::enrolment_page(Context& ctx, Locale locale,
                                               std::string error) const {
  auto& session = session_of(ctx);
  auto out = page(locale, "accounts.two_factor.title", urls::kTwoFactor);
  if (session.user->totp_enabled) {
    out.panels.push_back(
        {.paragraphs = {t(locale, "accounts.two_factor.enabled")},
         .links = {{std::string(urls::kAccount[locale]), t(locale, "accounts.two_factor.back")}}});
    co_return render(Status::ok, out);
  }
  auto qr_label = t(locale, "accounts.two_factor.qr_label");
  auto enrolment = co_await deps_.two_factor.enrolment(*session.user, std::move(qr_label));
  if (session.must_enrol()) out.notice = t(locale, "accounts.two_factor.required");
  view::Form form{.action = std::string(urls::kTwoFactor[locale]),
                  .submit = t(locale, "accounts.two_factor.submit"),
                  .csrf = session.csrf_token};
  form.fields.push_back(code_field(deps_.messages, locale));
  out.panels.push_back(
      {.paragraphs = {t(locale, "accounts.two_factor.step_scan")}, .html = enrolment.qr_svg});
  out.panels.push_back({.id = "secret",
                        .paragraphs = {t(locale, "accounts.two_factor.step_type")},
                        .codes = {enrolment.secret_text}});
  out.panels.push_back(
      {.paragraphs = {t(locale, "accounts.two_factor.step_code")}, .form = std::move(form)});
  if (error.empty()) co_return render(Status::ok, out);
  add_error(out, "code", std::move(error));
  co_return render(Status::unprocessable_entity, out);
}

net::awaitable<Response> Pages::two_factor(Context& ctx, Locale locale) const {
  if (auto redirect = gate(ctx, locale, true)) co_return std::move(*redirect);
  auto& session = session_of(ctx);
  auto form = form_of(ctx);
  if (csrf(ctx, form) != CsrfVerdict::ok) throw http::HttpError(Status::forbidden);
  if (session.user->totp_enabled) co_return see_other(urls::kTwoFactor[locale]);
  auto code = std::string(form.get("code"));
  auto request = info(ctx);
  auto result = co_await deps_.two_factor.confirm(*session.user, std::move(code), request);
  if (!result) {
    if (result.error().code == Refusal::Code::rate_limited) {
      auto [status, message] = refusal(result.error(), locale);
      auto out = page(locale, "accounts.two_factor.title", urls::kTwoFactor);
      add_error(out, "", message);
      auto res = render(status, out);
      set_retry_after(res, result.error());
      co_return res;
    }
    auto wrong = t(locale, "accounts.code.wrong");
    co_return co_await enrolment_page(ctx, locale, std::move(wrong));
  }
  // Enrolling proved the second factor: a privilege change, so the session id rotates.
  co_await deps_.sessions.refresh_user(session);
  co_await deps_.sessions.pass_mfa(session);
  // Staff go on to the back office; customers to their account.
  view::Link next{std::string(urls::kAccount[locale]), t(locale, "accounts.two_factor.continue")};
  if (session.user->is_staff() && !deps_.staff_home.empty())
    next = {deps_.staff_home, t(locale, "accounts.two_factor.continue_staff")};
  auto out = page(locale, "accounts.two_factor.title", urls::kTwoFactor);
  out.notice = t(locale, "accounts.two_factor.done");
  out.panels.push_back({.id = "recovery",
                        .title = t(locale, "accounts.two_factor.recovery_title"),
                        .paragraphs = {t(locale, "accounts.two_factor.recovery_intro")},
                        .codes = *result,
                        .links = {std::move(next)}});
  co_return render(Status::ok, out);
}

void add_account_routes(http::Router& router, AccountDeps deps) {
  const http::MemberRoutes routes(router, std::make_shared<const Pages>(deps),
                                  {.middleware = {with_session(deps.sessions)}});
  using M = http::Method;
  routes.add(M::get, urls::kLogin, &Pages::login_form);
  routes.add(M::post, urls::kLogin, &Pages::login);
  routes.add(M::get, urls::kLoginCode, &Pages::code_form);
  routes.add(M::post, urls::kLoginCode, &Pages::code);
  routes.add(M::get, urls::kUnlock, &Pages::unlock_form);
  routes.add(M::post, urls::kUnlock, &Pages::unlock);
  routes.add(M::post, urls::kLogout, &Pages::logout);
  routes.add(M::get, urls::kRegister, &Pages::register_form);
  routes.add(M::post, urls::kRegister, &Pages::register_account);
  routes.add(M::get, urls::kAccount, &Pages::account);
  routes.add(M::post, urls::kProfile, &Pages::update_profile);
  routes.add(M::post, urls::kPassword, &Pages::change_password);
  routes.add(M::post, urls::kSessions, &Pages::end_other_sessions);
  routes.add(M::post, urls::kAddresses, &Pages::add_address);
  routes.add(M::post, urls::kAddressDelete, &Pages::delete_address);
  routes.add(M::get, urls::kTwoFactor, &Pages::two_factor_form);
  routes.add(M::post, urls::kTwoFactor, &Pages::two_factor);
  routes.add(M::get, urls::kVerify, &Pages::verify_form);
  routes.add(M::post, urls::kVerify, &Pages::verify);
  routes.add(M::post, urls::kVerifyResend, &Pages::resend_verification);
  routes.add(M::get, urls::kForgot, &Pages::forgot_form);
  routes.add(M::post, urls::kForgot, &Pages::forgot);
  routes.add(M::get, urls::kReset, &Pages::reset_form);
  routes.add(M::post, urls::kReset, &Pages::reset);
  routes.add(M::get, urls::kInvitation, &Pages::invitation_form);
  routes.add(M::post, urls::kInvitation, &Pages::accept_invitation);
}

}  // namespace comptoir::accounts
