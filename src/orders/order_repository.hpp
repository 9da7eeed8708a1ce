#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/inventory.hpp"
#include "orders/order.hpp"
#include "orders/shipment.hpp"

namespace comptoir::db {
class Connection;
class Result;
struct Query;
}  // namespace comptoir::db

namespace comptoir::orders {

// An order as stored, before its address is opened (the service holds the keys).
struct StoredOrder {
  Order order{};
  std::string sealed_address{};
  std::optional<std::int64_t> cart_id{};
};

// Who changed an order's state and why, for its history row.
struct StatusNote {
  std::string_view actor_kind;
  std::string_view actor_id;  // "" for none
  std::string_view text;
};

struct NewOrder {
  std::int64_t id = 0;  // from next_id(): the sealed address is bound to it
  std::string number{};
  std::optional<std::int64_t> user_id{};
  std::optional<std::int64_t> cart_id{};
  std::string email{};
  core::Locale locale = core::Locale::fr;
  std::string currency{};
  std::string region_code{};
  std::string sealed_address{};
  cart::Totals totals{};
  PaymentProvider provider = PaymentProvider::manual;
  std::chrono::minutes hold{30};  // how long the stock stays reserved without payment
  std::string terms_version{};    // the terms of sale accepted; empty: none recorded
};

// What the database gives an order it inserts (ISO 8601, UTC, as Order has them).
struct OrderStamps {
  std::string created_at{};
  std::string reserved_until{};
};

struct OrderSummary {
  std::string number{};
  OrderStatus status = OrderStatus::pending;
  std::int64_t total = 0;
  std::string currency{};
  std::string created_at{};
};

// SQL for orders, their lines and history, nothing else; runs on the caller's connection (and so
// inside the caller's transaction). The stock itself is catalog::Inventory's.
class OrderRepository {
 public:
  explicit OrderRepository(db::Connection& conn) : conn_(conn) {}

  // Records that the order's held stock goes back, once: false when it was already given back.
  bool mark_released(std::int64_t order_id);
  // The units the order's lines took from stock (lines of untracked variants took none).
  std::vector<catalog::StockUnits> reserved_units(std::int64_t order_id);

  // The id the next order will have (its sealed address names it).
  std::int64_t next_id();
  OrderStamps insert(const NewOrder& order);
  // The writes below read nothing back: inside a transaction they are queued and go with its
  // next statement (db::Connection::write), so a failure is thrown there.
  void insert_line(std::int64_t order_id, int position, const OrderLine& line, bool reserved);
  // How many of the line's units came from the suppliers' stock (known once they are taken).
  void set_supplier_units(std::int64_t order_id, int position, int units);
  void add_history(std::int64_t order_id, std::string_view actor_kind, std::string_view actor_id,
                   std::optional<std::string_view> from, std::string_view to,
                   std::string_view note);

  std::optional<std::int64_t> id_by_number(std::string_view number);
  // The numbers of these orders, by id (ids of no order are left out).
  std::map<std::int64_t, std::string> numbers(const std::vector<std::int64_t>& ids);
  std::optional<StoredOrder> find_by_number(std::string_view number);
  std::optional<StoredOrder> find_by_id(std::int64_t id);
  // The order and its lines, its row locked until the transaction ends; its history is left empty
  // (what a change checks, tells its observers and mails never reads it: one statement less).
  std::optional<StoredOrder> lock_by_id(std::int64_t id);
  // The same, found by a payment key (one statement: what a payment event checks and changes).
  std::optional<StoredOrder> lock(PaymentKey key, std::string_view value);
  // The payment side of the order `key` finds, in one statement, its row locked until the
  // transaction ends when `lock`.
  std::optional<PaymentView> payment_view(PaymentKey key, std::string_view value, bool lock);
  std::optional<PaymentView> payment_view(std::int64_t order_id, bool lock);
  // The order's status, its row locked until the transaction ends.
  std::optional<OrderStatus> lock_status(std::int64_t order_id);

  // A write (queued, like those above) of the new state and of the history row that tells it; a
  // non-empty `payment_intent` is recorded with it.
  void set_status(std::int64_t order_id, OrderStatus from, OrderStatus to, const StatusNote& note,
                  std::string_view payment_intent = {});
  void set_payment_reference(std::int64_t order_id, std::string_view reference);
  void set_payment_intent(std::int64_t order_id, std::string_view intent);
  void set_refunded_amount(std::int64_t order_id, std::int64_t amount);
  // The visitor's analytics consent and GA4 client id ("" for none) at checkout.
  void set_analytics(std::int64_t order_id, bool consent, std::string_view client_id);
  std::optional<AnalyticsMark> analytics(std::int64_t order_id);
  // The carrier, number and link of `shipment` (an empty part clears its column).
  void set_shipment(std::int64_t order_id, const Shipment& shipment);

  // Pending orders whose hold has passed and whose stock is still held, oldest first.
  std::vector<std::int64_t> expired_holds(int limit);
  std::vector<OrderSummary> list_for_user(std::int64_t user_id, int limit);

 private:
  std::optional<StoredOrder> read_order(const db::Query& query, std::int64_t id,
                                        bool with_history = true);
  // The order and its lines of a statement's rows (kFindById's columns); nullopt for no row.
  static std::optional<StoredOrder> stored_order(const db::Result& row);
  std::optional<PaymentView> read_payment_view(const db::Query& query, std::string_view value);

  db::Connection& conn_;
};

}  // namespace comptoir::orders
