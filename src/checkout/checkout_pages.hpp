#pragma once

// Internal to the checkout pages (checkout_pages.cpp), built by checkout_routes.cpp.

#include <string>
#include <string_view>

#include "checkout/checkout_routes.hpp"
#include "http/form.hpp"
#include "views/page_model.hpp"

namespace comptoir::cart {
struct CartContents;
}

namespace comptoir::checkout {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;
namespace view = views::page;

class Pages {
 public:
  explicit Pages(CheckoutDeps deps)
      : deps_(std::move(deps)), renderer_(deps_.views, deps_.messages) {}

  net::awaitable<Response> checkout_form(Context& ctx, Locale locale) const;
  net::awaitable<Response> place_order(Context& ctx, Locale locale) const;

 private:
  // The checkout page with what was typed (`values`) and what went wrong.
  net::awaitable<Response> checkout_page(Context& ctx, Locale locale, Status status,
                                         const http::Form& values,
                                         std::vector<view::Error> errors) const;
  view::Panel summary(const cart::CartContents& contents, Locale locale) const;

  std::string t(Locale locale, std::string_view key) const {
    return std::string(deps_.messages.t(locale, key));
  }
  std::string money(std::int64_t cents, std::string_view currency, Locale locale) const {
    return deps_.formatter.money(cents, currency, locale);
  }
  Response render(Status status, const view::Page& page) const;

  CheckoutDeps deps_;
  view::Renderer renderer_;
};

}  // namespace comptoir::checkout
