#include "checkout/checkout_routes.hpp"

#include <fmt/format.h>

#include "accounts/session.hpp"
#include "checkout/checkout_pages.hpp"
#include "orders/order_urls.hpp"

namespace comptoir::checkout {

void add_checkout_routes(http::Router& router, CheckoutDeps deps) {
  auto pages = std::make_shared<const Pages>(deps);
  http::RouteOptions options;
  options.middleware.push_back(accounts::with_session(deps.sessions));
  using Member = net::awaitable<Response> (Pages::*)(Context&, Locale) const;
  auto add = [&](http::Method method, Locale locale, std::string pattern, Member member) {
    router.add(
        method, pattern,
        [pages, member, locale](Context& ctx) -> net::awaitable<Response> {
          co_return co_await ((*pages).*member)(ctx, locale);
        },
        options);
  };
  for (auto locale : core::kLocales) {
    const auto& p = paths(locale);
    add(http::Method::get, locale, std::string(p.checkout), &Pages::checkout_form);
    add(http::Method::post, locale, std::string(p.checkout), &Pages::place_order);
    add(http::Method::get, locale, std::string(p.orders_list), &Pages::orders);
    auto order = orders::orders_prefix(locale);
    add(http::Method::get, locale, fmt::format("{}{{number}}", order), &Pages::order);
  }
}

}  // namespace comptoir::checkout
