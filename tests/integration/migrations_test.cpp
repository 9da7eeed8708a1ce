#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "db/error.hpp"
#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "test_database.hpp"

namespace comptoir::db {
namespace {

using test::DatabaseTest;
using test::MigrationDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using MigrationsTest = DatabaseTest;

constexpr Query kVersions{"applied_versions",
                          "SELECT string_agg(version::text, ',' ORDER BY version) "
                          "FROM schema_migrations"};

bool table_exists(Connection& connection, std::string_view table) {
  constexpr Query kExists{"table_exists", "SELECT to_regclass($1) IS NOT NULL"};
  return connection.exec(kExists, table).one<bool>();
}

void write_shop_migrations(const MigrationDir& dir) {
  dir.write("0001_create_product.sql", "CREATE TABLE product (id int PRIMARY KEY);");
  // Fails unless 0001 ran first.
  dir.write("0002_add_product_name.sql", "ALTER TABLE product ADD COLUMN name text NOT NULL;");
  dir.write("0010_create_category.sql",
            "CREATE TABLE category (id int PRIMARY KEY);\n"
            "INSERT INTO category VALUES (1);");
}

TEST_F(MigrationsTest, AppliesPendingFilesInOrderOnAnEmptyDatabase) {
  MigrationDir dir;
  write_shop_migrations(dir);

  const auto applied = Migrator(url(), dir.path()).migrate();

  EXPECT_THAT(applied, ElementsAre("0001_create_product.sql", "0002_add_product_name.sql",
                                   "0010_create_category.sql"));
  Connection connection = connect();
  EXPECT_EQ(connection.exec(kVersions).one<std::string>(), "1,2,10");
  constexpr Query kRecorded{"recorded_migration",
                            "SELECT name, checksum FROM schema_migrations WHERE version = 2"};
  const Result row = connection.exec(kRecorded);
  EXPECT_EQ(row.get<std::string>(0, 0), "0002_add_product_name.sql");
  EXPECT_EQ(row.get<std::string>(0, 1),
            sha256_hex("ALTER TABLE product ADD COLUMN name text NOT NULL;"));
  EXPECT_TRUE(Migrator(url(), dir.path()).current());
}

TEST_F(MigrationsTest, TheProjectMigrationsApplyToAnEmptyDatabase) {
  const char* data_dir = std::getenv("COMPTOIR_DATA_DIR");
  ASSERT_TRUE(data_dir) << "COMPTOIR_DATA_DIR is not set (ctest sets it to the source tree)";
  const Migrator migrator(url(), std::filesystem::path(data_dir) / "migrations");

  const auto applied = migrator.migrate();

  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), "0001_foundation.sql");
  EXPECT_TRUE(migrator.current());
  constexpr Query kSetting{"upsert_setting",
                           "INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) "
                           "RETURNING value->>'fr'"};
  EXPECT_EQ(connect()
                .exec(kSetting, "shop.name", R"({"fr": "Comptoir", "en": "Comptoir"})")
                .one<std::string>(),
            "Comptoir");
}

TEST_F(MigrationsTest, RunningAgainAppliesNothing) {
  MigrationDir dir;
  write_shop_migrations(dir);
  Migrator(url(), dir.path()).migrate();

  EXPECT_TRUE(Migrator(url(), dir.path()).migrate().empty());
  EXPECT_EQ(connect().exec(kVersions).one<std::string>(), "1,2,10");
}

TEST_F(MigrationsTest, AnAppliedMigrationEditedLaterIsRefused) {
  MigrationDir dir;
  write_shop_migrations(dir);
  Migrator(url(), dir.path()).migrate();
  dir.write("0002_add_product_name.sql", "ALTER TABLE product ADD COLUMN name text;");
  dir.write("0011_create_tag.sql", "CREATE TABLE tag (name text);");
  const Migrator migrator(url(), dir.path());

  try {
    migrator.migrate();
    FAIL() << "an edited migration was accepted";
  } catch (const MigrationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("migration 0002_add_product_name.sql was edited after it was "
                                    "applied (recorded checksum "));
    EXPECT_THAT(e.what(), HasSubstr("restore the file and put the change in a new migration"));
  }
  Connection connection = connect();
  EXPECT_FALSE(table_exists(connection, "tag")) << "nothing may run once a problem is found";
  EXPECT_FALSE(migrator.current());
  EXPECT_EQ(migrator.status().problems.size(), 1u);
}

