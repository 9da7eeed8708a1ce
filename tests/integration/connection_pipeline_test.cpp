// The round trips a Connection saves: a query's first use sends its PREPARE with it, and a
// transaction's BEGIN goes with its first statement (pipeline mode). Each case checks that what
// PostgreSQL did is what the sequential protocol would have done.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "db/connection.hpp"
#include "db/error.hpp"
#include "test_database.hpp"

namespace comptoir::db {
namespace {

using test::DatabaseTest;

using ConnectionPipelineTest = DatabaseTest;

constexpr Query kBegin{"test_begin", "BEGIN ISOLATION LEVEL REPEATABLE READ"};
constexpr Query kCommit{"test_commit", "COMMIT"};
constexpr Query kInsertNote{"insert_note", "INSERT INTO note (body) VALUES ($1)"};
constexpr Query kCountNotes{"count_notes", "SELECT count(*) FROM note"};
constexpr Query kIsolation{"isolation", "SELECT current_setting('transaction_isolation')"};
constexpr Query kPrepared{"prepared_named",
                          "SELECT count(*) FROM pg_prepared_statements WHERE name = $1"};

TEST_F(ConnectionPipelineTest, BeginTravelsWithTheFirstStatementAndTheTransactionHolds) {
  sql("CREATE TABLE note (body text)");
  Connection connection = connect();

  connection.begin(kBegin);
  EXPECT_TRUE(connection.in_transaction());
  EXPECT_EQ(connection.exec(kIsolation).one<std::string>(), "repeatable read");
  connection.exec(kInsertNote, "kept");
  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 0) << "visible before COMMIT";
  connection.commit(kCommit);

  EXPECT_FALSE(connection.in_transaction());
  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 1);
}

TEST_F(ConnectionPipelineTest, RollbackUndoesWhatRanAfterADeferredBegin) {
  sql("CREATE TABLE note (body text)");
  Connection connection = connect();

  connection.begin(kBegin);
  connection.exec(kInsertNote, "dropped");
  connection.rollback();

  EXPECT_FALSE(connection.in_transaction());
  EXPECT_EQ(connection.exec(kCountNotes).one<std::int64_t>(), 0);
}

TEST_F(ConnectionPipelineTest, ATransactionInWhichNothingRanEndsWithoutTheServer) {
  Connection connection = connect();

  connection.begin(kBegin);
  connection.commit(kCommit);
  EXPECT_FALSE(connection.in_transaction());
  connection.begin(kBegin);
  connection.rollback();
  EXPECT_FALSE(connection.in_transaction());
  // The session is idle: a statement runs outside any transaction.
  EXPECT_EQ(connection.exec(kIsolation).one<std::string>(), "read committed");
}

TEST_F(ConnectionPipelineTest, AFirstStatementThatFailsAbortsTheTransactionItBegan) {
  sql("CREATE TABLE note (body text UNIQUE); INSERT INTO note VALUES ('taken')");
  Connection connection = connect();

  connection.begin(kBegin);
  try {
    connection.exec(kInsertNote, "taken");
    FAIL() << "a duplicate was inserted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_EQ(e.query_name(), kInsertNote.name);
  }
  EXPECT_TRUE(connection.transaction_failed());
  connection.rollback();
  EXPECT_FALSE(connection.in_transaction());
  EXPECT_EQ(connection.exec(kCountNotes).one<std::int64_t>(), 1);
}

TEST_F(ConnectionPipelineTest, AStatementThatDoesNotPrepareIsNotRememberedAsPrepared) {
  constexpr Query kBroken{"broken_sql", "SELEC 1"};
  Connection connection = connect();

  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      connection.exec(kBroken);
      FAIL() << "invalid SQL ran";
    } catch (const DbError& e) {
      // Twice the syntax error, never "prepared statement does not exist".
      EXPECT_EQ(e.sqlstate(), "42601");
      EXPECT_EQ(e.query_name(), kBroken.name);
    }
  }
  EXPECT_TRUE(connection.ok());
  EXPECT_EQ(connection.exec(kPrepared, kBroken.name).one<std::int64_t>(), 0);
}

TEST_F(ConnectionPipelineTest, AStatementPreparedWhoseFirstRunFailsIsPreparedOnce) {
  constexpr Query kDivide{"divide", "SELECT 10 / $1::int"};
  Connection connection = connect();

  try {
    connection.exec(kDivide, 0);
    FAIL() << "divided by zero";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
  }
  // Preparing it again would fail with 42P05 (already exists).
  EXPECT_EQ(connection.exec(kDivide, 5).one<std::int32_t>(), 2);
  EXPECT_EQ(connection.exec(kPrepared, kDivide.name).one<std::int64_t>(), 1);
}

