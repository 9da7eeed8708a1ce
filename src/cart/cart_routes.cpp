#include "cart/cart_routes.hpp"

#include <fmt/format.h>

#include <charconv>

#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "cart/cart_count.hpp"
#include "cart/cart_errors.hpp"
#include "cart/cart_owner.hpp"
#include "cart/cart_service.hpp"
#include "cart/cart_urls.hpp"
#include "catalog/catalog_urls.hpp"
#include "http/form.hpp"
#include "http/member_routes.hpp"
#include "http/pages.hpp"
#include "views/dictionary.hpp"

namespace comptoir::cart {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;
using Dict = ctemplate::TemplateDictionary;

template <class Int>
std::optional<Int> parse_number(std::string_view text) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

class CartPages {
 public:
  explicit CartPages(CartDeps deps) : deps_(std::move(deps)) {}

  net::awaitable<Response> show(Context& ctx, Locale locale) const {
    auto query = http::query_of(ctx);
    std::string notice;
    if (auto name = query.get("notice"); !name.empty() && name.size() < 40) {
      auto key = fmt::format("cart.notice.{}", name);
      if (deps_.messages.contains(locale, key)) notice = t(locale, key);
    }
    co_return co_await page(ctx, locale, Status::ok, std::move(notice), std::string{});
  }

  net::awaitable<Response> add(Context& ctx, Locale locale) const {
    auto& session = accounts::session_of(ctx);
    auto form = http::form_of(ctx);
    // The product page is the same for everyone and carries no token: without one, the browser
    // must say the form came from this site.
    auto token = form.find(accounts::kCsrfField);
    bool allowed = token ? accounts::check_csrf(ctx, session, *token, deps_.allowed_origin) ==
                               accounts::CsrfVerdict::ok
                         : accounts::proves_same_origin(ctx, deps_.allowed_origin);
    if (!allowed) throw http::HttpError(Status::forbidden);
    auto product_id = parse_number<std::int64_t>(form.get("product_id"));
    auto variant_id = parse_number<std::int64_t>(form.get("variant_id"));
    auto quantity = form.find("quantity") ? parse_number<int>(form.get("quantity")) : 1;
    if (!product_id || !variant_id || !quantity) {
      auto error = t(locale, "cart.error.bad_request");
      co_return co_await page(ctx, locale, Status::bad_request, std::string{}, std::move(error));
    }
    auto owner = co_await owner_for_write(deps_.sessions, ctx);
    auto result = co_await deps_.carts.add(owner, *product_id, *variant_id, *quantity);
    if (!result) co_return co_await refused(ctx, locale, result.error());
    co_return see_other(locale, "added");
  }

  net::awaitable<Response> update(Context& ctx, Locale locale) const {
    auto& session = accounts::session_of(ctx);
    auto form = http::form_of(ctx);
    if (accounts::check_csrf(ctx, session, form.get(accounts::kCsrfField), deps_.allowed_origin) !=
        accounts::CsrfVerdict::ok)
      throw http::HttpError(Status::forbidden);
    auto variant_id = parse_number<std::int64_t>(ctx.param("variant"));
    auto quantity = parse_number<int>(form.get("quantity"));
    if (!variant_id) throw http::HttpError(Status::not_found);
    if (!quantity) {
      auto error = t(locale, "cart.error.bad_quantity");
      co_return co_await page(ctx, locale, Status::unprocessable_entity, std::string{},
                              std::move(error));
    }
    auto owner = co_await owner_for_write(deps_.sessions, ctx);
    auto result = co_await deps_.carts.set_quantity(owner, *variant_id, *quantity);
    if (!result) co_return co_await refused(ctx, locale, result.error());
    co_return see_other(locale, *quantity == 0 ? "removed" : "updated");
  }

  net::awaitable<Response> region(Context& ctx, Locale locale) const {
    auto& session = accounts::session_of(ctx);
    auto form = http::form_of(ctx);
    if (accounts::check_csrf(ctx, session, form.get(accounts::kCsrfField), deps_.allowed_origin) !=
        accounts::CsrfVerdict::ok)
      throw http::HttpError(Status::forbidden);
    auto owner = co_await owner_for_write(deps_.sessions, ctx);
    auto code = std::string(form.get("region"));
    auto result = co_await deps_.carts.set_region(owner, std::move(code));
    if (!result) co_return co_await refused(ctx, locale, result.error());
    co_return see_other(locale, "destination");
  }

