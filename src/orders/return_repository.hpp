#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orders/returns.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::orders {

struct NewReturn {
  std::string number{};
  std::int64_t order_id = 0;
  std::optional<std::int64_t> user_id{};
  ReturnReason reason = ReturnReason::other;
  std::string comment{};
  std::string currency{};
  std::int64_t refund_amount = 0;
  core::Locale locale = core::Locale::fr;
};

// What returns need to know of their order beyond its lines: its money and the days its window
// is counted from.
struct OrderFacts {
  std::int64_t total = 0;
  std::int64_t refunded_amount = 0;
  std::optional<std::chrono::sys_seconds> shipped_at{};  // the first move to fulfilled
  std::optional<std::chrono::sys_seconds> paid_at{};
};

// The back office's list: every filter is optional. Newest first, by pages of `limit`; the
// next page starts below the last id of this one (keyset).
struct ReturnFilter {
  std::optional<ReturnState> state{};
  std::optional<std::chrono::sys_days> created_from{};   // UTC, inclusive
  std::optional<std::chrono::sys_days> created_until{};  // UTC, inclusive
  std::string search{};                   // an RMA or order number, whole (case does not matter)
  std::optional<std::int64_t> user_id{};  // the returns of this account's orders
  std::optional<std::int64_t> before_id{};
  int limit = 50;
};

// SQL for returns, their lines and history, nothing else (plus what they read of their order's
// rows, orders' own tables); runs on the caller's connection, inside its transaction.
class ReturnRepository {
 public:
  explicit ReturnRepository(db::Connection& conn) : conn_(conn) {}

  std::int64_t insert(const NewReturn& created);
  void insert_line(std::int64_t return_id, std::int64_t order_id, const ReturnedUnits& units);
  void add_history(std::int64_t return_id, std::string_view actor_kind, std::string_view actor_id,
                   std::optional<std::string_view> from, std::string_view to,
                   std::string_view note);

  std::optional<std::int64_t> id_by_number(std::string_view number);
  // The return's state, its row locked until the transaction ends.
  std::optional<ReturnState> lock_state(std::int64_t id);
  std::optional<Return> find_by_id(std::int64_t id);

  // Any state but refunded (received stamps received_at).
  void set_state(std::int64_t id, ReturnState state);
  void set_restock(std::int64_t id, int position, bool restock);
  // → refunded, with the amount and the refund's reference, in one statement (the table checks
  // that a refunded return, and only one, has its amount).
  void set_refunded(std::int64_t id, std::int64_t amount, std::string_view reference);

  OrderFacts order_facts(std::int64_t order_id);
  std::vector<LineTally> line_tallies(std::int64_t order_id);
  std::vector<MoneyTally> money_tallies(std::int64_t order_id);

  std::vector<ReturnSummary> list_for_order(std::int64_t order_id);
  // Up to filter.limit + 1 rows: one more says another page follows.
  std::vector<ReturnSummary> list(const ReturnFilter& filter);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::orders
