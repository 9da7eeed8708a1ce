#include <gtest/gtest.h>

#include <string>

#include "catalog/inventory.hpp"
#include "db/connection.hpp"
#include "orders/order_repository.hpp"
#include "supplier_orders_support.hpp"
#include "suppliers/order_routing.hpp"
#include "suppliers/shipment_feedback.hpp"
#include "suppliers/supplier_stock.hpp"

namespace comptoir::suppliers {
namespace {

using catalog::Inventory;
using catalog::Reservation;
using orders::OrderStatus;
using test::SupplierOrders;

TEST_F(SupplierOrders, TheSuppliersStockCountsInWhatMayBeSold) {
  auto conn = connect();
  Inventory::set_supplier_stock(conn, {});
  EXPECT_EQ(count("SELECT count(*) FROM products WHERE id = 2 AND in_stock"), 0);
  auto refreshed = refresh_supplier_stock(conn);
  EXPECT_EQ(refreshed.variants, 2);
  EXPECT_EQ(count("SELECT supplier_stock FROM variants WHERE id = 2"), 15);
  EXPECT_EQ(count("SELECT supplier_stock FROM variants WHERE id = 3"), kUncountedStock);
  EXPECT_EQ(count("SELECT count(*) FROM products WHERE id = 2 AND in_stock"), 1);

  // The shop's own units go first, then the suppliers'; each goes back where it came from.
  Inventory::set_supplier_stock(conn, {{.variant_id = 1, .units = 4}});
  EXPECT_EQ(count("SELECT supplier_stock FROM variants WHERE id = 2"), 0)
      << "a variant left out has no supplier share any more";
  auto taken = Inventory::reserve(conn, 1, 5);
  ASSERT_EQ(taken.outcome, Reservation::Outcome::reserved);
  EXPECT_EQ(taken.from_suppliers, 2);
  EXPECT_EQ(count("SELECT stock_on_hand * 100 + supplier_stock FROM variants WHERE id = 1"), 2);
  EXPECT_EQ(Inventory::reserve(conn, 1, 3).outcome, Reservation::Outcome::short_of_stock);
  Inventory::release(conn, {{.variant_id = 1, .quantity = 5, .from_suppliers = 2}});
  EXPECT_EQ(count("SELECT stock_on_hand * 100 + supplier_stock FROM variants WHERE id = 1"), 304);
}

TEST_F(SupplierOrders, LowStockAtASupplierIsAnAlertUntilItIsRestocked) {
  sql("UPDATE supplier_variants SET stock = 2 WHERE id = 2");
  auto conn = connect();
  EXPECT_EQ(refresh_supplier_stock(conn).low, 1);
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'LOW_STOCK' AND "
                  "supplier_id = 2 AND subject = 'MUG-1' AND resolved_at IS NULL"),
            1);
  sql("UPDATE supplier_variants SET stock = 50 WHERE id = 2");
  EXPECT_EQ(refresh_supplier_stock(conn).low, 0);
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'LOW_STOCK' AND "
                  "resolved_at IS NULL"),
            0);
}

TEST_F(SupplierOrders, APriceNoSupplierCanServeAboveTheFloorIsAConflictUntilFixed) {
  auto conn = connect();
  EXPECT_EQ(refresh_supplier_stock(conn).price_conflicts, 0);
  set_floor(75);
  EXPECT_EQ(refresh_supplier_stock(conn).price_conflicts, 2) << "the mug and the T-shirt";
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'PRICE_CONFLICT' AND "
                  "subject = 'MUG-1' AND resolved_at IS NULL AND message = 'MUG-1 sells at 20.00 "
                  "CAD; the cheapest supplier in stock costs 6.00 CAD (70 % margin, under the "
                  "floor of 75 %)'"),
            1);
  sql("UPDATE variants SET price_cents = 4000 WHERE id = 2");
  EXPECT_EQ(refresh_supplier_stock(conn).price_conflicts, 1) << "the mug repriced";
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'PRICE_CONFLICT' AND "
                  "subject = 'MUG-1' AND resolved_at IS NOT NULL"),
            1);
  sql("UPDATE supplier_variants SET stock = 0 WHERE id IN (1, 2)");
  set_floor(0);
  EXPECT_EQ(refresh_supplier_stock(conn).price_conflicts, 0);
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'PRICE_CONFLICT' AND "
                  "resolved_at IS NULL"),
            0);
}

