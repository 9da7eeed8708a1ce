#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>

#include "accounts/address_book.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "cart/cart_count.hpp"
#include "cart/cart_owner.hpp"
#include "cart/cart_service.hpp"
#include "cart/cart_urls.hpp"
#include "cart/totals_facts.hpp"
#include "checkout/checkout_errors.hpp"
#include "checkout/checkout_input.hpp"
#include "checkout/checkout_pages.hpp"
#include "checkout/checkout_service.hpp"
#include "checkout/checkout_urls.hpp"
#include "core/analytics_settings.hpp"
#include "core/markup.hpp"
#include "http/pages.hpp"
#include "legal/legal_urls.hpp"

namespace comptoir::checkout {
namespace {

// The address fields of the form, in order, with their autocomplete tokens.
struct AddressField {
  std::string_view name, label_key, autocomplete;
  bool required;
};
constexpr AddressField kAddressFields[] = {
    {"full_name", "accounts.address.full_name", "shipping name", true},
    {"line1", "accounts.address.line1", "shipping address-line1", true},
    {"line2", "accounts.address.line2", "shipping address-line2", false},
    {"city", "accounts.address.city", "shipping address-level2", true},
    {"postal_code", "accounts.address.postal_code", "shipping postal-code", true},
    {"phone", "accounts.address.phone", "shipping tel", false},
};

// True when the form shows a buyer's details: an account's email and address, or what the visitor
// typed and sees again after an error.
bool shows_personal_data(const http::Form& values) {
  return !values.get("email").empty() ||
         std::ranges::any_of(kAddressFields,
                             [&](const AddressField& f) { return !values.get(f.name).empty(); });
}

bool blocks_checkout(const cart::CartLine& line) {
  return line.problem != cart::LineProblem::none &&
         line.problem != cart::LineProblem::price_changed;
}

// What the analytics script reports as begin_checkout (docs/analytics.md): the counted lines, the
// total and its currency, in exact major units. Inert markup (hidden, no script).
std::string analytics_data(const cart::CartContents& contents) {
  boost::json::array items;
  for (const auto& line : contents.lines) {
    if (!line.counted()) continue;
    auto id = line.sku.empty() ? fmt::format("variant-{}", line.variant_id) : line.sku;
    boost::json::object item{{"item_id", id}, {"item_name", line.name}};
    if (!line.variant_label.empty()) item["item_variant"] = line.variant_label;
    // A JSON number parsed by the script; written from exact major units.
    item["price"] = boost::json::parse(core::major_units(line.unit_price, line.currency));
    item["quantity"] = line.quantity;
    items.push_back(std::move(item));
  }
  std::string out = "<div hidden data-analytics-checkout data-currency=\"";
  core::append_html_escaped(out, contents.currency);
  out += "\" data-value=\"";
  core::append_html_escaped(out, core::major_units(contents.totals.total, contents.currency));
  out += "\" data-items=\"";
  core::append_html_escaped(out, boost::json::serialize(items));
  out += "\"></div>";
  return out;
}

}  // namespace

Response Pages::render(Status status, const view::Page& page) const {
  return http::html(status, renderer_.render(page));
}

view::Panel Pages::summary(const cart::CartContents& contents, Locale locale) const {
  view::Panel panel{.id = "summary", .title = t(locale, "checkout.summary")};
  view::Table table{.caption = t(locale, "checkout.summary"),
                    .head = {t(locale, "cart.product"), t(locale, "cart.quantity"),
                             t(locale, "cart.line_total")}};
  for (const auto& line : contents.lines) {
    if (!line.counted()) continue;
    auto name = line.variant_label.empty() ? line.name
                                           : fmt::format("{} ({})", line.name, line.variant_label);
    table.rows.push_back({name, std::to_string(line.quantity),
                          money(line.unit_price * line.quantity, line.currency, locale)});
  }
  panel.table = std::move(table);
  panel.html = analytics_data(contents);
  panel.facts = cart::totals_facts(contents.totals, contents.currency, locale, deps_.messages,
                                   deps_.formatter);
  if (contents.totals.tax_included) panel.paragraphs.push_back(t(locale, "cart.tax_included"));
  return panel;
}

net::awaitable<Response> Pages::checkout_form(Context& ctx, Locale locale) const {
  auto& session = accounts::session_of(ctx);
  if (!session.stored())
    co_return http::see_other(http::with_notice(cart::urls::kCart[locale], "checkout_empty"));
  // A signed-in customer starts from their email and default address.
  std::string prefill;
  auto put = [&prefill](std::string_view name, std::string_view value) {
    prefill += fmt::format("{}{}={}", prefill.empty() ? "" : "&", name, http::form_encode(value));
  };
  if (session.signed_in()) {
    put("email", session.user->email);
    auto user_id = session.user->id;
    auto book = co_await deps_.addresses.list(user_id);
    if (!book.empty()) {
      const auto& a = book.front();
      for (const auto& [name, value] : {std::pair{"full_name", &a.full_name},
                                        {"line1", &a.line1},
                                        {"line2", &a.line2},
                                        {"city", &a.city},
                                        {"postal_code", &a.postal_code},
                                        {"phone", &a.phone}})
        put(name, *value);
    }
  }
  auto values = http::Form::parse(prefill);
  std::vector<view::Error> none;
  co_return co_await checkout_page(ctx, locale, Status::ok, values, std::move(none));
}

net::awaitable<Response> Pages::checkout_page(Context& ctx, Locale locale, Status status,
                                              const http::Form& values,
                                              std::vector<view::Error> errors) const {
  auto& session = accounts::session_of(ctx);
  auto owner = cart::owner_of(session);
  auto contents = co_await deps_.carts.contents(owner, locale);
  if (contents.item_count == 0)
    co_return http::see_other(http::with_notice(cart::urls::kCart[locale], "checkout_empty"));
  if (std::ranges::any_of(contents.lines, blocks_checkout))
    co_return http::see_other(http::with_notice(cart::urls::kCart[locale], "checkout_review"));

  view::Page page;
  page.layout = {
      .locale = locale,
      .title = t(locale, "checkout.title"),
      .description = deps_.views.shop_name().in(t(locale, "checkout.description"), locale),
      .alternate_url = std::string(urls::kCheckout[core::other(locale)]),
      .page_type = "checkout",
      .robots = "noindex, nofollow"};
  page.heading = page.layout.title;
  page.panels.push_back(summary(contents, locale));

  view::Form form{.action = std::string(urls::kCheckout[locale]),
                  .submit = t(locale, deps_.checkout.provider() == orders::PaymentProvider::stripe
                                          ? "checkout.pay"
                                          : "checkout.place_order"),
                  .csrf = session.csrf_token,
                  .hidden = {{"expected_total", std::to_string(contents.totals.total)}}};
  form.fields.push_back({.id = "email",
                         .name = "email",
                         .type = "email",
                         .label = t(locale, "accounts.field.email"),
                         .value = std::string(values.get("email")),
                         .autocomplete = "email",
                         .required = true});
  view::Field region{
      .kind = view::Field::Kind::select,
      .id = "region",
      .name = "region",
      .label = t(locale, "checkout.destination"),
      .value = values.find("region") ? std::string(values.get("region")) : contents.region_code,
      .autocomplete = "shipping address-level1",
      .hint = t(locale, "checkout.destination_hint"),
      .required = true};
  for (const auto& code : contents.regions)
    region.options.emplace_back(code, t(locale, fmt::format("cart.region.{}", code)));
  for (const auto& field : kAddressFields) {
    form.fields.push_back({.id = std::string(field.name),
                           .name = std::string(field.name),
                           .type = field.name == "phone" ? "tel" : "text",
                           .label = t(locale, field.label_key),
                           .value = std::string(values.get(field.name)),
                           .autocomplete = std::string(field.autocomplete),
                           .required = field.required});
    if (field.name == "city") form.fields.push_back(region);
  }
  // Placing the order accepts the terms of sale in force (the order records their version).
  form.note = view::linked_sentence(t(locale, "checkout.terms_notice"),
                                    {{"terms",
                                      {.url = std::string(legal::urls::kTerms[locale]),
                                       .text = t(locale, "checkout.terms_link")}},
                                     {"privacy",
                                      {.url = std::string(legal::urls::kPrivacy[locale]),
                                       .text = t(locale, "checkout.privacy_link")}}});
  view::Panel details{.id = "details", .title = t(locale, "checkout.details")};
  details.paragraphs.push_back(t(locale, "checkout.shipping_standard"));
  details.paragraphs.push_back(
      t(locale, deps_.checkout.provider() == orders::PaymentProvider::stripe
                    ? "checkout.payment_stripe"
                    : "checkout.payment_manual"));
  details.form = std::move(form);
  page.panels.push_back(std::move(details));
  for (auto& error : errors) view::add_error(page, error.field, error.message);
  auto res = render(status, page);
  if (!deps_.content_security_policy.empty())
    res.set("Content-Security-Policy", deps_.content_security_policy);
  // The checkout is one of the shopping pages sent without opener isolation; a form filled with
  // someone's details gets it back (docs/security.md).
  if (shows_personal_data(values)) res.set("Cross-Origin-Opener-Policy", "same-origin");
  co_return res;
}

net::awaitable<Response> Pages::place_order(Context& ctx, Locale locale) const {
  auto& session = accounts::session_of(ctx);
  auto form = http::form_of(ctx);
  if (accounts::check_csrf(ctx, session, form.get(accounts::kCsrfField), deps_.allowed_origin) !=
      accounts::CsrfVerdict::ok) {
    std::vector<view::Error> refused{{.message = t(locale, "checkout.error.csrf")}};
    co_return co_await checkout_page(ctx, locale, Status::forbidden, form, std::move(refused));
  }
  if (!session.stored()) co_return http::see_other(cart::urls::kCart[locale]);

  std::vector<view::Error> errors;
  auto email = std::string(form.get("email"));
  if (!plausible_email(email)) errors.push_back({"email", t(locale, "checkout.error.email")});
  auto region = std::string(form.get("region"));
  auto address = for_destination({.full_name = std::string(form.get("full_name")),
                                  .line1 = std::string(form.get("line1")),
                                  .line2 = std::string(form.get("line2")),
                                  .city = std::string(form.get("city")),
                                  .postal_code = std::string(form.get("postal_code")),
                                  .phone = std::string(form.get("phone"))},
                                 region);
  for (const auto& problem : accounts::validate_address(address))
    errors.push_back(
        {problem.field == "country" ? "region" : problem.field, t(locale, problem.message_key)});
  if (!errors.empty())
    co_return co_await checkout_page(ctx, locale, Status::unprocessable_entity, form,
                                     std::move(errors));
  auto owner = cart::owner_of(session);
  auto region_code = region;
  if (!co_await deps_.carts.set_region(owner, std::move(region_code))) {
    std::vector<view::Error> unknown{
        {.field = "region", .message = t(locale, "checkout.error.region")}};
    co_return co_await checkout_page(ctx, locale, Status::unprocessable_entity, form,
                                     std::move(unknown));
  }
  std::optional<std::int64_t> expected;
  std::int64_t value = 0;
  auto text = form.get("expected_total");
  if (auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      ec == std::errc{} && end == text.data() + text.size())
    expected = value;

  orders::PlaceRequest request{
      .owner = owner,
      .user_id = session.signed_in() ? std::optional(session.user->id) : std::nullopt,
      .email = email,
      .locale = locale,
      .address = shipping_address(address),
      .region_code = region,
      .expected_total = expected};
  if (deps_.analytics_mark) request.analytics = deps_.analytics_mark(ctx);
  Requester requester{.session_id_hash = session.id_hash, .client_ip = ctx.client_ip};
  auto started = co_await deps_.checkout.start(std::move(request), std::move(requester));
  if (started) {
    // The ordered lines left the cart: the header's count follows.
    auto res = http::see_other(started->redirect);
    cart::set_count_cookie(ctx.request, res, 0);
    co_return res;
  }

  auto refusal = refusal_of(started.error());
  if (refusal.code == "checkout.empty_cart")
    co_return http::see_other(http::with_notice(cart::urls::kCart[locale], "checkout_empty"));
  auto message = message_of(refusal, t(locale, refusal.message_key));
  auto status = refusal.status;
  // Named: GCC 12 mishandles braced temporaries inside co_await.
  std::vector<view::Error> failure{{.message = std::move(message)}};
  auto res = co_await checkout_page(ctx, locale, status, form, std::move(failure));
  if (refusal.retry_after.count() > 0)
    res.set(http::Field::retry_after, std::to_string(refusal.retry_after.count()));
  co_return res;
}

}  // namespace comptoir::checkout
