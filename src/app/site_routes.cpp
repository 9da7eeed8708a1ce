#include <fmt/format.h>

#include "accounts/account_urls.hpp"
#include "app/routes.hpp"
#include "cart/cart_urls.hpp"
#include "catalog/catalog_urls.hpp"
#include "checkout/checkout_urls.hpp"
#include "i18n/negotiate.hpp"
#include "legal/legal_urls.hpp"

namespace comptoir::app {

http::Middleware locale_from_request() {
  return [](http::Context& ctx, const http::Handler& next) -> http::net::awaitable<http::Response> {
    auto path = ctx.path;
    if (path == "/en" || path.starts_with("/en/"))
      ctx.locale = core::Locale::en;
    else if (path == "/fr" || path.starts_with("/fr/"))
      ctx.locale = core::Locale::fr;
    else if (path.starts_with("/api/") || path == "/" || path == "/admin" ||
             path.starts_with("/admin/"))  // the back office: until the staff member is known
      ctx.locale = i18n::negotiate_locale(ctx.header(http::Field::accept_language));
    else
      ctx.locale = core::kDefaultLocale;  // unknown prefixes fall back to French (design.md §4)
    co_return co_await next(ctx);
  };
}

views::Navigation site_navigation() {
  return {.home = catalog::urls::kHome,
          .products = catalog::urls::kProducts,
          .cart = cart::urls::kCart,
          .account = accounts::urls::kAccount,
          .footer = {{"layout.footer.privacy", legal::urls::kPrivacy},
                     {"layout.footer.terms", legal::urls::kTerms},
                     {"layout.footer.legal_notice", legal::urls::kLegalNotice},
                     {"layout.footer.cookies", legal::urls::kCookies}}};
}

std::vector<core::Localized> private_pages() {
  return {cart::urls::kCart, checkout::urls::kCheckout, accounts::urls::kAccount};
}

std::vector<core::Localized> legal_pages() {
  return {legal::urls::kPrivacy, legal::urls::kTerms, legal::urls::kLegalNotice,
          legal::urls::kCookies};
}

void add_site_routes(http::Router& router, Components& app) {
  // The best locale for the visitor; 302 because the answer depends on the request.
  router.get("/", [](http::Context& ctx) -> http::net::awaitable<http::Response> {
    auto res = http::redirect(http::Status::found, catalog::urls::kHome[ctx.locale]);
    res.set(http::Field::vary, "Accept-Language");
    res.set(http::Field::cache_control, "private, no-cache");
    co_return res;
  });
  // The locale homes themselves are storefront pages (catalog::storefront::add_routes).
  for (auto locale : core::kLocales) {
    auto home = catalog::urls::home(locale);
    router.get(fmt::format("/{}", core::code(locale)),
               [home](http::Context&) -> http::net::awaitable<http::Response> {
                 co_return http::redirect(http::Status::moved_permanently, home);
               });
  }
  router.get("/static/{path...}",
             [&app](http::Context& ctx) -> http::net::awaitable<http::Response> {
               co_return app.assets.serve(ctx.request, ctx.param("path"));
             });
}

http::ErrorRenderer error_renderer(Components& app) {
  return [&app](http::Context& ctx, const http::HttpError& error) -> http::Response {
    auto status = error.status();
    auto code = static_cast<unsigned>(status);
    auto title_key = fmt::format("error.{}.title", code);
    auto message_key = fmt::format("error.{}.message", code);
    if (!app.catalog.contains(core::Locale::fr, title_key)) {
      title_key = "error.generic.title";
      message_key = "error.generic.message";
    }
    if (ctx.wants_json()) {
      auto detail = error.detail().empty() ? app.catalog.t(ctx.locale, message_key)
                                           : std::string_view(error.detail());
      return http::problem(ctx, error, app.catalog.t(ctx.locale, title_key), detail);
    }
    auto alternate = catalog::urls::home(core::other(ctx.locale));
    auto res =
        http::html(status, app.views.render_error(ctx.locale, status, ctx.request_id, alternate));
    res.set(http::Field::cache_control, "no-store");
    return res;
  };
}

}  // namespace comptoir::app
