#pragma once

// A migrated database with what orders need around them: the catalog, the messages their mails
// are written with, and an OrderService, for the orders and returns tests.

#include <memory>
#include <string>

#include "catalog/catalog_service.hpp"
#include "db/connection.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "migrated_database_test.hpp"
#include "orders/order_service.hpp"

namespace comptoir::orders::test {

class OrdersTest : public db::test::MigratedDatabaseTest {
 protected:
  explicit OrdersTest(std::size_t pool_size) : MigratedDatabaseTest(pool_size) {}

  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    messages_ = std::make_unique<i18n::Catalog>(i18n::Catalog::load(catalog::test::data_dir()));
    catalog_ =
        std::make_unique<catalog::CatalogService>(database(), catalog::test::unused_media_dir());
    service_ = std::make_unique<OrderService>(database(), *catalog_, mail());
  }

  void TearDown() override {
    service_.reset();
    catalog_.reset();
    MigratedDatabaseTest::TearDown();
  }

  MailContext mail() const {
    return {.formatter = formatter_,
            .messages = *messages_,
            .keys = keys_,
            .base_url = "https://shop.example"};
  }

  // The one number `sql_text` selects.
  std::int64_t count(const std::string& sql_text) {
    return connect().exec(db::Query{"orders_test_count", sql_text}).one<std::int64_t>();
  }

  i18n::Formatter formatter_;
  core::SecretKeys keys_;
  std::unique_ptr<i18n::Catalog> messages_;
  std::unique_ptr<catalog::CatalogService> catalog_;
  std::unique_ptr<OrderService> service_;
};

}  // namespace comptoir::orders::test
