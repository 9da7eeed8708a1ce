#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <vector>

#include "core/secret_keys.hpp"
#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "orders/order.hpp"
#include "views/views.hpp"

namespace comptoir::accounts {
class SessionService;
}

namespace comptoir::orders {

class OrderService;
class ReturnService;

struct OrderPagesDeps {
  OrderService& orders;
  ReturnService& returns;
  accounts::SessionService& sessions;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  const core::SecretKeys& keys;  // the order links' tokens (orders/order_link.hpp)
  // The customer gives up a payment left unfinished: the payment provider's session is closed
  // and, when it was, the order cancelled. True when it changed. Handed in by app from
  // checkout, which owns the provider.
  std::function<boost::asio::awaitable<bool>(const Order&)> abandon_payment;
  std::string allowed_origin;  // BASE_URL's origin, for the CSRF check
  // Run before asking for a return (the throttle of customer writes), after the session.
  std::vector<http::Middleware> return_middleware{};
};

// An order's page (/fr/commandes/{number}, /en/orders/{number}: for its customer, or with the
// token of the confirmation mail), its "cancel and go back to the cart" form after a payment
// left unfinished (POST …/annuler, …/cancel), its returns and the form its signed-in customer
// asks for one with (POST …/retours, …/returns), and the customer's orders
// (/fr/compte/commandes, /en/account/orders). Plain pages, no JavaScript.
void add_order_pages(http::Router& router, OrderPagesDeps deps);

}  // namespace comptoir::orders
