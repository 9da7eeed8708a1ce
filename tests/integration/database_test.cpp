#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "db/database.hpp"
#include "test_database.hpp"

namespace comptoir::db {
namespace {

using namespace std::chrono_literals;
using test::DatabaseTest;
using test::run_on_io;
using test::terminate_backend;

// Every test runs against both drivers (DATABASE_DRIVER).
class DatabaseFacadeTest : public DatabaseTest, public ::testing::WithParamInterface<Driver> {};
class DatabasePing : public ::testing::TestWithParam<Driver> {};

std::string driver_name(const ::testing::TestParamInfo<Driver>& driver) {
  return std::string(to_string(driver.param));
}

INSTANTIATE_TEST_SUITE_P(Drivers, DatabaseFacadeTest,
                         ::testing::Values(Driver::threads, Driver::fibers), driver_name);
INSTANTIATE_TEST_SUITE_P(Drivers, DatabasePing, ::testing::Values(Driver::threads, Driver::fibers),
                         driver_name);

constexpr Query kBackendPid{"backend_pid", "SELECT pg_backend_pid()"};
constexpr Query kCountNotes{"count_notes", "SELECT count(*) FROM note"};
constexpr Query kInsertNote{"insert_note", "INSERT INTO note (body) VALUES ($1)"};

// Two transactions meet here once, after both have read and before either writes. Waiting runs
// a query each turn rather than blocking on a condition variable: with the fiber driver both
// transactions are fibers of one thread, and a blocked thread would never run the other one.
class Rendezvous {
 public:
  void arrive_and_wait(Connection& c) {
    constexpr Query kTurn{"rendezvous_turn", "SELECT pg_sleep(0.001)"};
    arrived_.fetch_add(1);
    for (int turn = 0; turn < 5000 && arrived_.load() < 2; ++turn) c.exec(kTurn);
  }

 private:
  std::atomic<int> arrived_{0};
};

net::awaitable<void> increment(Database& db, Rendezvous& rendezvous, std::atomic<int>& attempts) {
  constexpr Query kRead{"read_counter", "SELECT n FROM counter WHERE id = 1"};
  constexpr Query kWrite{"write_counter", "UPDATE counter SET n = $1 WHERE id = 1"};
  co_await db.transact(
      [&](Connection& c) {
        const int n = c.exec(kRead).one<std::int32_t>();
        if (attempts.fetch_add(1) < 2) rendezvous.arrive_and_wait(c);
        c.exec(kWrite, n + 1);
      },
      Isolation::serializable);
}

TEST_P(DatabaseFacadeTest, ConflictingSerializableTransactionsBothCommitAfterARetry) {
  sql("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counter VALUES (1, "
      "0)");
  Database db({.primary_url = url(), .pool_size = 2, .driver = GetParam()});
  net::io_context io;
  Rendezvous rendezvous;
  std::atomic<int> attempts{0};
  int committed = 0;

  for (int i = 0; i < 2; ++i) {
    net::co_spawn(io, increment(db, rendezvous, attempts), [&](std::exception_ptr error) {
      if (!error) ++committed;
    });
  }
  io.run();

  EXPECT_EQ(committed, 2);
  EXPECT_GT(db.retries(), 0u);
  EXPECT_EQ(connect().exec(Query{"counter", "SELECT n FROM counter"}).one<std::int32_t>(), 2);
}

TEST_P(DatabaseFacadeTest, ExceptionRollsBackEverything) {
  sql("CREATE TABLE note (body text)");
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});

  auto failing = [&]() -> net::awaitable<void> {
    co_await db.transact([](Connection& c) {
      c.exec(kInsertNote, "draft");
      throw std::runtime_error("payment declined");
    });
  };
  EXPECT_THROW(run_on_io(failing()), std::runtime_error);

  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 0);
  EXPECT_EQ(db.retries(), 0u);
}

TEST_P(DatabaseFacadeTest, CommitIsRefusedAfterAnErrorCaughtInsideTheTransaction) {
  sql("CREATE TABLE note (body text UNIQUE)");
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});

  auto swallowing = [&]() -> net::awaitable<void> {
    co_await db.transact([](Connection& c) {
      c.exec(kInsertNote, "once");
      try {
        c.exec(kInsertNote, "once");
      } catch (const DbError&) {
        // The transaction is aborted now, whatever this code believes.
      }
    });
  };
  try {
    run_on_io(swallowing());
    FAIL() << "an aborted transaction reported success";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "25P02");
  }
  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 0);
}