 private:
  std::string t(Locale locale, std::string_view key) const {
    return std::string(deps_.messages.t(locale, key));
  }
  std::string money(std::int64_t cents, std::string_view currency, Locale locale) const {
    return deps_.formatter.money(cents, currency, locale);
  }

  static Response see_other(Locale locale, std::string_view notice) {
    return http::see_other(http::with_notice(urls::kCart[locale], notice));
  }

  net::awaitable<Response> refused(Context& ctx, Locale locale, CartError error) const {
    auto refusal = refusal_of(error);
    auto status = refusal.status;
    auto key = fmt::format("cart.error.{}", refusal.name);
    auto message = t(locale, key);
    co_return co_await page(ctx, locale, status, std::string{}, std::move(message));
  }

  net::awaitable<Response> page(Context& ctx, Locale locale, Status status, std::string notice,
                                std::string error) const {
    auto& session = accounts::session_of(ctx);
    CartContents contents;
    if (session.stored()) {
      auto owner = owner_of(session);
      contents = co_await deps_.carts.contents(owner, locale);
    }
    Dict body("cart");
    body.SetValue("HEADING"_key, t(locale, "cart.title"));
    if (!notice.empty()) body.SetValueAndShowSection("TEXT"_key, notice, "NOTICE"_key);
    if (!error.empty()) body.SetValueAndShowSection("TEXT"_key, error, "ERROR"_key);
    if (contents.lines.empty()) {
      auto* empty = body.AddSectionDictionary("EMPTY"_key);
      empty->SetValue("TEXT"_key, t(locale, "cart.empty"));
      empty->SetValue("BROWSE"_key, t(locale, "cart.browse"));
      empty->SetValue("PRODUCTS_URL"_key, views::ts(catalog::urls::kProducts[locale]));
    } else {
      fill(*body.AddSectionDictionary("FULL"_key), contents, session.csrf_token, locale);
    }
    views::Page layout{
        .locale = locale,
        .title = t(locale, "cart.title"),
        .description = deps_.views.shop_name().in(t(locale, "cart.description"), locale),
        .alternate_url = std::string(urls::kCart[core::other(locale)]),
        .page_type = "cart",
        .robots = "noindex, nofollow"};
    auto res = http::html(status, deps_.views.render("cart/cart.tpl", body, layout));
    set_count_cookie(ctx.request, res, contents.item_count);
    co_return res;
  }

