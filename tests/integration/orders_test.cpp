#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "catalog/catalog_service.hpp"
#include "catalog/inventory.hpp"
#include "checkout/stripe_events.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "db/sealed_columns.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "observe/metrics.hpp"
#include "orders/order_repository.hpp"
#include "orders/order_service.hpp"
#include "orders/sealed_fields.hpp"
#include "orders_test_support.hpp"

namespace comptoir::orders {
namespace {

using enum OrderStatus;
using catalog::Inventory;
using catalog::Reservation;

// Orders against PostgreSQL: stock holds under contention, the one transition function, and
// Stripe events applied once by the retry job.
class Orders : public test::OrdersTest {
 protected:
  Orders() : OrdersTest(12) {}

  void SetUp() override {
    OrdersTest::SetUp();
    if (HasFatalFailure()) return;
    sql(R"(
      INSERT INTO products (status) VALUES ('active'), ('archived');
      INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES
        (1, 'TEA-1', 1000, 3), (2, 'OLD-1', 500, 10);
    )");
  }

  // A pending order of `quantity` × TEA-1 whose units were taken, as place() leaves it.
  std::int64_t pending_order(int quantity, std::string_view reference = "") {
    auto conn = connect();
    EXPECT_EQ(Inventory::reserve(conn, 1, quantity).outcome, Reservation::Outcome::reserved);
    OrderRepository orders(conn);
    cart::Totals totals{.subtotal = 1000 * quantity, .total = 1000 * quantity};
    auto id = orders.next_id();
    orders.insert({.id = id,
                   .number = new_order_number(),
                   .email = "marie@example.ca",
                   .currency = "CAD",
                   .region_code = "CA-QC",
                   .sealed_address = "v1.k1.AAAA",
                   .totals = totals,
                   .provider = PaymentProvider::stripe});
    orders.insert_line(id, 0,
                       {.variant_id = 1,
                        .product_id = 1,
                        .sku = "TEA-1",
                        .name = "Thé",
                        .unit_price = 1000,
                        .quantity = quantity,
                        .amount = 1000 * quantity},
                       true);
    if (!reference.empty()) orders.set_payment_reference(id, reference);
    return id;
  }

  std::int64_t stock() { return count("SELECT stock_on_hand FROM variants WHERE id = 1"); }
  std::string status(std::int64_t id) {
    return std::string(
        connect()
            .exec(db::Query{"orders_test_status", "SELECT status FROM orders WHERE id = $1"}, id)
            .one<std::string_view>());
  }