TEST_F(SupplierOrders, ThePricePolicyRaisesAPriceWithinItsLimitAuditedAndLeavesTheRestToStaff) {
  sql("UPDATE variants SET compare_at_cents = 2200 WHERE id = 2;"
      "INSERT INTO settings (key, value) VALUES ('suppliers.reprice_limit', '25')");
  set_floor(75);
  auto conn = connect();
  auto version = count("SELECT version FROM products WHERE id = 2");
  // The mug (20.00; cheapest in stock 6.00) needs 24.00: 20 % up, within 25 %. The T-shirt (30.00;
  // 12.00, print on demand) needs 48.00: 60 % up, for staff.
  auto settled = refresh_supplier_stock(conn);
  EXPECT_EQ(settled.repriced, 1);
  EXPECT_EQ(settled.price_conflicts, 1);
  EXPECT_EQ(count("SELECT count(*) FROM variants WHERE id = 2 AND price_cents = 2400 AND "
                  "compare_at_cents IS NULL"),
            1)
      << "the compare-at price of 22.00 is no longer above the price: dropped";
  EXPECT_EQ(count("SELECT count(*) FROM variants WHERE id = 3 AND price_cents = 3000"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'PRICE_CONFLICT' AND "
                  "resolved_at IS NULL AND subject = 'TEE-1'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'PRICE_CONFLICT' AND "
                  "subject = 'MUG-1'"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'product.repriced' AND "
                  "target_id = '2' AND actor_kind = 'system' AND request_id = "
                  "'suppliers-price-policy' AND details #>> '{changes,variants.2.price_cents,"
                  "before}' = '2000' AND details #>> '{changes,variants.2.price_cents,after}' = "
                  "'2400'"),
            1);
  EXPECT_GT(count("SELECT version FROM products WHERE id = 2"), version)
      << "an edit form open on the old price is stale";
  // Settled: the next pass changes nothing.
  EXPECT_EQ(refresh_supplier_stock(conn).repriced, 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'product.repriced'"), 1);
}

TEST_F(SupplierOrders, APaidOrderBecomesOneSupplierOrderPerSupplierInThePaymentsTransaction) {
  auto id = pending_order({{1, "TEA-1", 1000, 1}, {2, "MUG-1", 2000, 2}, {3, "TEE-1", 3000, 1}});
  EXPECT_EQ(supplier_orders(id), "") << "nothing before the payment";
  auto conn = connect();
  // A payment that rolls back leaves no supplier order behind.
  conn.exec(db::Query{"supplier_orders_test_begin", "BEGIN"});
  ASSERT_TRUE(service_->change(conn, id, {.to = OrderStatus::paid}));
  conn.exec(db::Query{"supplier_orders_test_rollback", "ROLLBACK"});
  EXPECT_EQ(supplier_orders(id), "");
  ASSERT_TRUE(service_->change(conn, id, {.to = OrderStatus::paid}));
  // The mug goes to the cheaper supplier (same priority), the T-shirt to the only one; the tea
  // is the shop's to ship.
  EXPECT_EQ(supplier_orders(id), "1:PENDING:2x1@1200 2:PENDING:1x2@600");
  auto number =
      connect()
          .exec(db::Query{"supplier_orders_test_number", "SELECT number FROM orders WHERE id = $1"},
                id)
          .one<std::string>();
  EXPECT_EQ(count("SELECT count(*) FROM supplier_orders WHERE external_id = '" + number + "-S2'"),
            1);
  EXPECT_EQ(count("SELECT items_cost FROM supplier_orders WHERE supplier_id = 2"), 1200);
  // Routing the same order again makes nothing twice.
  auto order = service_->load(conn, id);
  ASSERT_TRUE(order);
  EXPECT_TRUE(OrderRouting::route(conn, *order).created.empty());
  EXPECT_EQ(count("SELECT count(*) FROM supplier_orders"), 2);
}

TEST_F(SupplierOrders, ThePreferredSupplierFirstThenTheCheapestInStockAboveTheFloor) {
  sql("UPDATE supplier_mappings SET priority = 10 WHERE supplier_variant_id = 1");
  EXPECT_EQ(supplier_orders(paid_order({{2, "MUG-1", 2000, 1}})), "1:PENDING:0x1@800")
      << "the preferred supplier, though dearer";
  sql("UPDATE supplier_variants SET stock = 20 WHERE id = 2");
  EXPECT_EQ(supplier_orders(paid_order({{2, "MUG-1", 2000, 11}})), "2:PENDING:0x11@600")
      << "the preferred one has only 10";
  set_floor(65);
  EXPECT_EQ(supplier_orders(paid_order({{2, "MUG-1", 2000, 1}})), "2:PENDING:0x1@600")
      << "800 of 2000 leaves 60 %, under the floor of 65 %";
  set_floor(75);
  auto unrouted = paid_order({{2, "MUG-1", 2000, 1}});
  EXPECT_EQ(supplier_orders(unrouted), "");
  EXPECT_EQ(status(unrouted), "paid") << "the payment stands; staff are told";
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'ORDER_UNROUTED' AND "
                  "message LIKE '%1 × MUG-1 %75 %'"),
            1);
}