TEST_P(DatabaseFacadeTest, TransactionCommitsAndReturnsItsValue) {
  sql("CREATE TABLE note (id serial PRIMARY KEY, body text)");
  static constexpr Query kInsertReturning{"insert_note_returning",
                                          "INSERT INTO note (body) VALUES ($1) RETURNING id"};
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});

  const int id = run_on_io(db.transact(
      [](Connection& c) { return c.exec(kInsertReturning, "kept").one<std::int32_t>(); }));

  EXPECT_EQ(id, 1);
  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 1);
}

TEST_P(DatabaseFacadeTest, BlockingTransactionForCommandLineTools) {
  sql("CREATE TABLE note (body text)");
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});

  db.transact_sync([](Connection& c) { c.exec(kInsertNote, "from the CLI"); });
  auto rejected = [](Connection& c) {
    c.exec(kInsertNote, "never saved");
    throw std::runtime_error("bad input");
  };
  EXPECT_THROW(db.transact_sync(rejected), std::runtime_error);

  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 1);
}

TEST_P(DatabaseFacadeTest, CallsSurviveATerminatedPooledConnection) {
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});
  auto backend = [](Connection& c) { return c.exec(kBackendPid).one<std::int32_t>(); };
  const int first = run_on_io(db.read(backend));
  terminate_backend(admin_url(), first);

  const int after_read = run_on_io(db.read(backend));
  EXPECT_NE(after_read, first);

  terminate_backend(admin_url(), after_read);
  EXPECT_NE(run_on_io(db.transact(backend)), after_read);
}

TEST_P(DatabaseFacadeTest, StatementTimeoutSurfacesAsQueryCanceled) {
  Database db(
      {.primary_url = url(), .pool_size = 1, .statement_timeout = 100ms, .driver = GetParam()});
  const auto start = std::chrono::steady_clock::now();

  try {
    run_on_io(db.read([](Connection& c) { c.exec(Query{"slow", "SELECT pg_sleep(5)"}); }));
    FAIL() << "pg_sleep(5) outlived a 100 ms statement timeout";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "57014");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST_P(DatabaseFacadeTest, ReadsGoToTheReplicaWhenThereIsOne) {
  // The same server under a second URL stands in for a replica.
  Database db({.primary_url = url(),
               .read_url = url() + " application_name=replica",
               .read_pool_size = 2,
               .driver = GetParam()});
  run_on_io(db.read([](Connection& c) { c.exec(kBackendPid); }));

  const DatabaseStats stats = db.stats();
  ASSERT_TRUE(stats.replica.has_value());
  EXPECT_EQ(stats.replica->open, 1u);
  EXPECT_EQ(stats.primary.open, 0u);
  EXPECT_FALSE(stats.reads.has_value()) << "the replica's pool serves the reads";
}

// Without a replica, read_pool_size gives reads connections of their own on the primary: a read
// is answered while a transaction holds every connection of the pool for transactions.
net::awaitable<void> hold_until(Database& db, const std::atomic<bool>& released,
                                std::atomic<bool>& saw_release) {
  co_await db.transact([&](Connection& c) {
    constexpr Query kTurn{"hold_turn", "SELECT pg_sleep(0.001)"};
    // A query each turn, not a blocked thread: with the fiber driver the read is a fiber of the
    // same thread.
    for (int turn = 0; turn < 3000 && !released.load(); ++turn) c.exec(kTurn);
    saw_release = released.load();
  });
}

net::awaitable<void> read_then_release(Database& db, std::atomic<bool>& released) {
  co_await db.read([](Connection& c) { c.exec(kBackendPid); });
  released = true;
}

TEST_P(DatabaseFacadeTest, ReadsHaveConnectionsOfTheirOwnBesideTheTransactions) {
  Database db({.primary_url = url(), .pool_size = 1, .read_pool_size = 1, .driver = GetParam()});
  net::io_context io;
  std::atomic<bool> released{false};
  std::atomic<bool> saw_release{false};
  net::co_spawn(io, hold_until(db, released, saw_release), net::detached);
  net::co_spawn(io, read_then_release(db, released), net::detached);
  io.run();

  EXPECT_TRUE(saw_release.load()) << "the read waited for the transaction's connection";
  const DatabaseStats stats = db.stats();
  ASSERT_TRUE(stats.reads.has_value());
  EXPECT_EQ(stats.reads->open, 1u);
  EXPECT_EQ(stats.primary.open, 1u);
}

TEST_P(DatabaseFacadeTest, WithoutAReadPoolReadsShareThePoolOfTransactions) {
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});
  run_on_io(db.read([](Connection& c) { c.exec(kBackendPid); }));
  const DatabaseStats stats = db.stats();
  EXPECT_FALSE(stats.reads.has_value());
  EXPECT_EQ(stats.primary.open, 1u);
}

