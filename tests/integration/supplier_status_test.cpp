#include <gtest/gtest.h>

#include <string>

#include "db/connection.hpp"
#include "supplier_orders_support.hpp"
#include "suppliers/alerts.hpp"
#include "suppliers/status_report.hpp"

namespace comptoir::suppliers {
namespace {

// What the consolidated status reads per day (comptoir-suppliers' charts) and the open alerts
// staff work through, against PostgreSQL.
class SupplierStatus : public test::SupplierOrders {};

TEST_F(SupplierStatus, DaysCountOrdersAndSyncErrorsForTwoWeeksWithTodayLast) {
  paid_order({{2, "MUG-1", 2000, 1}, {3, "TEE-1", 3000, 1}});  // two supplier orders today
  sql("UPDATE supplier_orders SET created_at = now() - interval '3 days' "
      "WHERE id = (SELECT min(id) FROM supplier_orders)");
  // A run with 4 products it could not read two days ago, a failed one today, one too old.
  sql("INSERT INTO supplier_sync_runs (supplier_id, status, error_count, started_at) VALUES "
      "(1, 'DONE', 4, now() - interval '2 days'), (1, 'FAILED', 0, now()), "
      "(1, 'FAILED', 9, now() - interval '20 days')");
  auto conn = connect();
  auto today = conn.exec(db::Query{"status_test_today",
                                   "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
                                   "to_char((now() - interval '3 days') AT TIME ZONE 'UTC', "
                                   "'YYYY-MM-DD'), to_char((now() - interval '2 days') "
                                   "AT TIME ZONE 'UTC', 'YYYY-MM-DD')"});
  auto status = read_status(conn);
  ASSERT_EQ(status.days.size(), static_cast<std::size_t>(kStatusDays));
  EXPECT_EQ(status.days.back().day, today.get<std::string>(0, 0));
  std::int64_t orders = 0;
  std::int64_t errors = 0;
  for (const auto& day : status.days) {
    orders += day.orders;
    errors += day.sync_errors;
    if (day.day == today.get<std::string>(0, 0)) {
      EXPECT_EQ(day.orders, 1);
      EXPECT_EQ(day.sync_errors, 1);  // the failed run
    } else if (day.day == today.get<std::string>(0, 1)) {
      EXPECT_EQ(day.orders, 1);
    } else if (day.day == today.get<std::string>(0, 2)) {
      EXPECT_EQ(day.sync_errors, 4);
    }
  }
  EXPECT_EQ(orders, 2);
  EXPECT_EQ(errors, 5);  // the run 20 days ago is out of the window
  for (std::size_t i = 1; i < status.days.size(); ++i)
    EXPECT_LT(status.days[i - 1].day, status.days[i].day);
  auto json = to_json(status);
  EXPECT_EQ(json.at("days").as_array().size(), static_cast<std::size_t>(kStatusDays));
}

TEST_F(SupplierStatus, ApiHealthIsPerConnectorOverTheLastDay) {
  sql("INSERT INTO supplier_api_calls (supplier_id, connector, method, path, status, latency_ms, "
      "created_at) VALUES "
      "(1, 'printify', 'GET', '/a', 200, 100, now()), (1, 'printify', 'GET', '/b', 500, 300, "
      "now()), "
      "(1, 'printify', 'GET', '/c', 200, 200, now() - interval '23 hours'), "
      "(2, 'dropshipper', 'POST', '/', 0, 10000, now()), "
      "(2, 'dropshipper', 'POST', '/', 404, 50, now() - interval '2 days')");
  auto conn = connect();
  auto health = read_status(conn).api_health;
  ASSERT_EQ(health.size(), 2U);
  EXPECT_EQ(health[0].connector, "dropshipper");
  EXPECT_EQ(health[0].calls, 1);   // the 404 two days ago is out of the window
  EXPECT_EQ(health[0].failed, 1);  // no answer
  EXPECT_EQ(health[1].connector, "printify");
  EXPECT_EQ(health[1].calls, 3);
  EXPECT_EQ(health[1].failed, 1);
  EXPECT_EQ(health[1].median_latency_ms, 200);
  auto json = to_json(read_status(conn));
  EXPECT_EQ(json.at("api_health").as_array().size(), 2U);
}

TEST_F(SupplierStatus, OpenAlertsAreListedLatestFirstAndCanBeResolvedOnce) {
  auto conn = connect();
  sql("UPDATE supplier_alerts SET resolved_at = now()");  // what the fixture's setting up raised
  Alerts::raise(conn, AlertKind::low_stock, 1, "MUG-1", "2 left");
  Alerts::raise(conn, AlertKind::order_unrouted, std::nullopt, "C-1001", "no supplier");
  Alerts::raise(conn, AlertKind::sync_failed, 2, "", "HTTP 500");
  sql("UPDATE supplier_alerts SET seen_at = now() - interval '1 hour' WHERE kind = 'LOW_STOCK'");
  auto open = Alerts::list_open(conn);
  ASSERT_EQ(open.size(), 3U);
  EXPECT_EQ(open.back().kind, "LOW_STOCK");
  EXPECT_EQ(open.back().subject, "MUG-1");
  EXPECT_EQ(open.back().message, "2 left");
  ASSERT_TRUE(open.back().supplier_id.has_value());
  EXPECT_FALSE(open.back().supplier_name.empty());
  EXPECT_EQ(open.back().raised_at.size(), 20U);  // YYYY-MM-DDTHH:MM:SSZ
  const auto& shop_wide = open[0].kind == "ORDER_UNROUTED" ? open[0] : open[1];
  EXPECT_FALSE(shop_wide.supplier_id.has_value());
  EXPECT_EQ(shop_wide.supplier_name, "");
  EXPECT_EQ(Alerts::list_open(conn, 1).size(), 1U);

  EXPECT_TRUE(Alerts::resolve_id(conn, open.back().id));
  EXPECT_FALSE(Alerts::resolve_id(conn, open.back().id));  // already closed
  EXPECT_EQ(Alerts::list_open(conn).size(), 2U);
  // Its cause still there, the engine raises it anew: a new open alert.
  Alerts::raise(conn, AlertKind::low_stock, 1, "MUG-1", "1 left");
  EXPECT_EQ(Alerts::list_open(conn).size(), 3U);
  EXPECT_EQ(read_status(conn).open_alerts, 3);
}

}  // namespace
}  // namespace comptoir::suppliers
