#pragma once

#include <memory>

#include "catalog_test_support.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"

namespace comptoir::db::test {

// A fresh database at the current schema, and `database()`: a pool on it. `open()` makes more
// pools, standing for other server processes.
class MigratedDatabaseTest : public DatabaseTest {
 protected:
  explicit MigratedDatabaseTest(std::size_t pool_size = 2)
      : DatabaseTest(catalog::test::data_dir() / "migrations"), pool_size_(pool_size) {}

  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    Migrator(url(), catalog::test::data_dir() / "migrations").migrate();
    database_ = open();
  }
  void TearDown() override {
    database_.reset();
    DatabaseTest::TearDown();
  }

  std::unique_ptr<Database> open() {
    return std::make_unique<Database>(
        DatabaseOptions{.primary_url = url(), .pool_size = pool_size_});
  }
  Database& database() { return *database_; }

 private:
  std::size_t pool_size_;
  std::unique_ptr<Database> database_;
};

}  // namespace comptoir::db::test