  void store_event(std::string_view id, std::string_view type, std::string_view object) {
    auto conn = connect();
    conn.exec(db::Query{"orders_test_event",
                        "INSERT INTO stripe_events (id, type, payload) VALUES ($1, $2, "
                        "jsonb_build_object('id', $1::text, 'type', $2::text, 'data', "
                        "jsonb_build_object('object', $3::jsonb)))"},
              id, type, object);
  }
};

TEST_F(Orders, ConcurrentHoldsNeverTakeMoreThanTheStock) {
  std::atomic<int> reserved{0};
  std::atomic<int> refused{0};
  std::vector<std::jthread> buyers;
  for (int i = 0; i < 10; ++i)
    buyers.emplace_back([&] {
      auto outcome = database().transact_sync(
          [](db::Connection& conn) { return Inventory::reserve(conn, 1, 1).outcome; });
      (outcome == Reservation::Outcome::reserved ? reserved : refused)++;
    });
  buyers.clear();  // joins
  EXPECT_EQ(reserved.load(), 3);
  EXPECT_EQ(refused.load(), 7);
  EXPECT_EQ(stock(), 0);
}

TEST_F(Orders, AWithdrawnProductCannotBeHeld) {
  auto conn = connect();
  EXPECT_EQ(Inventory::reserve(conn, 2, 1).outcome, Reservation::Outcome::unavailable);
  EXPECT_EQ(count("SELECT stock_on_hand FROM variants WHERE id = 2"), 10);
}

TEST_F(Orders, CancellingGivesTheStockBackOnce) {
  auto id = pending_order(2);
  EXPECT_EQ(stock(), 1);
  auto conn = connect();
  auto changed = service_->change(conn, id, {.to = cancelled, .note = "test"});
  ASSERT_TRUE(changed);
  EXPECT_EQ(*changed, pending);
  EXPECT_EQ(stock(), 3);
  EXPECT_FALSE(OrderRepository(conn).mark_released(id)) << "released already";
  EXPECT_EQ(stock(), 3);
  EXPECT_EQ(status(id), "cancelled");
}

TEST_F(Orders, CancellingGivesBackEveryReservedLineAndNothingUntracked) {
  sql(R"(
    INSERT INTO variants (product_id, sku, price_cents, stock_on_hand, track_inventory) VALUES
      (1, 'TEA-2', 1200, 5, true), (1, 'MUG-1', 800, 0, false);
  )");
  auto id = pending_order(2);  // TEA-1 × 2
  auto conn = connect();
  EXPECT_EQ(Inventory::reserve(conn, 3, 4).outcome, Reservation::Outcome::reserved);
  EXPECT_EQ(Inventory::reserve(conn, 4, 1).outcome, Reservation::Outcome::not_tracked);
  OrderRepository orders(conn);
  orders.insert_line(id, 1, {.variant_id = 3, .sku = "TEA-2", .quantity = 4}, true);
  orders.insert_line(id, 2, {.variant_id = 4, .sku = "MUG-1", .quantity = 1}, false);
  ASSERT_TRUE(service_->change(conn, id, {.to = cancelled}));
  EXPECT_EQ(stock(), 3);
  EXPECT_EQ(count("SELECT stock_on_hand FROM variants WHERE id = 3"), 5);
  EXPECT_EQ(count("SELECT stock_on_hand FROM variants WHERE id = 4"), 0);
}

TEST_F(Orders, PayingTakesOnlyTheOrderedLinesOutOfTheCart) {
  sql(R"(
    INSERT INTO users (email, role_id) SELECT 'marie@example.ca', id FROM roles WHERE name = 'customer';
    INSERT INTO carts (user_id) VALUES (1);
    INSERT INTO cart_items (cart_id, variant_id, product_id, quantity, price_seen) VALUES
      (1, 1, 1, 1, 1000), (1, 2, 2, 3, 500);
  )");
  auto id = pending_order(1);  // TEA-1, variant 1
  sql("UPDATE orders SET cart_id = 1 WHERE id = " + std::to_string(id));
  auto conn = connect();
  ASSERT_TRUE(service_->change(conn, id, {.to = paid}));
  EXPECT_EQ(count("SELECT count(*) FROM cart_items WHERE variant_id = 1"), 0);
  EXPECT_EQ(count("SELECT quantity FROM cart_items WHERE variant_id = 2"), 3);
}

TEST_F(Orders, AnOrderIsReadWithItsLinesInOrderInOneStatement) {
  auto id = pending_order(2);  // TEA-1 × 2 at position 0
  auto conn = connect();
  OrderRepository orders(conn);
  orders.insert_line(id, 2, {.variant_id = 2, .sku = "OLD-1", .name = "Vieux", .quantity = 3},
                     false);
  orders.insert_line(id, 1, {.sku = "GONE-1", .name = "Parti", .unit_price = 250, .quantity = 1},
                     false);
  ASSERT_TRUE(service_->change(conn, id, {.to = paid, .actor = {.kind = "stripe"}}));

  auto found = orders.find_by_id(id);
  ASSERT_TRUE(found);
  const auto& lines = found->order.lines;
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].sku, "TEA-1");
  EXPECT_EQ(lines[0].quantity, 2);
  EXPECT_EQ(lines[0].variant_id, 1);
  EXPECT_EQ(lines[1].sku, "GONE-1");
  EXPECT_EQ(lines[1].variant_id, std::nullopt);
  EXPECT_EQ(lines[1].unit_price, 250);
  EXPECT_EQ(lines[2].sku, "OLD-1");
  EXPECT_EQ(lines[2].position, 2);
  EXPECT_EQ(found->order.status, paid);
  EXPECT_EQ(found->order.email, "marie@example.ca");
  ASSERT_EQ(found->order.history.size(), 1U);
  EXPECT_EQ(found->order.history[0].to_status, "paid");

