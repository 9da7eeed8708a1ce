#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cart/cart.hpp"
#include "orders/order.hpp"
#include "orders/order_events.hpp"
#include "orders/order_mail.hpp"
#include "orders/order_reports.hpp"
#include "orders/order_repository.hpp"
#include "orders/shipment.hpp"

namespace comptoir::db {
class Database;
class Connection;
}  // namespace comptoir::db
namespace comptoir::catalog {
class CatalogService;
}

namespace comptoir::orders {

// Who changed an order: "customer", "system", "stripe", "user" (staff, by id) or "api_token".
struct Actor {
  std::string kind = "system";
  std::string id{};
};

struct PlaceRequest {
  cart::CartOwner owner{};
  std::optional<std::int64_t> user_id{};
  std::string email{};
  core::Locale locale = core::Locale::fr;
  ShippingAddress address{};
  std::string region_code{};
  PaymentProvider provider = PaymentProvider::manual;
  std::chrono::minutes hold{40};
  // The total the visitor reviewed; when the cart now costs something else, nothing is ordered.
  std::optional<std::int64_t> expected_total{};
  // The version of the terms of sale the customer accepted by placing the order (legal's
  // "2026-12-04.3f9a1c2b"), stored with it; empty: none recorded.
  std::string terms_version{};
  AnalyticsMark analytics{};
};

enum class PlaceError {
  empty_cart,
  unavailable,     // a line's product was withdrawn
  out_of_stock,    // fewer units left than the line asks
  total_changed,   // prices moved since the review
  unknown_region,  // no active tax region by that code
  mixed_currencies,
};

struct PlaceFailure {
  PlaceError error;
  std::string item{};  // the line concerned, in the visitor's language
};

struct Change {
  OrderStatus to = OrderStatus::paid;
  // The state the asker saw (the back office's forms send it): when the order has moved since,
  // nothing changes (ChangeError::stale).
  std::optional<OrderStatus> expected{};
  Actor actor{};
  std::string note{};
  Shipment shipment{};                            // with fulfilled: checked, then stored
  std::optional<std::int64_t> refunded_amount{};  // with refunded and partially_refunded
  std::optional<OrderMail> mail{};                // overrides the mail the new state sends
  bool quiet = false;  // no mail at all: another one tells the customer (a return's refund)
  // The payment's id at the provider (a PaymentIntent), recorded by the same write as the new
  // state; "" leaves the recorded one.
  std::string payment_intent{};
};

enum class ChangeError { unknown_order, not_allowed, bad_amount, stale, bad_shipment };

// An order read whole (with its lines) and its row locked until the transaction ends: what a
// payment event checks through payment(), then hands to OrderService::change without the order
// being read a second time.
class LockedOrder {
 public:
  PaymentView payment() const;

 private:
  friend class OrderService;
  explicit LockedOrder(StoredOrder stored) : stored_(std::move(stored)) {}
  StoredOrder stored_;
};

// Orders: placing one from a cart (stock reserved in the same transaction), and every change of
// state through change(), the one function that checks the transition, writes the history row,
// gives stock back when an order is cancelled, and queues the customer's mail.
// Refunds reach change() through checkout::RefundService (or Stripe's events), never directly.
class OrderService {
 public:
  OrderService(db::Database& db, catalog::CatalogService& catalog, MailContext mail)
      : db_(db), catalog_(catalog), mail_(std::move(mail)) {}

  boost::asio::awaitable<std::expected<Order, PlaceFailure>> place(PlaceRequest request);

  // Adds an observer of every change of state (orders/order_events.hpp), before serving. It must
  // outlive the service.
  void observe(OrderObserver& observer) { observers_.push_back(&observer); }

  // On the caller's connection, inside its transaction (the Stripe webhook applies events so).
  std::expected<OrderStatus, ChangeError> change(db::Connection& conn, std::int64_t order_id,
                                                 const Change& change) const;
  std::expected<OrderStatus, ChangeError> change(db::Connection& conn, LockedOrder order,
                                                 const Change& change) const;
  boost::asio::awaitable<std::expected<Order, ChangeError>> change(std::string number,
                                                                   Change change);

  // The payment provider's reference (the Stripe Checkout Session id) of a pending order.
  boost::asio::awaitable<void> set_payment_reference(std::string number, std::string reference);

  // Adds a line to the order's history without changing its state (what a supplier shipped of an
  // order the shop ships partly itself), on the caller's connection. false: no such order.
  bool note(db::Connection& conn, std::int64_t order_id, const Actor& actor,
            std::string_view text) const;

  // For payment events, on the caller's connection: the order `key` names, its row locked until
  // the transaction ends; and the provider's payment id, recorded once it is known.
  std::optional<PaymentView> lock_for_payment(db::Connection& conn, PaymentKey key,
                                              std::string_view id) const;
  std::optional<PaymentView> lock_for_payment(db::Connection& conn, std::int64_t order_id) const;
  // The order `key` names read whole and locked, for a change that follows its checks.
  std::optional<LockedOrder> lock_for_change(db::Connection& conn, PaymentKey key,
                                             std::string_view id) const;
  // The same without the lock, for reads (what may still be refunded).
  std::optional<PaymentView> payment_view(db::Connection& conn, PaymentKey key,
                                          std::string_view id) const;
  std::optional<PaymentView> payment_view(db::Connection& conn, std::int64_t order_id) const;
  void set_payment_intent(db::Connection& conn, std::int64_t order_id,
                          std::string_view intent) const;
  // Whether `number` is an order of this shop (a payment event claiming one is suspicious).
  bool exists(db::Connection& conn, std::string_view number) const;
  // The id of the order numbered `number`, on the caller's connection.
  std::optional<std::int64_t> id_of(db::Connection& conn, std::string_view number) const;

  // The visitor's analytics choice remembered with the order (for the analytics module's events),
  // on the caller's connection; nullopt when there is no such order.
  std::optional<AnalyticsMark> analytics_mark(db::Connection& conn, std::int64_t order_id) const;

  // The order with its address opened, lines and history.
  std::optional<Order> load(db::Connection& conn, std::int64_t order_id) const;
  boost::asio::awaitable<std::optional<Order>> find(std::string number);
  boost::asio::awaitable<std::vector<OrderSummary>> list_for_user(std::int64_t user_id);
  // Staff lists (the back office, GET /api/v1/orders): a search also finds the orders of the
  // accounts whose name holds it.
  boost::asio::awaitable<OrderListPage> list(OrderFilter filter);

  // Cancels pending orders whose hold has passed and gives their stock back, on the caller's
  // connection (the orders.release_expired job, orders/order_expiry.hpp). Returns how many.
  int release_expired(db::Connection& conn, int batch = 100) const;

  const MailContext& mail() const { return mail_; }

 private:
  db::Database& db_;
  catalog::CatalogService& catalog_;
  MailContext mail_;
  std::vector<OrderObserver*> observers_{};
};

// The order with its address opened with `keys`, its lines and history, on the caller's
// connection: for the modules that need the customer's address without an OrderService (the
// supplier engine, which works for shops it does not serve). nullopt when there is no such order.
std::optional<Order> load_order(db::Connection& conn, const core::SecretKeys& keys,
                                std::int64_t order_id);

// The numbers of these orders by id, on the caller's connection: for lists kept by other modules
// (the supplier engine's order queue) that name the shop's order.
std::map<std::int64_t, std::string> order_numbers(db::Connection& conn,
                                                  const std::vector<std::int64_t>& ids);

}  // namespace comptoir::orders
