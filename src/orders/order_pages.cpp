#include <fmt/format.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "accounts/account_urls.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "cart/cart_urls.hpp"
#include "cart/totals_facts.hpp"
#include "http/member_routes.hpp"
#include "http/pages.hpp"
#include "orders/order_link.hpp"
#include "orders/order_pages.hpp"
#include "orders/order_service.hpp"
#include "orders/order_urls.hpp"
#include "orders/return_errors.hpp"
#include "orders/return_pages.hpp"
#include "orders/return_service.hpp"
#include "views/page_model.hpp"

namespace comptoir::orders {
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;
namespace view = views::page;

// How long the page returning from Stripe waits for the payment's webhook before saying the
// payment is being processed (it usually arrives within a second).
constexpr int kPolls = 10;
constexpr std::chrono::milliseconds kPollEvery{300};

std::string date_of(std::string_view iso) {
  return std::string(iso.substr(0, 10));
}

// One showing of an order's page: how it was reached, and the return form sent back with what
// was typed and what was wrong.
struct Shown {
  bool with_token = false;
  std::string token{};  // the mail's, carried by the page's links and forms
  bool cancelled_at_stripe = false;
  std::string notice{};
  return_pages::Draft draft{};
  std::vector<view::Error> errors{};
};

class Pages {
 public:
  explicit Pages(OrderPagesDeps deps)
      : deps_(std::move(deps)), renderer_(deps_.views, deps_.messages) {}

  net::awaitable<Response> order(Context& ctx, Locale locale) const;
  net::awaitable<Response> abandon(Context& ctx, Locale locale) const;
  net::awaitable<Response> ask_return(Context& ctx, Locale locale) const;
  net::awaitable<Response> orders(Context& ctx, Locale locale) const;

 private:
  // The order and whether the token gave access; 404 when this visitor may not see it.
  net::awaitable<std::pair<Order, bool>> visible_order(Context& ctx, std::string number,
                                                       std::string_view token) const;
  net::awaitable<Response> order_page(Context& ctx, Locale locale, Status status, Order order,
                                      Shown shown) const;
  view::Panel order_summary(const Order& order, Locale locale) const;
  return_pages::Writer writer(Locale locale) const {
    return {.messages = deps_.messages, .formatter = deps_.formatter, .locale = locale};
  }

  std::string t(Locale locale, std::string_view key) const {
    return std::string(deps_.messages.t(locale, key));
  }
  std::string money(std::int64_t cents, std::string_view currency, Locale locale) const {
    return deps_.formatter.money(cents, currency, locale);
  }
  Response render(Status status, const view::Page& page) const {
    return http::html(status, renderer_.render(page));
  }