  // A change's read: the same lines, its row locked, no history (nothing of a change reads it).
  conn.exec_script("BEGIN");
  auto locked = orders.lock_by_id(id);
  conn.exec_script("ROLLBACK");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->order.lines.size(), 3U);
  EXPECT_EQ(locked->order.lines[2].sku, "OLD-1");
  EXPECT_TRUE(locked->order.history.empty());

  // An order without lines is found, with none.
  auto bare = orders.next_id();
  orders.insert({.id = bare,
                 .number = new_order_number(),
                 .email = "paul@example.ca",
                 .currency = "CAD",
                 .region_code = "CA-QC",
                 .sealed_address = "v1.k1.AAAA",
                 .provider = PaymentProvider::manual});
  auto empty = orders.find_by_id(bare);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->order.lines.empty());
  EXPECT_EQ(empty->order.email, "paul@example.ca");
  EXPECT_FALSE(orders.find_by_id(bare + 1000));
}

TEST_F(Orders, AnIllegalTransitionChangesNothing) {
  auto id = pending_order(1);
  auto conn = connect();
  auto before = count("SELECT count(*) FROM order_history");
  auto refused = service_->change(conn, id, {.to = fulfilled});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), ChangeError::not_allowed);
  EXPECT_EQ(status(id), "pending");
  EXPECT_EQ(count("SELECT count(*) FROM order_history"), before);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), 0);
}

TEST_F(Orders, EveryTransitionIsRecordedWithItsActorAndMail) {
  auto id = pending_order(1);
  auto conn = connect();
  ASSERT_TRUE(service_->change(conn, id, {.to = paid, .actor = {.kind = "stripe", .id = "evt_1"}}));
  ASSERT_TRUE(service_->change(conn, id,
                               {.to = fulfilled,
                                .actor = {.kind = "user", .id = "7"},
                                .shipment = {.carrier = "ups", .tracking_number = "1z 999 aa1"}}));
  auto history = connect().exec(
      db::Query{"orders_test_history",
                "SELECT actor_kind || ':' || coalesce(actor_id, '') || ':' || "
                "coalesce(from_status, '') || "
                "'>' || to_status FROM order_history WHERE order_id = $1 ORDER BY id"},
      id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.get<std::string>(0, 0), "stripe:evt_1:pending>paid");
  EXPECT_EQ(history.get<std::string>(1, 0), "user:7:paid>fulfilled");
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'orders.confirmation'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'orders.shipped' AND "
                  "payload->>'tracking_url' = 'https://www.ups.com/track?tracknum=1Z999AA1' AND "
                  "payload->>'parcel' = 'UPS 1Z999AA1'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM orders WHERE carrier = 'ups' AND "
                  "tracking_number = '1Z999AA1'"),
            1);
  // A shipment that does not hold together changes nothing.
  auto other = pending_order(1);
  ASSERT_TRUE(service_->change(conn, other, {.to = paid}));
  EXPECT_EQ(service_->change(conn, other, {.to = fulfilled, .shipment = {.tracking_number = "1Z9"}})
                .error(),
            ChangeError::bad_shipment);
  EXPECT_EQ(count("SELECT count(*) FROM orders WHERE status = 'fulfilled'"), 1);
}

TEST_F(Orders, RefundsMustGrowAndStayWithinTheTotal) {
  auto id = pending_order(2);  // 20,00 $
  auto conn = connect();
  ASSERT_TRUE(service_->change(conn, id, {.to = paid}));
  EXPECT_EQ(service_->change(conn, id, {.to = partially_refunded, .refunded_amount = 2000}).error(),
            ChangeError::bad_amount);  // all of it is not partial
  ASSERT_TRUE(service_->change(conn, id, {.to = partially_refunded, .refunded_amount = 500}));
  EXPECT_EQ(service_->change(conn, id, {.to = partially_refunded, .refunded_amount = 400}).error(),
            ChangeError::bad_amount);  // smaller than what was refunded already
  ASSERT_TRUE(service_->change(conn, id, {.to = refunded, .refunded_amount = 2000}));
  EXPECT_EQ(count("SELECT refunded_amount FROM orders"), 2000);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'orders.refund'"), 2);
}

