#pragma once

#include <functional>
#include <string>

#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "orders/order.hpp"
#include "views/views.hpp"

namespace comptoir::accounts {
class AddressBook;
class SessionService;
}  // namespace comptoir::accounts
namespace comptoir::cart {
class CartService;
}

namespace comptoir::checkout {

class CheckoutService;

struct CheckoutDeps {
  CheckoutService& checkout;
  cart::CartService& carts;
  accounts::SessionService& sessions;
  accounts::AddressBook& addresses;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  std::string allowed_origin;  // BASE_URL's origin, for the CSRF checks
  // The checkout page's Content-Security-Policy: its form-action must also allow the payment
  // page the POST redirects to (browsers apply form-action to redirects).
  std::string content_security_policy{};
  // What the order remembers of the visitor's audience-measurement choice (analytics::mark_of,
  // handed in by app); nothing when unset.
  std::function<orders::AnalyticsMark(const http::Context&)> analytics_mark{};
};

// The checkout page (/fr/commande, /en/checkout: contact, address, destination, review, then
// payment). Plain forms and redirects, no JavaScript. The order pages it leads to are orders'
// (orders/order_pages.hpp).
void add_checkout_routes(http::Router& router, CheckoutDeps deps);

}  // namespace comptoir::checkout
