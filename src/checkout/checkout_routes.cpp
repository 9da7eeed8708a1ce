#include "checkout/checkout_routes.hpp"

#include "accounts/session.hpp"
#include "checkout/checkout_pages.hpp"
#include "checkout/checkout_urls.hpp"
#include "http/member_routes.hpp"

namespace comptoir::checkout {

void add_checkout_routes(http::Router& router, CheckoutDeps deps) {
  const http::MemberRoutes routes(router, std::make_shared<const Pages>(deps),
                                  {.middleware = {accounts::with_session(deps.sessions)}});
  using M = http::Method;
  for (auto locale : core::kLocales) {
    routes.add(M::get, locale, urls::kCheckout[locale], &Pages::checkout_form);
    routes.add(M::post, locale, urls::kCheckout[locale], &Pages::place_order);
  }
}

}  // namespace comptoir::checkout