TEST_F(Orders, ExpiredHoldsAreReleasedByTheSweep) {
  auto expired = pending_order(1);
  auto live = pending_order(1);
  sql("UPDATE orders SET reserved_until = now() - interval '1 second' WHERE id = " +
      std::to_string(expired));
  auto conn = connect();
  EXPECT_EQ(service_->release_expired(conn), 1);
  EXPECT_EQ(status(expired), "cancelled");
  EXPECT_EQ(status(live), "pending");
  EXPECT_EQ(stock(), 2);
  EXPECT_EQ(service_->release_expired(conn), 0);
}

TEST_F(Orders, StoredStripeEventsAreAppliedOnceByTheRetryJob) {
  auto id = pending_order(1, "cs_test_1");
  store_event("evt_paid", "checkout.session.completed",
              R"({"id": "cs_test_1", "payment_status": "paid", "payment_intent": "pi_1",
                  "amount_total": 1000, "currency": "cad"})");
  observe::Metrics metrics;
  checkout::StripeEvents events(database(), *service_, metrics);
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(status(id), "paid");
  EXPECT_EQ(events.apply_due(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM order_history WHERE to_status = 'paid'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM stripe_events WHERE applied_at IS NOT NULL AND outcome = "
                  "'applied'"),
            1);
  // The payment's id is written with the new state, by one UPDATE of the order.
  EXPECT_EQ(count("SELECT count(*) FROM orders WHERE payment_intent = 'pi_1' AND paid_at IS NOT "
                  "NULL"),
            1);
}

// A delivery as POST /webhooks/stripe hands it over, signature checked.
std::string paid_event(std::string_view id, std::string_view session, std::string_view intent) {
  return fmt::format(
      R"({{"id": "{}", "type": "checkout.session.completed", "created": 1700000000,
           "data": {{"object": {{"id": "{}", "payment_status": "paid", "payment_intent": "{}",
           "amount_total": 1000, "currency": "cad"}}}}}})",
      id, session, intent);
}