// on_primary: the primary even when there is a replica, and no transaction around fn: each
// statement is committed (and its row locks freed) before the next one is sent.
TEST_P(DatabaseFacadeTest, OnPrimaryCommitsEachStatementByItself) {
  sql("CREATE TABLE note (body text)");
  Database db({.primary_url = url(),
               .read_url = url() + " application_name=replica",
               .pool_size = 1,
               .driver = GetParam()});
  auto outside = connect();
  auto seen = run_on_io(db.on_primary([&outside](Connection& c) {
    c.exec(kInsertNote, "first");
    return outside.exec(kCountNotes).one<std::int64_t>();  // before fn returns
  }));
  EXPECT_EQ(seen, 1) << "the insert was committed as soon as it ran";
  const DatabaseStats stats = db.stats();
  EXPECT_EQ(stats.primary.open, 1u);
  EXPECT_EQ(stats.replica->open, 0u);
  auto failing = [](Connection& c) {
    c.exec(kInsertNote, "kept");
    c.exec(Query{"on_primary_bad", "SELECT 1 / 0"});
  };
  EXPECT_THROW(run_on_io(db.on_primary(failing)), DbError);
  EXPECT_EQ(connect().exec(kCountNotes).one<std::int64_t>(), 2) << "nothing to roll back";
}

TEST_P(DatabaseFacadeTest, OnPrimarySurvivesATerminatedPooledConnection) {
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});
  auto backend = [](Connection& c) { return c.exec(kBackendPid).one<std::int32_t>(); };
  const int first = run_on_io(db.on_primary(backend));
  terminate_backend(admin_url(), first);
  EXPECT_NE(run_on_io(db.on_primary(backend)), first);
}

TEST_P(DatabaseFacadeTest, PingAnswersTrueWhenTheDatabaseIsUp) {
  Database db({.primary_url = url(), .pool_size = 1, .driver = GetParam()});
  EXPECT_TRUE(run_on_io(db.ping()));
}

TEST_P(DatabasePing, FalseQuicklyWhenNothingListens) {
  Database db({.primary_url = "postgresql://postgres@127.0.0.1:1/postgres",
               .pool_size = 1,
               .driver = GetParam()});
  const auto start = std::chrono::steady_clock::now();

  EXPECT_FALSE(run_on_io(db.ping()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
}

TEST_P(DatabasePing, FalseWithinItsTimeoutWhenTheServerNeverAnswers) {
  // A socket that accepts connections (in the kernel's backlog) and never says a word.
  const int silent = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(silent, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(0x7f000001U);  // 127.0.0.1
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(silent, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(::listen(silent, 8), 0);
  ASSERT_EQ(::getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string url =
      "postgresql://postgres@127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/postgres";
  Database db({.primary_url = url, .pool_size = 1, .connect_timeout = 2s, .driver = GetParam()});

  bool answered = true;
  std::chrono::steady_clock::duration waited{};
  run_on_io([&]() -> net::awaitable<void> {
    const auto start = std::chrono::steady_clock::now();
    answered = co_await db.ping(300ms);
    waited = std::chrono::steady_clock::now() - start;
  }());

  EXPECT_FALSE(answered);
  EXPECT_LT(waited, 1s);
  ::close(silent);
}

}  // namespace
}  // namespace comptoir::db
