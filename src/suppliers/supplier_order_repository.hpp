#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "suppliers/connectors/connector.hpp"
#include "suppliers/model.hpp"
#include "suppliers/routing_policy.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

struct NewSupplierOrderItem {
  int line_position = 0;
  std::int64_t supplier_variant_id = 0;
  int quantity = 0;
  std::int64_t unit_cost = 0;
};

struct NewSupplierOrder {
  std::int64_t supplier_id = 0;
  std::int64_t order_id = 0;
  std::string external_id{};
  std::string currency{};
  std::vector<NewSupplierOrderItem> items{};
};

// A supplier order as stored.
struct SupplierOrder {
  std::int64_t id = 0;
  std::int64_t supplier_id = 0;
  std::int64_t order_id = 0;
  std::string external_id{};
  SupplierOrderState state = SupplierOrderState::pending;
  std::string supplier_order_number{};
  std::string carrier{};
  std::string tracking_number{};
  std::string tracking_url{};
  std::string currency{};
  std::int64_t items_cost = 0;
  std::int64_t shipping_cost = 0;
  int attempts = 0;
  std::string last_error{};
  std::int64_t seconds_in_state = 0;  // since state_changed_at
  int version = 1;
};

// An item with what the platform needs to name it.
struct SupplierOrderLine {
  int line_position = 0;
  std::string product_external_id{};
  std::string variant_external_id{};
  std::string sku{};
  std::string title{};
  int quantity = 0;
};

// What a dispatch learned of an order: its new state, what the platform said, when to look again.
struct Progress {
  SupplierOrderState state = SupplierOrderState::pending;
  std::optional<RemoteOrder> remote{};
  std::chrono::seconds next_in{0};
  std::string error{};  // "" clears last_error
};

// What the order queue lists (order_queue.hpp).
struct QueueQuery {
  std::optional<SupplierOrderState> state{};  // nullopt: every state
  bool open_only = false;                     // not yet done: PENDING to IN_PRODUCTION, and FAILED
  std::optional<std::int64_t> supplier_id{};
  bool stuck_only = false;
  int limit = 200;
};
struct QueueRow {
  SupplierOrder order{};
  std::string supplier_name{};
  SupplierType supplier_type = SupplierType::dropshipper;
  std::string created_at{};       // ISO 8601, UTC
  std::string next_attempt_at{};  // when the engine looks at it next
  bool claimed = false;           // a dispatcher is working on it now
  bool stuck = false;             // open, longer in its state than the supplier's shipping days
};

// SQL of supplier_orders and supplier_order_items, on the caller's connection.
class SupplierOrderRepository {
 public:
  explicit SupplierOrderRepository(db::Connection& conn) : conn_(conn) {}

  // The supplier variants mapped to these shop variants (active suppliers, available variants
  // the last sync saw), by shop variant.
  std::map<std::int64_t, std::vector<Candidate>> candidates(
      const std::vector<std::int64_t>& variant_ids);
  // Every shop variant some supplier variant is mapped to.
  std::vector<std::int64_t> mapped_variants();
  // false when an order with that external id exists already (nothing written).
  bool insert(const NewSupplierOrder& order);
  // The shop order's supplier orders still PENDING, now CANCELLED: their ids.
  std::vector<std::int64_t> cancel_pending(std::int64_t order_id, std::string_view reason);
  std::vector<SupplierOrder> for_order(std::int64_t order_id);
  std::optional<SupplierOrder> find(std::int64_t id);
  // The order supplier `supplier_id` knows as `number`, its row locked until the transaction ends.
  std::optional<SupplierOrder> lock_by_supplier_number(std::int64_t supplier_id,
                                                       std::string_view number);
  // The order with our `external_id`, its row locked until the transaction ends.
  std::optional<SupplierOrder> lock_by_external_id(std::string_view external_id);

  // The queue, newest first.
  std::vector<QueueRow> queue(const QueueQuery& query);
  // Whether an order `seconds_in_state` in `state` at a supplier of `shipping_days` is stuck:
  // the database's supplier_order_stuck, the queue's rule too.
  bool stuck(SupplierOrderState state, std::int64_t seconds_in_state, int shipping_days);
  // The order, its row locked until the transaction ends, and whether a dispatcher holds it now.
  std::optional<std::pair<SupplierOrder, bool>> lock(std::int64_t id);
  // A FAILED order back to PENDING with its attempts counted afresh, due now; false when it was
  // not FAILED.
  bool retry(std::int64_t id);

  // The database's clock, as text for claim_due.
  std::string now();
  // Takes the next order due by `due_by` (a dispatcher's lease of `lease` on it, committed at
  // once), counting an attempt when it is still PENDING: another dispatcher skips it until the
  // lease ends. A dispatch passes the time it began, so it handles each order once.
  std::optional<SupplierOrder> claim_due(std::chrono::seconds lease, const std::string& due_by,
                                         std::optional<std::int64_t> only = std::nullopt);
  // How many orders are due now (for a progress bar).
  std::int64_t count_due();
  std::vector<SupplierOrderLine> lines(std::int64_t supplier_order_id);
  // Records a dispatch's outcome and ends the lease.
  void record(std::int64_t id, const Progress& progress);

  // Shipped orders the shop has not yet taken into its own order and whose shop order has no
  // other supplier order still open or FAILED, locked (SKIP LOCKED).
  std::vector<SupplierOrder> lock_shipped_unnotified(int limit);
  void mark_notified(const std::vector<std::int64_t>& ids);
  // Units of each line (by position) that the shop order's live (not CANCELLED or FAILED) supplier
  // orders cover.
  std::map<int, int> covered_units(std::int64_t order_id);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::suppliers