TEST_F(Orders, ADeliveryIsStoredAndAppliedInOneTransaction) {
  auto id = pending_order(1, "cs_test_4");
  observe::Metrics metrics;
  checkout::StripeEvents events(database(), *service_, metrics);
  auto body = paid_event("evt_once", "cs_test_4", "pi_4");
  EXPECT_EQ(db::test::run_on_io(events.receive(body)), checkout::EventOutcome::applied);
  EXPECT_EQ(status(id), "paid");
  EXPECT_EQ(count("SELECT count(*) FROM stripe_events WHERE id = 'evt_once' AND applied_at IS NOT "
                  "NULL AND outcome = 'applied' AND deliveries = 1"),
            1);
  EXPECT_EQ(db::test::run_on_io(events.receive(body)), checkout::EventOutcome::unchanged);
  EXPECT_EQ(count("SELECT deliveries FROM stripe_events WHERE id = 'evt_once'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM order_history WHERE to_status = 'paid'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), 1);
  EXPECT_EQ(events.apply_due(), 0) << "nothing is left for the retry job";
}

TEST_F(Orders, ADeliveryThatFailsToApplyIsKeptForTheRetryJob) {
  auto id = pending_order(1, "cs_test_5");
  // The order's history refuses its next row: applying fails after the order's UPDATE.
  sql(R"(
    CREATE FUNCTION orders_test_refuse() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'history is down'; END $$;
    CREATE TRIGGER orders_test_refuse BEFORE INSERT ON order_history
      FOR EACH ROW EXECUTE FUNCTION orders_test_refuse();
  )");
  observe::Metrics metrics;
  checkout::StripeEvents events(database(), *service_, metrics);
  auto body = paid_event("evt_failing", "cs_test_5", "pi_5");
  EXPECT_THROW(db::test::run_on_io(events.receive(body)), std::exception);
  EXPECT_EQ(status(id), "pending") << "nothing of the failed application is kept";
  EXPECT_EQ(count("SELECT count(*) FROM stripe_events WHERE id = 'evt_failing' AND applied_at IS "
                  "NULL AND deliveries = 1 AND next_attempt_at <= now()"),
            1)
      << "the event is stored, due to the retry job";
  EXPECT_EQ(count("SELECT count(*) FROM orders WHERE payment_intent IS NOT NULL"), 0);
  sql("DROP TRIGGER orders_test_refuse ON order_history");
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(status(id), "paid");
  EXPECT_EQ(db::test::run_on_io(events.receive(body)), checkout::EventOutcome::unchanged);
  EXPECT_EQ(count("SELECT deliveries FROM stripe_events WHERE id = 'evt_failing'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), 1);
}

TEST_F(Orders, AStoredEventForAnotherAmountIsRefusedOnceAndAudited) {
  auto id = pending_order(1, "cs_test_3");
  store_event("evt_cheap", "checkout.session.completed",
              R"({"id": "cs_test_3", "payment_status": "paid", "payment_intent": "pi_3",
                  "amount_total": 1, "currency": "cad"})");
  observe::Metrics metrics;
  checkout::StripeEvents events(database(), *service_, metrics);
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(status(id), "pending");
  EXPECT_EQ(events.apply_due(), 0) << "a refused event is settled, not retried";
  EXPECT_EQ(count("SELECT count(*) FROM stripe_events WHERE outcome = 'refused' AND refusal = "
                  "'amount_mismatch'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'payment.event_refused'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM orders WHERE payment_intent IS NOT NULL"), 0);
  EXPECT_NE(metrics.scrape().find(
                R"(payment_events_refused_total{provider="stripe",reason="amount_mismatch"} 1)"),
            std::string::npos);
}

TEST_F(Orders, ARefundBeforeItsPaymentWaitsForIt) {
  auto id = pending_order(1, "cs_test_2");
  store_event(
      "evt_refund", "charge.refunded",
      R"({"id": "ch_1", "payment_intent": "pi_2", "amount_refunded": 1000, "currency": "cad"})");
  observe::Metrics metrics;
  checkout::StripeEvents events(database(), *service_, metrics);
  EXPECT_EQ(events.apply_due(), 0);
  EXPECT_EQ(count("SELECT attempts FROM stripe_events WHERE id = 'evt_refund'"), 1);
  store_event("evt_paid", "checkout.session.completed",
              R"({"id": "cs_test_2", "payment_status": "paid", "payment_intent": "pi_2",
                  "amount_total": 1000, "currency": "cad"})");
  EXPECT_EQ(events.apply_due(), 1);  // the payment; the refund waits for its next attempt
  EXPECT_EQ(status(id), "paid");
  sql("UPDATE stripe_events SET next_attempt_at = now() WHERE id = 'evt_refund'");
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(status(id), "refunded");
}

core::SecretKeys keyring(std::initializer_list<std::pair<const char*, unsigned char>> list) {
  std::vector<core::SecretKey> out;
  for (auto [id, fill] : list) {
    core::SecretKey key{.id = id};
    key.bytes.fill(fill);
    out.push_back(key);
  }
  return core::SecretKeys(std::move(out));
}

TEST_F(Orders, ShippingAddressesFollowKeyRotation) {
  auto id = pending_order(1);
  auto old_keys = keyring({{"k1", 1}});
  ShippingAddress address{.full_name = "Marie Tremblay", .city = "Montréal", .country = "CA"};
  auto sealed = core::seal(old_keys, to_json(address), sealed_fields::order_shipping_address(id));
  connect().exec(
      db::Query{"orders_test_seal", "UPDATE orders SET shipping_address = $2 WHERE id = $1"}, id,
      sealed);
  auto both = keyring({{"k2", 2}, {"k1", 1}});
  db::SealedColumnRegistry registry;
  registry.add(sealed_columns());
  auto report = registry.rotate(database(), both);
  auto column = std::ranges::find(report, std::string("orders.shipping_address"),
                                  &db::ColumnRotation::column);
  ASSERT_NE(column, report.end());
  EXPECT_EQ(column->resealed, 1);
  EXPECT_TRUE(column->unreadable.empty());
  // k1 can go now: the address opens under k2 alone.
  auto new_keys = keyring({{"k2", 2}});
  OrderService service(database(), *catalog_,
                       MailContext{.formatter = formatter_,
                                   .messages = *messages_,
                                   .keys = new_keys,
                                   .base_url = "https://shop.example"});
  auto conn = connect();
  auto order = service.load(conn, id);
  ASSERT_TRUE(order && order->address);
  EXPECT_EQ(order->address->full_name, "Marie Tremblay");
}

}  // namespace
}  // namespace comptoir::orders