TEST_F(MigrationsTest, AFailingMigrationLeavesNoTrace) {
  MigrationDir dir;
  dir.write("0001_create_product.sql", "CREATE TABLE product (id int PRIMARY KEY);");
  dir.write("0002_broken.sql",
            "CREATE TABLE half_done (id int);\n"
            "INSERT INTO no_such_table VALUES (1);");
  dir.write("0003_create_tag.sql", "CREATE TABLE tag (name text);");

  try {
    Migrator(url(), dir.path()).migrate();
    FAIL() << "a broken migration was accepted";
  } catch (const MigrationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("0002_broken.sql"));
    EXPECT_THAT(e.what(), HasSubstr("relation \"no_such_table\" does not exist"));
  }
  Connection connection = connect();
  EXPECT_EQ(connection.exec(kVersions).one<std::string>(), "1");
  EXPECT_TRUE(table_exists(connection, "product"));
  EXPECT_FALSE(table_exists(connection, "half_done"));
  EXPECT_FALSE(table_exists(connection, "tag"));
}

TEST_F(MigrationsTest, AMigrationAndItsRecordCommitTogether) {
  MigrationDir dir;
  // The script succeeds but then recording it fails (its version is taken): the table it
  // created must go too, or a rerun would fail on "relation already exists".
  dir.write("0001_claims_its_own_row.sql",
            "CREATE TABLE widget (id int);\n"
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (1, 'x', 'y');");

  EXPECT_THROW(Migrator(url(), dir.path()).migrate(), MigrationError);

  Connection connection = connect();
  EXPECT_FALSE(table_exists(connection, "widget"));
  EXPECT_EQ(connection.exec(Query{"migration_rows", "SELECT count(*) FROM schema_migrations"})
                .one<std::int64_t>(),
            0);
}

TEST_F(MigrationsTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  MigrationDir dir;
  write_shop_migrations(dir);
  constexpr std::size_t kProcesses = 4;
  std::latch start(static_cast<std::ptrdiff_t>(kProcesses));
  std::vector<std::size_t> applied_counts(kProcesses);
  std::vector<std::string> errors(kProcesses);

  {
    std::vector<std::jthread> processes;
    for (std::size_t i = 0; i < kProcesses; ++i) {
      processes.emplace_back([&, i] {
        const Migrator migrator(url(), dir.path());
        start.arrive_and_wait();
        try {
          applied_counts[i] = migrator.migrate().size();
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      });
    }
  }

  EXPECT_THAT(errors, ::testing::Each(""));
  std::size_t total = 0;
  for (std::size_t count : applied_counts) total += count;
  EXPECT_EQ(total, 3u);
  Connection connection = connect();
  EXPECT_EQ(connection.exec(kVersions).one<std::string>(), "1,2,10");
  EXPECT_EQ(
      connection.exec(Query{"categories", "SELECT count(*) FROM category"}).one<std::int64_t>(), 1);
}

TEST_F(MigrationsTest, ReadinessCheckRunsOnAPooledConnection) {
  MigrationDir dir;
  write_shop_migrations(dir);
  const MigrationSet set = MigrationSet::load(dir.path());
  Pool pool({.conninfo = url(), .size = 1});
  auto check = [&set](Connection& c) { return set.check(c); };

  EXPECT_FALSE(pool.run_sync(check));
  Migrator(url(), dir.path()).migrate();
  EXPECT_TRUE(pool.run_sync(check));
}

}  // namespace
}  // namespace comptoir::db
