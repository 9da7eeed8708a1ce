// The demo shop's people and past orders (development only), and the staff reports read from
// them: the back office's dashboard and orders list run these same functions.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <set>
#include <string>

#include "accounts/sealed_fields.hpp"
#include "accounts/seed/demo_accounts.hpp"
#include "accounts/user_search.hpp"
#include "catalog/seed/demo.hpp"
#include "catalog/stock_report.hpp"
#include "core/sealed_box.hpp"
#include "db/migrations.hpp"
#include "media_test_support.hpp"
#include "orders/order_reports.hpp"
#include "orders/seed/demo_orders.hpp"
#include "test_database.hpp"

namespace comptoir {
namespace {

namespace fs = std::filesystem;
using db::Connection;
using db::Query;

fs::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir && *dir ? fs::path(dir) : fs::current_path();
}

std::int64_t count(Connection& conn, std::string_view name, std::string_view sql) {
  return conn.exec(Query{name, sql}).one<std::int64_t>();
}

const core::SecretKeys& keys() {
  static const auto parsed = *core::parse_secret_keys("demo:" + std::string(42, 'B') + "E=");
  return parsed;
}

TEST(DemoPeopleAndOrders, StaffPerRoleWithTwoFactorACustomerAndOrdersInEveryState) {
  const char* admin_url = std::getenv(db::test::kUrlVariable);
  ASSERT_TRUE(admin_url && *admin_url)
      << db::test::kUrlVariable << " is not set (see scripts/test)";
  db::test::TestDatabase database(
      admin_url, db::test::migrated_template(admin_url, data_dir() / "migrations"));
  db::Migrator(database.url(), data_dir() / "migrations").migrate();
  media::test::TempDir media;
  auto conn = Connection::open(database.url());
  catalog::seed::seed_demo(conn, {.data_dir = data_dir(), .media_dir = media.path()});

  // Accounts: one per built-in role, verified; staff with two-factor whose sealed secret is the
  // one printed for them.
  EXPECT_EQ(accounts::seed::seed_demo_accounts(conn, keys()), 6);
  for (const auto& account : accounts::seed::demo_accounts()) {
    auto row = conn.exec(Query{"t_demo_user",
                               "SELECT u.id, r.name, u.email_verified_at IS NOT NULL, "
                               "u.totp_enabled_at IS NOT NULL, coalesce(u.totp_secret_sealed, '') "
                               "FROM users u JOIN roles r ON r.id = u.role_id WHERE u.email = $1"},
                         account.email);
    ASSERT_EQ(row.size(), 1u) << account.email;
    EXPECT_EQ(row.get<std::string>(0, 1), account.role);
    EXPECT_TRUE(row.get<bool>(0, 2)) << account.email << " is not verified";
    EXPECT_EQ(row.get<bool>(0, 3), !account.totp_secret.empty()) << account.email;
    if (!account.totp_secret.empty()) {
      auto opened =
          core::open(keys(), row.get<std::string>(0, 4),
                     accounts::sealed_fields::user_totp_secret(row.get<std::int64_t>(0, 0)));
      ASSERT_TRUE(opened) << account.email;
      EXPECT_EQ(*opened, account.totp_secret);
    }
  }

  // Orders: 36 over the last 30 days, every state present, history from pending, no stock held.
  auto stock_before = count(conn, "t_stock", "SELECT sum(stock_on_hand) FROM variants");
  EXPECT_EQ(orders::seed::seed_demo_orders(conn, keys()), 36);
  EXPECT_EQ(count(conn, "t_stock", "SELECT sum(stock_on_hand) FROM variants"), stock_before)
      << "past orders took stock";
  EXPECT_EQ(count(conn, "t_states", "SELECT count(DISTINCT status) FROM orders"), 7);
  EXPECT_EQ(count(conn, "t_old",
                  "SELECT count(*) FROM orders WHERE created_at < now() - "
                  "interval '31 days' OR created_at > now()"),
            0);
  EXPECT_EQ(count(conn, "t_paid_at",
                  "SELECT count(*) FROM orders WHERE (paid_at IS NULL) <> "
                  "(status IN ('pending', 'cancelled'))"),
            0);
  EXPECT_EQ(count(conn, "t_outbox", "SELECT count(*) FROM email_outbox"), 0)
      << "past orders mailed their customers";
  EXPECT_EQ(count(conn, "t_sum",
                  "SELECT count(*) FROM orders o WHERE total <> subtotal + shipping + tax OR "
                  "(SELECT sum(amount) FROM order_lines l WHERE l.order_id = o.id) <> subtotal"),
            0)
      << "totals do not add up";
  EXPECT_EQ(count(conn, "t_returns",
                  "SELECT count(*) FROM returns r JOIN orders o ON o.id = r.order_id "
                  "WHERE o.status = 'delivered' AND r.refund_amount > 0"),
            2)
      << "the demo has a return waiting and one received";

  // Twice changes nothing.
  EXPECT_EQ(accounts::seed::seed_demo_accounts(conn, keys()), 0);
  EXPECT_EQ(orders::seed::seed_demo_orders(conn, keys()), 0);

  // The dashboard's figures agree with the rows.
  orders::OrderReports reports(conn);
  auto month = reports.sales(30);
  ASSERT_EQ(month.size(), 1u);
  EXPECT_EQ(month[0].currency, "CAD");
  EXPECT_EQ(month[0].orders,
            count(conn, "t_paid", "SELECT count(*) FROM orders WHERE paid_at IS NOT NULL"));
  EXPECT_EQ(month[0].net(), count(conn, "t_net",
                                  "SELECT sum(total - refunded_amount) FROM orders "
                                  "WHERE paid_at IS NOT NULL"));
  std::int64_t daily_net = 0;
  for (const auto& day : reports.daily_sales(30)) daily_net += day.net;
  EXPECT_EQ(daily_net, month[0].net());
  auto week = reports.sales(7);
  ASSERT_EQ(week.size(), 1u);
  EXPECT_LT(week[0].orders, month[0].orders);
  std::int64_t all = 0;
  for (const auto& status : reports.by_status()) all += status.count;
  EXPECT_EQ(all, 36);
  auto top = reports.top_products(30, 5);
  ASSERT_FALSE(top.empty());
  EXPECT_GE(top.front().units, top.back().units);

  // The list: by status, by search (number, email, a customer's name), by cursor.
  auto delivered = reports.list({.status = orders::OrderStatus::delivered, .limit = 200});
  EXPECT_EQ(static_cast<std::int64_t>(delivered.rows.size()),
            count(conn, "t_delivered", "SELECT count(*) FROM orders WHERE status = 'delivered'"));
  for (const auto& row : delivered.rows) EXPECT_EQ(row.status, orders::OrderStatus::delivered);
  auto by_email = reports.list({.search = "emily.roy", .limit = 200});
  EXPECT_EQ(by_email.rows.size(), 6u);
  auto number = delivered.rows.front().number;
  auto by_number = reports.list({.search = number, .limit = 200});
  ASSERT_EQ(by_number.rows.size(), 1u);
  EXPECT_EQ(by_number.rows[0].number, number);
  std::set<std::string> seen;
  orders::OrderFilter page{.limit = 10};
  for (int i = 0; i < 10; ++i) {
    auto got = reports.list(page);
    for (const auto& row : got.rows) EXPECT_TRUE(seen.insert(row.number).second) << row.number;
    if (!got.next_before_id) break;
    page.before_id = got.next_before_id;
  }
  EXPECT_EQ(seen.size(), 36u);
  auto claire = accounts::user_ids_named(conn, "CLAIRE", 10);
  EXPECT_EQ(claire.size(), 1u);
  EXPECT_TRUE(accounts::user_ids_named(conn, "%", 10).empty()) << "'%' matched as a wildcard";

  // Low stock: only tracked variants of active products, lowest first.
  conn.exec(Query{"t_low",
                  "UPDATE variants SET stock_on_hand = 1 WHERE id = (SELECT min(id) FROM "
                  "variants WHERE track_inventory)"});
  auto low = catalog::low_stock(conn, 1, 5);
  EXPECT_GE(low.count, 1);
  ASSERT_FALSE(low.lowest.empty());
  EXPECT_LE(low.lowest.front().stock, 1);
  EXPECT_FALSE(low.lowest.front().name_fr.empty());
  EXPECT_FALSE(low.capped);

  // Counted up to a thousand: past it, "1 000+".
  conn.exec(Query{"t_many_low",
                  "INSERT INTO variants (product_id, sku, price_cents, stock_on_hand, position) "
                  "SELECT v.product_id, 'LOW-' || n, 100, 0, 100 + n FROM (SELECT product_id FROM "
                  "variants WHERE id = (SELECT min(id) FROM variants WHERE track_inventory)) v, "
                  "generate_series(1, 1001) n"});
  low = catalog::low_stock(conn, 1, 5);
  EXPECT_EQ(low.count, catalog::LowStock::kCountCap);
  EXPECT_TRUE(low.capped);
}

}  // namespace
}  // namespace comptoir
