#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/locale.hpp"
#include "core/secret_keys.hpp"

namespace comptoir::db {
class Connection;
}
namespace comptoir::i18n {
class Formatter;
}

// What orders hold of a customer, for the privacy rights (src/privacy): their copy of it, what
// keeps their account from being closed now, and what closing it leaves on their orders. Each
// runs on the caller's connection, inside the privacy module's transaction.
namespace comptoir::orders {

// The email an order keeps once its customer's account is closed (RFC 2606's .invalid: nothing
// is ever sent there).
inline constexpr std::string_view kErasedEmail = "erased@customer.invalid";

// {"orders": […], "returns": […]}: every order of the account as the JSON API shows it
// (orders/order_json.hpp: lines, totals, states, history) with its shipping address opened, and
// every return of those orders (lines, amounts, state, history). Amounts formatted for `locale`.
boost::json::object export_orders(db::Connection& conn, const core::SecretKeys& keys,
                                  const i18n::Formatter& formatter, core::Locale locale,
                                  std::int64_t user_id);

// What the shop still owes the customer or waits for: orders waiting for their payment or paid
// and not shipped yet, and returns not settled (requested, approved, received). Their numbers.
struct Unfinished {
  std::vector<std::string> orders{};
  std::vector<std::string> returns{};
  bool empty() const { return orders.empty() && returns.empty(); }
};
Unfinished unfinished_business(db::Connection& conn, std::int64_t user_id);

// The account is being closed: each of its orders is kept for the books but detached from it (no
// customer, no cart) and its email replaced by kErasedEmail; the sealed shipping address keeps
// the name and postal address an invoice must show, and loses the phone number; a history line
// says so. Its returns are detached too and lose the customer's comment. How many of each.
struct Detached {
  std::int64_t orders = 0;
  std::int64_t returns = 0;
};
Detached detach_customer(db::Connection& conn, const core::SecretKeys& keys, std::int64_t user_id);

}  // namespace comptoir::orders
