// The rules on the values of orders, order_lines and variants: CHECK constraints until migrations
// 0039 and 0040 made most of them domains (cheaper for PostgreSQL to keep). Whatever form a rule
// takes, each value it refused is still refused, and each value it let through still goes in.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db/error.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::db {
namespace {

struct Case {
  std::string table;
  std::string column;
  std::string value;  // as SQL
};

class OrderRulesTest : public test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    sql(R"(
      INSERT INTO products (status) VALUES ('active');
      INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES (1, 'TEA-1', 1299, 5);
      INSERT INTO orders (number, email, locale, currency, region_code, shipping_address, subtotal,
                          shipping, tax, tax_included, total, payment_provider, reserved_until)
        VALUES ('CMP-0123ABCD', 'marie@example.ca', 'fr', 'CAD', 'CA-QC', 'v1.k1.c2VhbGVk', 1299,
                500, 0, false, 1799, 'manual', now());
      INSERT INTO order_lines (order_id, position, variant_id, product_id, sku, name, unit_price,
                               quantity, amount, tax, reserved)
        VALUES (1, 1, 1, 1, 'TEA-1', 'Thé', 1299, 1, 1299, 0, true);
    )");
  }

  // The SQLSTATE of setting `column` of the table's first row to `value`; empty when it went in.
  std::string set(const Case& c) {
    auto connection = connect();
    try {
      connection.exec_script("UPDATE " + c.table + " SET " + c.column + " = " + c.value);
      return "";
    } catch (const DbError& error) {
      return error.sqlstate();
    }
  }
};

constexpr const char* kCheckViolation = "23514";

TEST_F(OrderRulesTest, EachRuleStillRefusesWhatItRefused) {
  const std::vector<Case> refused = {
      {"orders", "number", "'CMP-0123ABCU'"},  // U is not Crockford base32
      {"orders", "status", "'shipped'"},
      {"orders", "email", "'marie at example.ca'"},
      {"orders", "locale", "'de'"},
      {"orders", "currency", "'cad'"},
      {"orders", "shipping_address", "'{\"line1\": \"in clear\"}'"},
      {"orders", "subtotal", "-1"},
      {"orders", "discount", "-1"},
      {"orders", "shipping", "-1"},
      {"orders", "fees", "-1"},
      {"orders", "tax", "-1"},
      {"orders", "total", "-1"},
      {"orders", "taxes", "'{}'::jsonb"},
      {"orders", "payment_provider", "'paypal'"},
      {"orders", "refunded_amount", "-1"},
      {"orders", "refunded_amount", "1800"},  // more than the total
      {"orders", "carrier", "'Canada Post'"},
      {"orders", "tracking_number", "'abc'"},
      {"orders", "analytics_client_id", "'GA1.2.3'"},
      {"orders", "terms_version", "'2026-12-01'"},
      {"order_lines", "unit_price", "-1"},
      {"order_lines", "quantity", "0"},
      {"order_lines", "quantity", "100"},
      {"order_lines", "amount", "-1"},
      {"order_lines", "tax", "-1"},
      {"order_lines", "supplier_units", "-1"},
      {"variants", "sku", "'-starts-with-a-dash'"},
      {"variants", "gtin", "'123'"},
      {"variants", "currency", "'CA'"},
      {"variants", "option_values", "'[]'::jsonb"},
      {"variants", "price_cents", "-1"},
      {"variants", "compare_at_cents", "1299"},  // not above the price
      {"variants", "supplier_stock", "-1"},
  };
  for (const auto& c : refused)
    EXPECT_EQ(set(c), kCheckViolation) << c.table << "." << c.column << " = " << c.value;
}

TEST_F(OrderRulesTest, WhatTheRulesLetThroughStillGoesIn) {
  const std::vector<Case> accepted = {
      {"orders", "status", "'partially_refunded'"},
      {"orders", "email", "'m.tremblay+shop@example.fr'"},
      {"orders", "locale", "'en'"},
      {"orders", "currency", "'EUR'"},
      {"orders", "refunded_amount", "1799"},
      {"orders", "taxes", "'[{\"code\": \"gst\", \"amount\": 65}]'::jsonb"},
      {"orders", "carrier", "NULL"},
      {"orders", "carrier", "'canada_post'"},
      {"orders", "tracking_number", "'1Z-999-AA10'"},
      {"orders", "analytics_client_id", "'1234567.1700000000'"},
      {"orders", "terms_version", "'2026-12-01.0a1b2c3d'"},
      {"order_lines", "quantity", "99"},
      {"order_lines", "supplier_units", "0"},
      {"variants", "gtin", "''"},
      {"variants", "gtin", "'0012345678905'"},
      {"variants", "compare_at_cents", "1500"},
      {"variants", "stock_on_hand", "-3"},  // oversold by staff: stock itself has no floor here
  };
  for (const auto& c : accepted)
    EXPECT_EQ(set(c), "") << c.table << "." << c.column << " = " << c.value;
}

// A domain's rule checks the values a statement gives; NOT NULL stayed on the columns.
TEST_F(OrderRulesTest, RequiredColumnsStayRequired) {
  for (const auto& c : std::vector<Case>{{"orders", "email", "NULL"},
                                         {"orders", "total", "NULL"},
                                         {"order_lines", "quantity", "NULL"},
                                         {"variants", "sku", "NULL"},
                                         {"variants", "price_cents", "NULL"}})
    EXPECT_EQ(set(c), "23502") << c.table << "." << c.column;  // not_null_violation
}

}  // namespace
}  // namespace comptoir::db
