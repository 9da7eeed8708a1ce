#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "orders/order.hpp"

namespace comptoir::db {
class Connection;
}

// Read-only views of many orders at once, for staff: the filtered, paginated list (the back
// office and GET /api/v1/orders) and the dashboard's figures. Each runs on the caller's
// connection, so a screen reads all its figures from one snapshot.
namespace comptoir::orders {

// Which orders a staff list shows. Pages go by id, newest first: `before_id` is the last id of the
// previous page (a cursor stays right while new orders arrive, unlike an offset).
struct OrderFilter {
  std::optional<OrderStatus> status{};
  std::optional<std::string> created_from{};  // YYYY-MM-DD, UTC, inclusive
  std::optional<std::string> created_to{};    // YYYY-MM-DD, UTC, inclusive
  std::optional<PaymentProvider> provider{};
  // An order number, part of an email address, or (through `customer_ids`) a customer's name.
  std::string search{};
  std::vector<std::int64_t> customer_ids{};  // accounts whose name matched `search`
  std::optional<std::int64_t> before_id{};
  int limit = 50;  // 1 … 200
};

struct OrderListRow {
  std::int64_t id = 0;
  std::string number{};
  OrderStatus status = OrderStatus::pending;
  std::string email{};
  std::string currency{};
  std::int64_t total = 0;
  std::int64_t refunded_amount = 0;
  PaymentProvider provider = PaymentProvider::manual;
  std::string created_at{};  // ISO 8601, UTC
  int items = 0;             // units ordered
};

struct OrderListPage {
  std::vector<OrderListRow> rows{};
  std::optional<std::int64_t> next_before_id{};  // set when an older page exists
};

// Money taken in one currency over a period: orders paid in it, what they came to, what went back.
struct SalesFigure {
  std::string currency{};
  std::int64_t orders = 0;
  std::int64_t gross = 0;
  std::int64_t refunded = 0;
  std::int64_t net() const { return gross - refunded; }
  std::int64_t average_basket() const { return orders == 0 ? 0 : gross / orders; }
};

struct DailySales {
  std::string day{};  // YYYY-MM-DD, UTC
  std::string currency{};
  std::int64_t orders = 0;
  std::int64_t net = 0;
};

struct StatusCount {
  OrderStatus status = OrderStatus::pending;
  std::int64_t count = 0;
};

struct TopProduct {
  std::optional<std::int64_t> product_id{};
  std::string name{};  // as ordered (the line's snapshot)
  std::string currency{};
  std::int64_t units = 0;
  std::int64_t revenue = 0;
};

class OrderReports {
 public:
  explicit OrderReports(db::Connection& conn) : conn_(conn) {}

  OrderListPage list(const OrderFilter& filter);
  // Orders paid in the last `days` calendar days (UTC), today included (0 or 1: since midnight UTC
  // today), per currency — the days of daily_sales(days); cancelled orders never count, refunds
  // are subtracted in `net`.
  std::vector<SalesFigure> sales(int days);
  // One row per day and currency with sales, over the last `days` days (today included).
  std::vector<DailySales> daily_sales(int days);
  std::vector<StatusCount> by_status();
  // The products sold most (units) in orders paid over the last `days` days.
  std::vector<TopProduct> top_products(int days, int limit);

 private:
  db::Connection& conn_;
};

// "2026-12-02": a date the list filter accepts (a real calendar day).
bool is_iso_date(std::string_view text);

}  // namespace comptoir::orders
