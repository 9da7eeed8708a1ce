#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "db/error.hpp"
#include "test_database.hpp"

namespace comptoir::db {
namespace {

using test::DatabaseTest;

using ConnectionTest = DatabaseTest;

TEST_F(ConnectionTest, ParametersRoundTripAsTypedValues) {
  constexpr Query kEcho{"echo",
                        "SELECT $1::text, $2::int4, $3::int8, $4::bool, $5::text, $6::float8"};
  Connection connection = connect();
  const std::optional<std::string> absent;
  const Result row = connection.exec(kEcho, std::string_view{"crème brûlée"}, 42,
                                     std::int64_t{-9'000'000'000}, true, absent, "2.5");

  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row.get<std::string>(0, 0), "crème brûlée");
  EXPECT_EQ(row.get<std::int32_t>(0, 1), 42);
  EXPECT_EQ(row.get<std::int64_t>(0, 2), -9'000'000'000);
  EXPECT_TRUE(row.get<bool>(0, 3));
  EXPECT_EQ(row.get<std::optional<std::string>>(0, 4), std::nullopt);
  EXPECT_DOUBLE_EQ(row.get<double>(0, 5), 2.5);
}

TEST_F(ConnectionTest, NullIntoANonOptionalThrows) {
  constexpr Query kNull{"select_null", "SELECT NULL::int4"};
  const Result row = connect().exec(kNull);

  EXPECT_EQ(row.get<std::optional<std::int32_t>>(0, 0), std::nullopt);
  EXPECT_THROW(row.get<std::int32_t>(0, 0), DbError);
}

TEST_F(ConnectionTest, OneRequiresExactlyOneRow) {
  constexpr Query kSeries{"select_series", "SELECT generate_series(1, $1)"};
  Connection connection = connect();

  EXPECT_EQ(connection.exec(kSeries, 1).one<std::int32_t>(), 1);
  EXPECT_THROW(connection.exec(kSeries, 0).one<std::int32_t>(), DbError);
  EXPECT_THROW(connection.exec(kSeries, 2).one<std::int32_t>(), DbError);
}

TEST_F(ConnectionTest, AffectedRowsCountsWrites) {
  sql("CREATE TABLE item (id int PRIMARY KEY)");
  constexpr Query kInsert{"insert_items", "INSERT INTO item SELECT generate_series(1, $1)"};
  constexpr Query kDelete{"delete_items", "DELETE FROM item WHERE id > $1"};
  Connection connection = connect();

  EXPECT_EQ(connection.exec(kInsert, 5).affected_rows(), 5u);
  EXPECT_EQ(connection.exec(kDelete, 3).affected_rows(), 2u);
}

TEST_F(ConnectionTest, PreparedStatementIsReusedOnTheSameConnection) {
  constexpr Query kCount{"count_item_statements",
                         "SELECT count(*) FROM pg_prepared_statements WHERE name = $1"};
  Connection connection = connect();
  connection.exec(kCount, kCount.name);

  EXPECT_EQ(connection.exec(kCount, kCount.name).one<std::int64_t>(), 1);
}

TEST_F(ConnectionTest, TwoQueriesWithOneNameAreRefused) {
  Connection connection = connect();
  connection.exec(Query{"same_name", "SELECT 1"});

  EXPECT_THROW(connection.exec(Query{"same_name", "SELECT 2"}), DbError);
}

TEST_F(ConnectionTest, ErrorCarriesSqlstateAndQueryNameButNoValues) {
  sql("CREATE TABLE account (email text PRIMARY KEY)");
  constexpr Query kInsert{"insert_account", "INSERT INTO account (email) VALUES ($1)"};
  Connection connection = connect();
  connection.exec(kInsert, "marie@example.com");

  try {
    connection.exec(kInsert, "marie@example.com");
    FAIL() << "a duplicate key was accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_EQ(e.query_name(), "insert_account");
    EXPECT_EQ(std::string(e.what()).find("marie@example.com"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(connection.ok());
}

TEST_F(ConnectionTest, SessionRunsInUtcWithItsStatementTimeoutAndName) {
  constexpr Query kSettings{"select_settings",
                            "SELECT current_setting('TimeZone'), "
                            "current_setting('statement_timeout'), "
                            "current_setting('application_name'), "
                            "current_setting('max_parallel_workers_per_gather')"};
  const Result row = Connection::open(url(), {.statement_timeout = std::chrono::milliseconds{1500},
                                              .application_name = "comptoir test"})
                         .exec(kSettings);

  EXPECT_EQ(row.get<std::string>(0, 0), "UTC");
  EXPECT_EQ(row.get<std::string>(0, 1), "1500ms");
  EXPECT_EQ(row.get<std::string>(0, 2), "comptoir test");
  EXPECT_EQ(row.get<std::string>(0, 3), "0");  // a request's query runs on one core
}

TEST_F(ConnectionTest, StatementTimeoutRaisesQueryCanceled) {
  constexpr Query kSlow{"slow", "SELECT pg_sleep(5)"};
  Connection connection =
      Connection::open(url(), {.statement_timeout = std::chrono::milliseconds{100}});
  const auto start = std::chrono::steady_clock::now();

  try {
    connection.exec(kSlow);
    FAIL() << "pg_sleep(5) outlived a 100 ms statement timeout";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "57014");
    EXPECT_FALSE(e.is_connection_failure());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(connection.ok());
}

TEST_F(ConnectionTest, ScriptRunsSeveralStatements) {
  Connection connection = connect();
  connection.exec_script("CREATE TABLE tag (name text); INSERT INTO tag VALUES ('a'), ('b');");

  EXPECT_EQ(connection.exec(Query{"count_tags", "SELECT count(*) FROM tag"}).one<std::int64_t>(),
            2);
}

TEST_F(ConnectionTest, OpeningAnUnreachableServerFailsAsAConnectionFailure) {
  try {
    Connection::open("postgresql://postgres@127.0.0.1:1/postgres");
    FAIL() << "connected to port 1";
  } catch (const DbError& e) {
    EXPECT_TRUE(e.is_connection_failure()) << e.what();
  }
}

}  // namespace
}  // namespace comptoir::db
