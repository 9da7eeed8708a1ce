#include <gtest/gtest.h>

#include <string>

#include "db/connection.hpp"
#include "supplier_orders_support.hpp"
#include "suppliers/alerts.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/order_queue.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::suppliers {
namespace {

// The order queue staff work through (the desktop app's): the list with its filters and the shop
// order's number, stuck orders, and the actions — dispatch now, retry, cancel, the supplier's
// news typed in — each refused, changing nothing, where it does not apply.
class SupplierOrderQueue : public test::SupplierOrders {
 protected:
  void SetUp() override {
    SupplierOrders::SetUp();
    if (HasFatalFailure()) return;
    // The mug (2) goes to the Grossiste (supplier 2), the T-shirt (3) to Printify (supplier 1).
    order_ = paid_order({{2, "MUG-1", 2000, 1}, {3, "TEE-1", 3000, 1}});
    number_ =
        connect()
            .exec(db::Query{"queue_test_number", "SELECT number FROM orders WHERE id = $1"}, order_)
            .one<std::string>();
    printify_ = id_of(1);
    grossiste_ = id_of(2);
  }

  std::int64_t id_of(std::int64_t supplier_id) {
    return count("SELECT id FROM supplier_orders WHERE supplier_id = " +
                 std::to_string(supplier_id));
  }
  std::string state_of(std::int64_t id) {
    return connect()
        .exec(db::Query{"queue_test_state", "SELECT state FROM supplier_orders WHERE id = $1"}, id)
        .one<std::string>();
  }

  std::int64_t order_ = 0;
  std::string number_;
  std::int64_t printify_ = 0;
  std::int64_t grossiste_ = 0;
};

TEST_F(SupplierOrderQueue, ListsWithTheShopsNumberFiltersAndStuckOrders) {
  auto conn = connect();
  auto all = supplier_order_queue(conn, {});
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].order_number, number_);
  EXPECT_FALSE(all[0].row.stuck);
  EXPECT_EQ(supplier_order_queue(conn, {.supplier_id = 2}).front().row.supplier_name, "Grossiste");
  EXPECT_EQ(supplier_order_queue(conn, {.state = SupplierOrderState::shipped}).size(), 0U);
  // Ten days in one state, past the supplier's seven shipping days: stuck.
  sql("UPDATE supplier_orders SET state = 'SENT_TO_SUPPLIER', state_changed_at = now() - "
      "interval '10 days' WHERE id = " +
      std::to_string(grossiste_));
  auto stuck = supplier_order_queue(conn, {.stuck_only = true});
  ASSERT_EQ(stuck.size(), 1U);
  EXPECT_EQ(stuck[0].row.order.id, grossiste_);
  EXPECT_TRUE(stuck[0].row.stuck);
  // Done orders leave the open list.
  sql("UPDATE supplier_orders SET state = 'DELIVERED' WHERE id = " + std::to_string(printify_));
  EXPECT_EQ(supplier_order_queue(conn, {.open_only = true}).size(), 1U);
}

TEST_F(SupplierOrderQueue, StuckIsOneRuleForTheQueueAndDispatch) {
  auto conn = connect();
  SupplierOrderRepository orders(conn);
  constexpr std::int64_t kDay = 86'400;
  using enum SupplierOrderState;
  EXPECT_FALSE(orders.stuck(sent_to_supplier, 7 * kDay, 7));  // not past the shipping days
  EXPECT_TRUE(orders.stuck(sent_to_supplier, 7 * kDay + 1, 7));
  EXPECT_TRUE(orders.stuck(pending, 3 * kDay, 2));
  EXPECT_TRUE(orders.stuck(in_production, 30 * kDay, 14));
  EXPECT_FALSE(orders.stuck(shipped, 30 * kDay, 7));    // on its way: not stuck
  EXPECT_FALSE(orders.stuck(failed, 30 * kDay, 7));     // failed says so itself
  EXPECT_FALSE(orders.stuck(confirmed, 30 * kDay, 0));  // no shipping days: never
}

