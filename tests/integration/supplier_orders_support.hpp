#pragma once
// The supplier engine's fixture for its tests against PostgreSQL with orders: a tea the shop
// ships itself, a mug two suppliers dropship, a printed T-shirt; pending and paid orders.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/inventory.hpp"
#include "db/connection.hpp"
#include "orders/order_repository.hpp"
#include "orders_test_support.hpp"
#include "suppliers/order_routing.hpp"
#include "suppliers/shipment_feedback.hpp"
#include "suppliers/supplier_stock.hpp"

namespace comptoir::suppliers::test {

using catalog::Inventory;
using catalog::Reservation;
using orders::OrderStatus;

// The supplier engine's side of the shop against PostgreSQL: the suppliers' share of the stock,
// paid orders becoming supplier orders in the payment's transaction, cancellations, and shipments
// coming back to the shop's order with the customer's mail.
class SupplierOrders : public orders::test::OrdersTest {
 protected:
  SupplierOrders() : OrdersTest(4) {}

  void SetUp() override {
    OrdersTest::SetUp();
    if (HasFatalFailure()) return;
    service_->observe(routing_);
    // 1: a tea the shop ships itself; 2: a mug two suppliers dropship; 3: a printed T-shirt.
    sql(R"(
      INSERT INTO products (status, fulfillment_type) VALUES
        ('active', 'LOCAL_STOCK'), ('active', 'DROPSHIPPING'), ('active', 'PRINT_ON_DEMAND');
      INSERT INTO variants (product_id, sku, price_cents, stock_on_hand, track_inventory) VALUES
        (1, 'TEA-1', 1000, 3, true), (2, 'MUG-1', 2000, 0, true), (3, 'TEE-1', 3000, 0, false);
      INSERT INTO suppliers (name, type, fulfillment_type, currency) VALUES
        ('Printify', 'PRINTIFY', 'PRINT_ON_DEMAND', 'CAD'),
        ('Grossiste', 'DROPSHIPPER', 'DROPSHIPPING', 'CAD');
      INSERT INTO supplier_products (supplier_id, external_id, title) VALUES
        (1, 'p-mug', 'Mug'), (2, 'g-mug', 'Mug'), (1, 'p-tee', 'T-shirt');
      INSERT INTO supplier_variants (supplier_id, supplier_product_id, external_id, sku, cost,
                                     currency, stock) VALUES
        (1, 1, 'pv-mug', 'MUG-1', 800, 'CAD', 10),
        (2, 2, 'gv-mug', 'MUG-1', 600, 'CAD', 5),
        (1, 3, 'pv-tee', 'TEE-1', 1200, 'CAD', NULL);
      INSERT INTO supplier_mappings (supplier_variant_id, variant_id, source) VALUES
        (1, 2, 'SKU'), (2, 2, 'SKU'), (3, 3, 'SKU');
    )");
    auto conn = connect();
    refresh_supplier_stock(conn);
  }

  std::string status(std::int64_t id) {
    return connect()
        .exec(db::Query{"supplier_orders_test_status", "SELECT status FROM orders WHERE id = $1"},
              id)
        .one<std::string>();
  }

  struct Line {
    std::int64_t variant_id;
    std::string sku;
    std::int64_t unit_price;
    int quantity;
  };

  // A pending order of `lines` whose units were taken as place() takes them.
  std::int64_t pending_order(const std::vector<Line>& lines) {
    auto conn = connect();
    orders::OrderRepository orders(conn);
    std::int64_t total = 0;
    for (const auto& line : lines) total += line.unit_price * line.quantity;
    auto id = orders.next_id();
    orders.insert({.id = id,
                   .number = orders::new_order_number(),
                   .email = "marie@example.ca",
                   .currency = "CAD",
                   .region_code = "CA-QC",
                   .sealed_address = "v1.k1.AAAA",
                   .totals = {.subtotal = total, .total = total},
                   .provider = orders::PaymentProvider::stripe});
    int position = 0;
    for (const auto& line : lines) {
      auto taken = Inventory::reserve(conn, line.variant_id, line.quantity);
      EXPECT_NE(taken.outcome, Reservation::Outcome::short_of_stock) << line.sku;
      orders.insert_line(id, position++,
                         {.variant_id = line.variant_id,
                          .product_id = line.variant_id,  // one variant per product here
                          .sku = line.sku,
                          .name = line.sku,
                          .unit_price = line.unit_price,
                          .quantity = line.quantity,
                          .amount = line.unit_price * line.quantity,
                          .supplier_units = taken.from_suppliers},
                         taken.outcome == Reservation::Outcome::reserved);
    }
    return id;
  }

  std::int64_t paid_order(const std::vector<Line>& lines) {
    auto id = pending_order(lines);
    auto conn = connect();
    EXPECT_TRUE(service_->change(conn, id, {.to = OrderStatus::paid}));
    return id;
  }

  // "supplier_id:state:items" of the order's supplier orders, by supplier.
  std::string supplier_orders(std::int64_t order_id) {
    auto r = connect().exec(
        db::Query{"supplier_orders_test_list",
                  "SELECT o.supplier_id || ':' || o.state || ':' || string_agg(i.line_position || "
                  "'x' || i.quantity || '@' || i.unit_cost, ',' ORDER BY i.line_position) FROM "
                  "supplier_orders o JOIN supplier_order_items i ON i.supplier_order_id = o.id "
                  "WHERE o.order_id = $1 GROUP BY o.id ORDER BY o.supplier_id"},
        order_id);
    std::string out;
    for (std::size_t i = 0; i < r.size(); ++i)
      out += (out.empty() ? "" : " ") + r.get<std::string>(i, 0);
    return out;
  }

  void set_floor(int percent) {
    sql("INSERT INTO settings (key, value) VALUES ('suppliers.margin_floor', '" +
        std::to_string(percent) + "') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
  }

  void ship(std::int64_t order_id, std::int64_t supplier_id, std::string_view number) {
    sql("UPDATE supplier_orders SET state = 'SHIPPED', carrier = 'UPS', tracking_number = '" +
        std::string(number) + "', tracking_url = 'https://www.ups.com/track?tracknum=" +
        std::string(number) + "' WHERE order_id = " + std::to_string(order_id) +
        " AND supplier_id = " + std::to_string(supplier_id));
  }

  int feedback() {
    auto conn = connect();
    return ShipmentFeedback(*service_).run(conn);
  }

  OrderRouting routing_;
};

}  // namespace comptoir::suppliers::test