  OrderPagesDeps deps_;
  view::Renderer renderer_;
};

view::Panel Pages::order_summary(const Order& order, Locale locale) const {
  view::Panel panel{.id = "lines", .title = t(locale, "orders.lines")};
  view::Table table{
      .caption = t(locale, "orders.lines"),
      .head = {t(locale, "cart.product"), t(locale, "orders.sku"), t(locale, "cart.unit_price"),
               t(locale, "cart.quantity"), t(locale, "cart.line_total")}};
  for (const auto& line : order.lines) {
    auto name = line.variant_label.empty() ? line.name
                                           : fmt::format("{} ({})", line.name, line.variant_label);
    table.rows.push_back({name, line.sku, money(line.unit_price, order.currency, locale),
                          std::to_string(line.quantity),
                          money(line.amount, order.currency, locale)});
  }
  panel.table = std::move(table);
  panel.facts =
      cart::totals_facts(order.totals, order.currency, locale, deps_.messages, deps_.formatter);
  if (order.refunded_amount > 0)
    panel.facts.emplace_back(t(locale, "orders.refunded_amount"),
                             money(order.refunded_amount, order.currency, locale));
  return panel;
}

// The order number of the path, in upper case as stored ("cmp-7k3q9xab" → "CMP-7K3Q9XAB").
std::string number_of(const Context& ctx) {
  auto number = std::string(ctx.param("number"));
  for (auto& c : number)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return number;
}

// The order, when this visitor may see it: its signed-in customer, or whoever holds the token of
// its mail. Anyone else gets 404: a number alone reveals nothing.
net::awaitable<std::pair<Order, bool>> Pages::visible_order(Context& ctx, std::string number,
                                                            std::string_view token) const {
  auto found = co_await deps_.orders.find(number);
  const auto& session = accounts::session_of(ctx);
  bool mine = found && session.signed_in() && found->user_id == session.user->id;
  bool with_token = found && verify_order_token(deps_.keys, number, token);
  if (!found || (!mine && !with_token)) throw http::HttpError(Status::not_found);
  co_return std::pair{std::move(*found), with_token};
}

net::awaitable<Response> Pages::order(Context& ctx, Locale locale) const {
  auto number = number_of(ctx);
  auto query = http::query_of(ctx);
  auto [order, with_token] = co_await visible_order(ctx, number, query.get("t"));
  Shown shown{.with_token = with_token, .token = with_token ? std::string(query.get("t")) : ""};
  // Back from the payment page without paying (Stripe's cancel URL). Nothing changes on a GET:
  // the page offers to cancel the order (a POST with CSRF), else its hold simply runs out.
  shown.cancelled_at_stripe = !query.get("cancelled").empty() &&
                              order.status == OrderStatus::pending &&
                              order.provider == PaymentProvider::stripe;
  bool returning_from_stripe =
      !query.get("session_id").empty() && order.provider == PaymentProvider::stripe;
  for (int i = 0; i < kPolls && returning_from_stripe && order.status == OrderStatus::pending;
       ++i) {
    net::steady_timer timer(co_await net::this_coro::executor, kPollEvery);
    co_await timer.async_wait(net::use_awaitable);
    if (auto again = co_await deps_.orders.find(number)) order = std::move(*again);
  }
  // After a Post/Redirect/Get: what the POST did ("?notice=return_requested").
  if (auto notice = query.get("notice"); !notice.empty() && notice.size() < 40) {
    auto key = fmt::format("orders.notice.{}", notice);
    if (deps_.messages.contains(locale, key)) shown.notice = t(locale, key);
  }
  co_return co_await order_page(ctx, locale, Status::ok, std::move(order), std::move(shown));
}

net::awaitable<Response> Pages::order_page(Context& ctx, Locale locale, Status status, Order order,
                                           Shown shown) const {
  auto& session = accounts::session_of(ctx);
  auto with_token = [&](std::string path) {
    return shown.with_token ? path + "?t=" + http::form_encode(shown.token) : path;
  };
  view::Page page;
  page.layout = {.locale = locale,
                 .title = fmt::format(fmt::runtime(t(locale, "orders.title")),
                                      fmt::arg("number", order.number)),
                 .alternate_url = with_token(urls::order(core::other(locale), order.number)),
                 .page_type = "order",
                 .robots = "noindex, nofollow"};
  page.heading = page.layout.title;
  using enum OrderStatus;
  if (!shown.notice.empty())
    page.notice = shown.notice;
  else if (shown.cancelled_at_stripe)
    page.notice = t(locale, "orders.notice.payment_cancelled");
  else if (order.status == pending)
    page.notice =
        t(locale, order.provider == PaymentProvider::stripe ? "orders.notice.processing"
                                                            : "orders.notice.awaiting_payment");
  else if (order.status == paid)
    page.notice = t(locale, "orders.notice.confirmed");

  view::Panel facts{.id = "order"};
  facts.facts = {{t(locale, "orders.number"), order.number},
                 {t(locale, "orders.date"), date_of(order.created_at)},
                 {t(locale, "orders.status_label"),
                  t(locale, fmt::format("orders.status.{}", name(order.status)))},
                 {t(locale, "orders.email"), order.email},
                 {t(locale, "cart.total"), money(order.totals.total, order.currency, locale)}};
  if (!order.carrier.empty())
    facts.facts.emplace_back(t(locale, "orders.carrier"),
                             t(locale, fmt::format("carriers.{}", order.carrier)));
  if (!order.tracking_number.empty())
    facts.facts.emplace_back(t(locale, "orders.tracking_number"), order.tracking_number);
  if (!order.tracking_url.empty())
    facts.links.push_back({order.tracking_url, t(locale, "orders.track")});
  if (order.status == pending && order.provider == PaymentProvider::stripe &&
      !shown.cancelled_at_stripe)
    facts.links.push_back(
        {with_token(urls::order(locale, order.number)), t(locale, "orders.refresh")});
  page.panels.push_back(std::move(facts));
  if (shown.cancelled_at_stripe) {
    view::Form abandon{.action = urls::abandon(locale, order.number),
                       .submit = t(locale, "orders.back_to_cart"),
                       .csrf = session.stored() ? session.csrf_token : std::string{}};
    if (shown.with_token) abandon.hidden.emplace_back("t", shown.token);
    page.panels.push_back({.id = "abandon", .form = std::move(abandon)});
  }
  page.panels.push_back(order_summary(order, locale));
  if (order.address) {
    const auto& a = *order.address;
    view::Panel address{.id = "address", .title = t(locale, "orders.shipping_address")};
    for (const auto* line : {&a.full_name, &a.line1, &a.line2})
      if (!line->empty()) address.paragraphs.push_back(*line);
    address.paragraphs.push_back(fmt::format("{} {} {}", a.city, a.region, a.postal_code));
    address.paragraphs.push_back(t(locale, fmt::format("orders.country.{}", a.country)));
    page.panels.push_back(std::move(address));
  }
  // Its returns, for whoever sees the page; the form to ask for one, for its own customer only.
  auto returns = co_await deps_.returns.for_order(order);
  auto words = writer(locale);
  if (auto listed = return_pages::list_panel(returns, words)) page.panels.push_back(*listed);
  bool own = session.signed_in() && order.user_id == session.user->id;
  if (own) {
    if (auto ask = return_pages::ask_panel(order, returns, shown.draft, session.csrf_token, words))
      page.panels.push_back(std::move(*ask));
  }
  for (auto& error : shown.errors) view::add_error(page, error.field, error.message);
  co_return render(status, page);
}

// "Cancel this order and go back to my cart", after a payment left unfinished: the payment
// session is closed and the order cancelled (its stock given back), then the cart, which still
// holds the items. A cross-site form cannot do it: the session's CSRF token, or for a visitor
// without a session (the mail's link in another browser) the browser's proof of same origin.
net::awaitable<Response> Pages::abandon(Context& ctx, Locale locale) const {
  auto form = http::form_of(ctx);
  auto [order, with_token] = co_await visible_order(ctx, number_of(ctx), form.get("t"));
  const auto& session = accounts::session_of(ctx);
  auto token = form.find(accounts::kCsrfField);
  bool allowed = token ? accounts::check_csrf(ctx, session, *token, deps_.allowed_origin) ==
                             accounts::CsrfVerdict::ok
                       : accounts::proves_same_origin(ctx, deps_.allowed_origin);
  if (!allowed) throw http::HttpError(Status::forbidden);
  if (order.status == OrderStatus::pending) co_await deps_.abandon_payment(order);
  co_return http::see_other(cart::urls::kCart[locale]);
}

// The order page's return form: only the order's signed-in customer may ask (anyone else gets
// 404, as for the page), with the session's CSRF token. A refusal shows the page again with what
// was typed and why; a return asked is Post/Redirect/Get to the page, which lists it.
net::awaitable<Response> Pages::ask_return(Context& ctx, Locale locale) const {
  auto form = http::form_of(ctx);
  const auto& session = accounts::session_of(ctx);
  auto found = co_await deps_.orders.find(number_of(ctx));
  if (!found || !session.signed_in() || found->user_id != session.user->id)
    throw http::HttpError(Status::not_found);
  auto words = writer(locale);
  Shown shown{.draft = return_pages::draft_of(form, *found)};
  if (accounts::check_csrf(ctx, session, form.get(accounts::kCsrfField), deps_.allowed_origin) !=
      accounts::CsrfVerdict::ok) {
    shown.errors.push_back({.message = t(locale, "returns.error.csrf")});
    co_return co_await order_page(ctx, locale, Status::forbidden, std::move(*found),
                                  std::move(shown));
  }
  auto request = return_pages::request_of(shown.draft, *found, session.user->id, words);
  if (!request) {
    shown.errors = std::move(request.error());
    co_return co_await order_page(ctx, locale, Status::unprocessable_entity, std::move(*found),
                                  std::move(shown));
  }
  auto made = co_await deps_.returns.request(std::move(*request));
  if (!made) {
    auto returns = co_await deps_.returns.for_order(*found);
    shown.errors = return_pages::errors_of(made.error(), *found, returns, words);
    auto status = refusal_of(made.error().error).status;
    co_return co_await order_page(ctx, locale, status, std::move(*found), std::move(shown));
  }
  co_return http::see_other(
      http::with_notice(urls::order(locale, found->number), "return_requested"));
}

net::awaitable<Response> Pages::orders(Context& ctx, Locale locale) const {
  auto& session = accounts::session_of(ctx);
  if (!session.signed_in())
    co_return http::see_other(fmt::format("{}?next={}", accounts::urls::kLogin[locale],
                                          http::form_encode(urls::kMine[locale])));
  auto user_id = session.user->id;
  auto list = co_await deps_.orders.list_for_user(user_id);
  view::Page page;
  page.layout = {.locale = locale,
                 .title = t(locale, "orders.my_orders"),
                 .alternate_url = std::string(urls::kMine[core::other(locale)]),
                 .page_type = "account",
                 .robots = "noindex, nofollow"};
  page.heading = page.layout.title;
  view::Panel panel{.id = "orders"};
  if (list.empty()) panel.paragraphs.push_back(t(locale, "orders.none"));
  for (const auto& summary : list)
    panel.links.push_back(
        {urls::order(locale, summary.number),
         fmt::format("{} — {} — {} — {}", summary.number, date_of(summary.created_at),
                     t(locale, fmt::format("orders.status.{}", name(summary.status))),
                     money(summary.total, summary.currency, locale))});
  page.panels.push_back(std::move(panel));
  co_return render(Status::ok, page);
}

}  // namespace

void add_order_pages(http::Router& router, OrderPagesDeps deps) {
  auto pages = std::make_shared<const Pages>(deps);
  http::RouteOptions options{.middleware = {accounts::with_session(deps.sessions)}};
  const http::MemberRoutes routes(router, pages, options);
  // Asking for a return writes and mails: throttled, once the session says who asks.
  options.middleware.insert(options.middleware.end(), deps.return_middleware.begin(),
                            deps.return_middleware.end());
  const http::MemberRoutes returns(router, pages, std::move(options));
  for (auto locale : core::kLocales) {
    routes.add(http::Method::get, locale, urls::kMine[locale], &Pages::orders);
    routes.add(http::Method::get, locale, urls::order_route(locale), &Pages::order);
    routes.add(http::Method::post, locale, urls::abandon_route(locale), &Pages::abandon);
    returns.add(http::Method::post, locale, urls::returns_route(locale), &Pages::ask_return);
  }
}

}  // namespace comptoir::orders
