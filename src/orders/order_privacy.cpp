#include "orders/order_privacy.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "i18n/formatter.hpp"
#include "i18n/money_json.hpp"
#include "orders/order_json.hpp"
#include "orders/order_repository.hpp"
#include "orders/order_service.hpp"
#include "orders/return_repository.hpp"
#include "orders/sealed_fields.hpp"

namespace comptoir::orders {
namespace {

namespace json = boost::json;

constexpr db::Query kOrderIds{"privacy_order_ids",
                              "SELECT id FROM orders WHERE user_id = $1 ORDER BY id"};
// The returns of the account's orders, and any the account asked for (the same, unless an order
// changed hands, which nothing does today).
constexpr db::Query kReturnIds{
    "privacy_return_ids",
    "SELECT id FROM returns WHERE user_id = $1 "
    "OR order_id IN (SELECT id FROM orders WHERE user_id = $1) ORDER BY id"};
constexpr db::Query kUnfinishedOrders{
    "privacy_unfinished_orders",
    "SELECT number FROM orders WHERE user_id = $1 AND status IN ('pending', 'paid') ORDER BY id"};
constexpr db::Query kUnfinishedReturns{
    "privacy_unfinished_returns",
    "SELECT r.number FROM returns r JOIN orders o ON o.id = r.order_id "
    "WHERE (o.user_id = $1 OR r.user_id = $1) AND r.state IN ('requested', 'approved', "
    "'received') ORDER BY r.id"};
constexpr db::Query kSealedAddress{"privacy_order_sealed_address",
                                   "SELECT shipping_address FROM orders WHERE id = $1"};
constexpr db::Query kDetachOrder{
    "privacy_detach_order",
    "UPDATE orders SET user_id = NULL, cart_id = NULL, email = $2, shipping_address = $3, "
    "updated_at = now() WHERE id = $1"};
constexpr db::Query kDetachReturns{
    "privacy_detach_returns",
    "UPDATE returns SET user_id = NULL, comment = '', updated_at = now() "
    "WHERE user_id = $1 OR order_id = ANY($2::bigint[])"};

std::vector<std::int64_t> ids_of(db::Connection& conn, const db::Query& query,
                                 std::int64_t user_id) {
  auto rows = conn.exec(query, user_id);
  std::vector<std::int64_t> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.get<std::int64_t>(i, 0));
  return out;
}

std::vector<std::string> numbers_of(db::Connection& conn, const db::Query& query,
                                    std::int64_t user_id) {
  auto rows = conn.exec(query, user_id);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.get<std::string>(i, 0));
  return out;
}

json::value address_json(const std::optional<ShippingAddress>& address) {
  if (!address) return nullptr;
  return json::parse(to_json(*address));
}

json::object return_json(const Return& r, const i18n::Formatter& formatter, core::Locale locale) {
  // The one JSON money shape of the API (api/openapi.json's Money).
  auto money = [&](std::int64_t cents) {
    return i18n::money_json({.cents = cents, .currency = r.currency}, locale, formatter);
  };
  json::array lines;
  for (const auto& line : r.lines)
    lines.push_back(json::object{{"sku", line.sku},
                                 {"name", line.name},
                                 {"variant", line.variant_label},
                                 {"quantity", line.quantity},
                                 {"unit_price", money(line.unit_price)}});
  json::array history;
  for (const auto& event : r.history)
    history.push_back(json::object{
        {"at", event.occurred_at},
        {"actor", event.actor_kind},
        {"from", event.from_state.empty() ? json::value(nullptr) : json::value(event.from_state)},
        {"to", event.to_state},
        {"note", event.note}});
  return {{"number", r.number},
          {"order", r.order_number},
          {"state", name(r.state)},
          {"reason", name(r.reason)},
          {"comment", r.comment},
          {"refund_amount", money(r.refund_amount)},
          {"refunded_amount",
           r.refunded_amount ? json::value(money(*r.refunded_amount)) : json::value(nullptr)},
          {"created_at", r.created_at},
          {"lines", std::move(lines)},
          {"history", std::move(history)}};
}

}  // namespace

json::object export_orders(db::Connection& conn, const core::SecretKeys& keys,
                           const i18n::Formatter& formatter, core::Locale locale,
                           std::int64_t user_id) {
  json::array orders;
  for (auto id : ids_of(conn, kOrderIds, user_id)) {
    auto order = load_order(conn, keys, id);
    if (!order) continue;
    auto out = order_json(*order, locale, formatter);
    out["shipping_address"] = address_json(order->address);
    orders.push_back(std::move(out));
  }
  json::array returns;
  ReturnRepository repository(conn);
  for (auto id : ids_of(conn, kReturnIds, user_id))
    if (auto found = repository.find_by_id(id))
      returns.push_back(return_json(*found, formatter, locale));
  return {{"orders", std::move(orders)}, {"returns", std::move(returns)}};
}

Unfinished unfinished_business(db::Connection& conn, std::int64_t user_id) {
  return {.orders = numbers_of(conn, kUnfinishedOrders, user_id),
          .returns = numbers_of(conn, kUnfinishedReturns, user_id)};
}

Detached detach_customer(db::Connection& conn, const core::SecretKeys& keys, std::int64_t user_id) {
  Detached out;
  auto ids = ids_of(conn, kOrderIds, user_id);
  OrderRepository orders(conn);
  for (auto id : ids) {
    auto status = std::string(name(orders.lock_status(id).value_or(OrderStatus::pending)));
    auto sealed = conn.exec(kSealedAddress, id).get<std::string>(0, 0);
    auto field = sealed_fields::order_shipping_address(id);
    // The invoice keeps the buyer's name and postal address; the phone number goes. A value no
    // key opens stays as it is: nobody can read it anyway.
    if (auto opened = core::open(keys, sealed, field)) {
      if (auto address = address_from_json(*opened)) {
        address->phone.clear();
        sealed = core::seal(keys, to_json(*address), field);
      }
    }
    conn.exec(kDetachOrder, id, kErasedEmail, sealed);
    // The state does not change: the line only records when and why the details went.
    orders.add_history(id, "customer", "", status, status,
                       "account closed at the customer's request: contact details erased");
    ++out.orders;
  }
  out.returns = static_cast<std::int64_t>(conn.exec(kDetachReturns, user_id, ids).affected_rows());
  return out;
}

}  // namespace comptoir::orders