TEST_F(ConnectionPipelineTest, LargeResultsArriveWhole) {
  constexpr Query kWide{"wide", "SELECT repeat('x', $1::int)"};
  constexpr Query kLong{"long", "SELECT n, repeat('y', 20) FROM generate_series(1, $1::int) n"};
  Connection connection = connect();

  EXPECT_EQ(connection.exec(kWide, 300'000).one<std::string>().size(), 300'000u);
  const Result rows = connection.exec(kLong, 50'000);
  ASSERT_EQ(rows.size(), 50'000u);
  EXPECT_EQ(rows.get<std::int32_t>(49'999, 0), 50'000);
}

TEST_F(ConnectionPipelineTest, ScriptAfterADeferredBeginRunsInsideTheTransaction) {
  sql("CREATE TABLE note (body text)");
  Connection connection = connect();

  connection.begin(kBegin);
  connection.exec_script("INSERT INTO note VALUES ('in the transaction')");
  EXPECT_TRUE(connection.in_transaction());
  connection.rollback();
  EXPECT_EQ(connection.exec(kCountNotes).one<std::int64_t>(), 0);
}

TEST_F(ConnectionPipelineTest, AStatementPlannedEachCallIsNeverPrepared) {
  constexpr Query kEach{"planned_each_call", "SELECT $1::int * 2", true};
  Connection connection = connect();

  for (int value = 1; value <= 7; ++value)  // past the 5 calls after which a plan may be generic
    EXPECT_EQ(connection.exec(kEach, value).one<std::int32_t>(), value * 2);
  EXPECT_EQ(connection.exec(kPrepared, kEach.name).one<std::int64_t>(), 0);
  EXPECT_EQ(connection.exec(kPrepared, "").one<std::int64_t>(), 0);
}

TEST_F(ConnectionPipelineTest, AStatementPlannedEachCallRunsInsideADeferredTransaction) {
  sql("CREATE TABLE note (body text)");
  constexpr Query kEachInsert{"insert_note_each_call", "INSERT INTO note (body) VALUES ($1)", true};
  Connection connection = connect();

  connection.begin(kBegin);
  connection.exec(kEachInsert, "dropped");
  EXPECT_TRUE(connection.in_transaction());
  connection.rollback();
  EXPECT_EQ(connection.exec(kCountNotes).one<std::int64_t>(), 0);
}

TEST_F(ConnectionPipelineTest, AStatementPlannedEachCallReportsItsFailure) {
  constexpr Query kEachDivide{"divide_each_call", "SELECT 10 / $1::int", true};
  Connection connection = connect();

  try {
    connection.exec(kEachDivide, 0);
    FAIL() << "divided by zero";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
    EXPECT_EQ(e.query_name(), kEachDivide.name);
  }
  EXPECT_TRUE(connection.ok());
  EXPECT_EQ(connection.exec(kEachDivide, 5).one<std::int32_t>(), 2);
}

TEST_F(ConnectionPipelineTest, QueuedWritesGoWithTheNextStatement) {
  sql("CREATE TABLE note (body text)");
  Connection connection = connect();

  connection.begin(kBegin);
  for (const char* body : {"one", "two", "three"}) connection.exec_later(kInsertNote, body);
  EXPECT_EQ(connection.queued(), 3u);
  EXPECT_EQ(connection.exec(kCountNotes).one<std::int64_t>(), 3) << "sent before the count";
  EXPECT_EQ(connection.queued(), 0u);
  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 0) << "visible before COMMIT";
  connection.commit(kCommit);
  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 3);
  EXPECT_EQ(connection.exec(kPrepared, kInsertNote.name).one<std::int64_t>(), 1) << "prepared once";
}

TEST_F(ConnectionPipelineTest, QueuedWritesGoWithTheCommitWhenNothingElseRuns) {
  sql("CREATE TABLE note (body text)");
  Connection connection = connect();

  connection.begin(kBegin);  // the BEGIN itself is still to be sent
  std::string owned = "kept";
  connection.exec_later(kInsertNote, owned);
  owned = "changed after queueing";  // the queued copy is what is sent
  connection.commit(kCommit);
  EXPECT_FALSE(connection.in_transaction());
  constexpr Query kBodies{"note_bodies", "SELECT string_agg(body, ',') FROM note"};
  EXPECT_EQ(connect().exec(kBodies).one<std::string>(), "kept");
}

TEST_F(ConnectionPipelineTest, AQueuedWriteThatFailsIsThrownByTheNextStatementNamingIt) {
  sql("CREATE TABLE note (body text NOT NULL)");
  Connection connection = connect();

  connection.begin(kBegin);
  connection.exec_later(kInsertNote, "first");
  connection.exec_later(kInsertNote, std::optional<std::string>{});  // NULL: refused
  try {
    connection.exec(kCountNotes);
    FAIL() << "the NULL body was accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "23502");
    EXPECT_EQ(e.query_name(), kInsertNote.name);
  }
  connection.rollback();
  EXPECT_TRUE(connection.ok());
  EXPECT_EQ(connection.exec(kCountNotes).one<std::int64_t>(), 0);
}

TEST_F(ConnectionPipelineTest, ARollbackDropsWhatIsStillQueued) {
  sql("CREATE TABLE note (body text)");
  Connection connection = connect();

  connection.begin(kBegin);
  connection.exec(kCountNotes);  // the transaction is open on the server
  connection.exec_later(kInsertNote, "dropped");
  connection.rollback();
  EXPECT_EQ(connection.queued(), 0u);
  EXPECT_FALSE(connection.in_transaction());
  EXPECT_EQ(connection.exec(kCountNotes).one<std::int64_t>(), 0);
}

TEST_F(ConnectionPipelineTest, QueueingOutsideATransactionIsRefused) {
  sql("CREATE TABLE note (body text)");
  Connection connection = connect();
  try {
    connection.exec_later(kInsertNote, "lost");
    FAIL() << "queued outside a transaction";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "25P01");
  }
  EXPECT_EQ(connection.queued(), 0u);
}

}  // namespace
}  // namespace comptoir::db
