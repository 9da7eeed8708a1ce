#pragma once

#include <string>

#include "core/secret_keys.hpp"
#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "views/views.hpp"

namespace comptoir::accounts {
class AddressBook;
class SessionService;
}  // namespace comptoir::accounts
namespace comptoir::cart {
class CartService;
}
namespace comptoir::orders {
class OrderService;
}

namespace comptoir::checkout {

class CheckoutService;

struct CheckoutDeps {
  CheckoutService& checkout;
  orders::OrderService& orders;
  cart::CartService& carts;
  accounts::SessionService& sessions;
  accounts::AddressBook& addresses;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  const core::SecretKeys& keys;
  std::string allowed_origin;  // BASE_URL's origin, for the CSRF checks
  // The checkout page's Content-Security-Policy: its form-action must also allow the payment
  // page the POST redirects to (browsers apply form-action to redirects).
  std::string content_security_policy{};
};

// The checkout page (/fr/commande, /en/checkout: contact, address, destination, review, then
// payment), an order's page (/fr/commandes/{number}, /en/orders/{number}: for its customer, or
// with the token of the confirmation mail) and the customer's orders (/fr/compte/commandes,
// /en/account/orders). Plain forms and redirects, no JavaScript.
void add_checkout_routes(http::Router& router, CheckoutDeps deps);

}  // namespace comptoir::checkout