TEST_F(SupplierOrders, ARefundCancelsWhatWasNotSentAndFlagsWhatWas) {
  auto id = paid_order({{2, "MUG-1", 2000, 1}, {3, "TEE-1", 3000, 1}});
  sql("UPDATE supplier_orders SET state = 'SENT_TO_SUPPLIER', supplier_order_number = 'PF-9' "
      "WHERE supplier_id = 1");
  auto conn = connect();
  ASSERT_TRUE(service_->change(conn, id, {.to = OrderStatus::refunded}));
  EXPECT_EQ(count("SELECT count(*) FROM supplier_orders WHERE supplier_id = 2 AND state = "
                  "'CANCELLED'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM supplier_orders WHERE supplier_id = 1 AND state = "
                  "'SENT_TO_SUPPLIER'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM supplier_alerts WHERE kind = 'CANCEL_AT_SUPPLIER' AND "
                  "supplier_id = 1"),
            1);
}

TEST_F(SupplierOrders, TheLastShipmentShipsTheOrderAndMailsTheCustomer) {
  auto id = paid_order({{2, "MUG-1", 2000, 1}, {3, "TEE-1", 3000, 1}});
  ship(id, 2, "1Z999AA10123456784");
  sql("UPDATE supplier_orders SET state = 'IN_PRODUCTION' WHERE supplier_id = 1");
  EXPECT_EQ(feedback(), 0) << "the T-shirt is not shipped yet";
  EXPECT_EQ(status(id), "paid");
  ship(id, 1, "1Z999AA10123456785");
  EXPECT_EQ(feedback(), 2);
  EXPECT_EQ(status(id), "fulfilled");
  EXPECT_EQ(count("SELECT count(*) FROM orders WHERE carrier = 'ups' AND tracking_number LIKE "
                  "'1Z999AA1012345678_'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'orders.shipped' AND "
                  "payload->>'tracking_url' LIKE 'https://www.ups.com/track?tracknum=1Z%'"),
            1);
  // Both parcels are in the history; the order carries the last one.
  EXPECT_EQ(count("SELECT count(*) FROM order_history WHERE order_id = " + std::to_string(id) +
                  " AND actor_kind = 'system' AND actor_id = 'suppliers' AND note LIKE "
                  "'%1Z999AA10123456784%' AND note LIKE '%1Z999AA10123456785%'"),
            1);
  EXPECT_EQ(feedback(), 0) << "taken in once";
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'orders.shipped'"), 1);
}

TEST_F(SupplierOrders, WhatTheShopShipsItselfLeavesTheOrderToStaffWithANote) {
  auto id = paid_order({{1, "TEA-1", 1000, 1}, {2, "MUG-1", 2000, 1}});
  ship(id, 2, "1Z999AA10123456784");
  EXPECT_EQ(feedback(), 1);
  EXPECT_EQ(status(id), "paid");
  EXPECT_EQ(count("SELECT count(*) FROM order_history WHERE order_id = " + std::to_string(id) +
                  " AND from_status IS NULL AND to_status = 'paid' AND note LIKE "
                  "'supplier order %shipped by UPS%'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'orders.shipped'"), 0);
}

}  // namespace
}  // namespace comptoir::suppliers