TEST_F(SupplierOrderQueue, AFailedOrderIsTriedAgainFromItsFirstAttempt) {
  auto conn = connect();
  EXPECT_EQ(retry_order(conn, printify_).error().kind, QueueRefusal::Kind::not_allowed);
  sql("UPDATE supplier_orders SET state = 'FAILED', attempts = 8, last_error = 'HTTP 500' "
      "WHERE id = " +
      std::to_string(printify_));
  Alerts::raise(conn, AlertKind::order_failed, 1, number_ + "-S1", "failed");
  auto retried = retry_order(conn, printify_);
  ASSERT_TRUE(retried.has_value());
  EXPECT_EQ(retried->state, SupplierOrderState::pending);
  EXPECT_EQ(retried->attempts, 0);
  EXPECT_EQ(retried->last_error, "");
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'ORDER_FAILED' AND "
                  "resolved_at IS NULL"),
            0);
  EXPECT_EQ(retry_order(conn, 999'999).error().kind, QueueRefusal::Kind::not_found);
}

TEST_F(SupplierOrderQueue, OnlyWhatWasNotSentIsCancelledAndNeverWhileBeingSent) {
  auto conn = connect();
  sql("UPDATE supplier_orders SET claimed_until = now() + interval '1 minute' WHERE id = " +
      std::to_string(printify_));
  EXPECT_EQ(cancel_order(conn, printify_, "").error().kind, QueueRefusal::Kind::busy);
  EXPECT_EQ(state_of(printify_), "PENDING");
  sql("UPDATE supplier_orders SET state = 'SENT_TO_SUPPLIER' WHERE id = " +
      std::to_string(grossiste_));
  EXPECT_EQ(cancel_order(conn, grossiste_, "").error().kind, QueueRefusal::Kind::not_allowed);
  sql("UPDATE supplier_orders SET claimed_until = NULL");
  auto cancelled = cancel_order(conn, printify_, "the customer called");
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->state, SupplierOrderState::cancelled);
  EXPECT_EQ(cancelled->last_error, "the customer called");
}

TEST_F(SupplierOrderQueue, TrackingTypedInIsCheckedAndMovesForwardOnly) {
  auto conn = connect();
  sql("UPDATE supplier_orders SET state = 'SENT_TO_SUPPLIER' WHERE id = " +
      std::to_string(grossiste_));
  SupplierNews bad{.state = SupplierOrderState::shipped,
                   .details = {.tracking_url = "javascript:alert(1)"}};
  auto refused = record_order_news(conn, grossiste_, bad);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().kind, QueueRefusal::Kind::invalid);
  ASSERT_EQ(refused.error().problems.size(), 1U);
  EXPECT_EQ(refused.error().problems[0].field, "tracking_url");
  SupplierNews shipped{.state = SupplierOrderState::shipped,
                       .details = {.carrier = "Postes Canada",
                                   .tracking_number = "7023210039414604",
                                   .tracking_url = "https://www.canadapost-postescanada.ca/track"}};
  auto recorded = record_order_news(conn, grossiste_, shipped);
  ASSERT_TRUE(recorded.has_value());
  EXPECT_EQ(recorded->state, SupplierOrderState::shipped);
  EXPECT_EQ(recorded->tracking_number, "7023210039414604");
  auto back = record_order_news(conn, grossiste_, {.state = SupplierOrderState::confirmed});
  EXPECT_EQ(back.error().kind, QueueRefusal::Kind::not_allowed);
  EXPECT_EQ(state_of(grossiste_), "SHIPPED");
}

TEST_F(SupplierOrderQueue, DispatchNowHandlesThatOrderAlone) {
  auto conn = connect();
  // Both wait an hour; only the one asked for is dispatched now.
  sql("UPDATE supplier_orders SET next_attempt_at = now() + interval '1 hour'");
  ApiCallLog log(url());
  auto report = dispatch_now(conn, service_->mail().keys, log, grossiste_);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(count("SELECT attempts FROM supplier_orders WHERE id = " + std::to_string(grossiste_)),
            1);
  EXPECT_EQ(count("SELECT attempts FROM supplier_orders WHERE id = " + std::to_string(printify_)),
            0);
  sql("UPDATE supplier_orders SET state = 'DELIVERED' WHERE id = " + std::to_string(printify_));
  EXPECT_EQ(dispatch_now(conn, service_->mail().keys, log, printify_).error().kind,
            QueueRefusal::Kind::not_allowed);
}

}  // namespace
}  // namespace comptoir::suppliers