  void fill(Dict& full, const CartContents& contents, const std::string& csrf,
            Locale locale) const {
    for (auto [name, key] : {std::pair{"CAPTION", "cart.title"},
                             {"PRODUCT_LABEL", "cart.product"},
                             {"PRICE_LABEL", "cart.unit_price"},
                             {"QUANTITY_LABEL", "cart.quantity"},
                             {"LINE_TOTAL_LABEL", "cart.line_total"},
                             {"REGION_LABEL", "cart.destination"},
                             {"REGION_BUTTON", "cart.destination_button"},
                             {"SUBTOTAL_LABEL", "cart.subtotal"},
                             {"SHIPPING_LABEL", "cart.shipping"},
                             {"TOTAL_LABEL", "cart.total"}})
      full.SetValue(name, t(locale, key));
    full.SetValue("CSRF"_key, csrf);
    full.SetValue("REGION_URL"_key, views::ts(urls::kRegion[locale]));
    full.SetValue("CHECKOUT_URL"_key, views::ts(deps_.checkout_url[locale]));
    full.SetValue("CHECKOUT"_key, t(locale, "cart.checkout"));
    const auto& currency = contents.currency;
    for (const auto& line : contents.lines) {
      auto* row = full.AddSectionDictionary("LINE"_key);
      row->SetIntValue("ID"_key, line.variant_id);
      auto name = line.name.empty() ? t(locale, "cart.unavailable_item") : line.name;
      row->SetValue("ITEM_NAME"_key, name);
      auto* title = row->AddSectionDictionary(line.path.empty() ? "UNLINKED" : "LINKED");
      title->SetValue("NAME"_key, name);
      title->SetValue("URL"_key, line.path);
      if (!line.variant_label.empty())
        row->AddSectionDictionary("VARIANT"_key)->SetValue("LABEL"_key, line.variant_label);
      if (auto problem = problem_text(line, locale); !problem.empty())
        row->AddSectionDictionary("PROBLEM"_key)->SetValue("TEXT"_key, problem);
      row->SetValue("PRICE"_key,
                    line.counted() ? money(line.unit_price, line.currency, locale) : "—");
      row->SetIntValue("QUANTITY"_key, line.quantity);
      row->SetValue("QUANTITY_FOR"_key, fmt::format("{} {}", t(locale, "cart.quantity"), name));
      row->SetValue("UPDATE"_key, t(locale, "cart.update"));
      row->SetValue("REMOVE"_key, t(locale, "cart.remove"));
      row->SetValue("UPDATE_URL"_key, urls::item(locale, line.variant_id));
      row->SetValue("CSRF"_key, csrf);
      auto units = line.available > 0 ? std::min(line.quantity, line.available) : line.quantity;
      row->SetValue("LINE_TOTAL"_key,
                    line.counted() ? money(line.unit_price * units, line.currency, locale) : "—");
    }
    for (const auto& code : contents.regions) {
      auto* option = full.AddSectionDictionary("REGION"_key);
      option->SetValue("CODE"_key, code);
      option->SetValue("NAME"_key, t(locale, fmt::format("cart.region.{}", code)));
      if (code == contents.region_code) option->ShowSection("SELECTED"_key);
    }
    const auto& totals = contents.totals;
    full.SetValue("SUBTOTAL"_key, money(totals.subtotal, currency, locale));
    if (totals.discount > 0) {
      auto* discount = full.AddSectionDictionary("DISCOUNT"_key);
      discount->SetValue("LABEL"_key, t(locale, "cart.discount"));
      discount->SetValue("AMOUNT"_key, money(totals.discount, currency, locale));
    }
    full.SetValue("SHIPPING"_key, totals.shipping == 0 && totals.subtotal > 0
                                      ? t(locale, "cart.shipping_free")
                                      : money(totals.shipping, currency, locale));
    for (const auto& tax : totals.taxes) {
      auto* row = full.AddSectionDictionary("TAX"_key);
      row->SetValue("NAME"_key, t(locale, fmt::format("taxes.{}", tax.code)));
      row->SetValue("AMOUNT"_key, money(tax.amount, currency, locale));
    }
    full.SetValue("TOTAL"_key, money(totals.total, currency, locale));
    if (totals.tax_included)
      full.SetValueAndShowSection("TEXT"_key, t(locale, "cart.tax_included"), "TAX_INCLUDED"_key);
  }

  std::string problem_text(const CartLine& line, Locale locale) const {
    switch (line.problem) {
      case LineProblem::none:
        return {};
      case LineProblem::price_changed:
        return fmt::format(fmt::runtime(t(locale, "cart.problem.price_changed")),
                           fmt::arg("before", money(line.price_seen, line.currency, locale)),
                           fmt::arg("now", money(line.unit_price, line.currency, locale)));
      case LineProblem::not_enough_stock:
        return fmt::format(fmt::runtime(t(locale, "cart.problem.not_enough_stock")),
                           fmt::arg("count", line.available));
      case LineProblem::out_of_stock:
        return t(locale, "cart.problem.out_of_stock");
      case LineProblem::unavailable:
        return t(locale, "cart.problem.unavailable");
    }
    return {};
  }

  CartDeps deps_;
};

}  // namespace

CartRouteOptions cart_route_options(accounts::SessionService& sessions,
                                    const std::vector<http::Middleware>& write_middleware) {
  CartRouteOptions options;
  options.reads.middleware.push_back(accounts::with_session(sessions));
  options.writes.middleware = options.reads.middleware;
  options.writes.middleware.insert(options.writes.middleware.end(), write_middleware.begin(),
                                   write_middleware.end());
  return options;
}

void add_cart_routes(http::Router& router, CartDeps deps) {
  auto pages = std::make_shared<const CartPages>(deps);
  auto options = cart_route_options(deps.sessions, deps.write_middleware);
  const http::MemberRoutes reads(router, pages, std::move(options.reads));
  const http::MemberRoutes writes(router, pages, std::move(options.writes));
  using M = http::Method;
  for (auto locale : core::kLocales) {
    reads.add(M::get, locale, urls::kCart[locale], &CartPages::show);
    writes.add(M::post, locale, urls::kCart[locale], &CartPages::add);
    writes.add(M::post, locale, urls::item_route(locale), &CartPages::update);
    writes.add(M::post, locale, urls::kRegion[locale], &CartPages::region);
  }
}

}  // namespace comptoir::cart
