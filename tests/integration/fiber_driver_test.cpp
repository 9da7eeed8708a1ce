// What is particular to the fiber driver (DATABASE_DRIVER=fibers): calls run as fibers of the
// driver's loops (a thread per core), interleaved at their queries. The behaviour both drivers
// share is tested, for both, in pool_test.cpp and database_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "db/error.hpp"
#include "test_database.hpp"

namespace comptoir::db {
namespace {

using test::DatabaseTest;
using test::run_on_io;

using FiberDriverTest = DatabaseTest;

constexpr Query kBackendPid{"backend_pid", "SELECT pg_backend_pid()"};
constexpr Query kEcho{"echo", "SELECT $1::int, pg_sleep(0.002)"};
constexpr Query kNap{"nap", "SELECT pg_sleep(0.02)"};

struct Seen {
  std::mutex mutex;  // the driver's loops are threads: never held across a query
  std::set<std::thread::id> threads;
  std::set<int> backends;
  std::atomic<int> answered{0};
};

net::awaitable<void> echo_twice(Database& db, int value, Seen& seen) {
  const int echoed = co_await db.read([value, &seen](Connection& c) {
    const int backend = c.exec(kBackendPid).one<std::int32_t>();
    {
      std::lock_guard lock(seen.mutex);
      seen.threads.insert(std::this_thread::get_id());
      seen.backends.insert(backend);
    }
    return c.exec(kEcho, value).get<std::int32_t>(0, 0);
  });
  if (echoed == value) seen.answered.fetch_add(1);
}

TEST_F(FiberDriverTest, ManyCallersShareFewerConnectionsOnTheDriversLoops) {
  Database db({.primary_url = url(), .pool_size = 3, .driver = Driver::fibers});
  net::io_context io;
  Seen seen;

  for (int i = 0; i < 120; ++i) net::co_spawn(io, echo_twice(db, i, seen), net::detached);
  io.run();

  EXPECT_EQ(seen.answered.load(), 120);
  // One loop thread per core at most, never more than connections, never the caller's.
  const std::size_t loops = std::clamp(std::thread::hardware_concurrency(), 1U, 3U);
  EXPECT_LE(seen.threads.size(), loops);
  EXPECT_FALSE(seen.threads.contains(std::this_thread::get_id()));
  EXPECT_LE(seen.backends.size(), 3u);
  const DatabaseStats stats = db.stats();
  EXPECT_LE(stats.primary.open, 3u);
  EXPECT_EQ(stats.primary.in_use, 0u);
  EXPECT_EQ(stats.primary.waiting, 0u);
}

TEST_F(FiberDriverTest, AStatementTimeoutFailsTheCallAndKeepsTheConnection) {
  using namespace std::chrono_literals;
  Database db(
      {.primary_url = url(), .pool_size = 1, .statement_timeout = 100ms, .driver = Driver::fibers});
  const int before =
      run_on_io(db.read([](Connection& c) { return c.exec(kBackendPid).one<int>(); }));

  try {
    run_on_io(db.read([](Connection& c) { c.exec(Query{"slow", "SELECT pg_sleep(5)"}); }));
    FAIL() << "pg_sleep(5) outlived a 100 ms statement timeout";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "57014");
  }
  const int after =
      run_on_io(db.read([](Connection& c) { return c.exec(kBackendPid).one<int>(); }));
  EXPECT_EQ(after, before);
}

TEST_F(FiberDriverTest, AReadWhoseBackendIsKilledMidQueryRunsAgain) {
  static constexpr Query kLongSleep{"long_sleep", "SELECT pg_sleep(30)"};
  constexpr Query kSleeper{"sleeper",
                           "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                           "AND state = 'active' AND query = 'SELECT pg_sleep(30)'"};
  constexpr Query kTerminate{"terminate", "SELECT pg_terminate_backend($1)"};
  Database db({.primary_url = url(), .pool_size = 2, .driver = Driver::fibers});
  std::atomic<bool> killed{false};
  std::jthread killer([&, admin = connect()]() mutable {
    for (int turn = 0; turn < 1000 && !killed.load(); ++turn) {
      const Result found = admin.exec(kSleeper);
      if (!found.empty()) {
        admin.exec(kTerminate, found.get<std::int32_t>(0, 0));
        killed = true;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  });

  std::atomic<int> attempts{0};
  const int answered_by = run_on_io(db.read([&attempts](Connection& c) {
    if (attempts.fetch_add(1) == 0) c.exec(kLongSleep);  // its backend is terminated meanwhile
    return c.exec(kBackendPid).one<std::int32_t>();
  }));
  // The read may be answered again before pg_terminate_backend returns to the killer and it
  // records the kill: wait for it (it stops once it has killed).
  killer.join();

  EXPECT_TRUE(killed.load());
  EXPECT_EQ(attempts.load(), 2);
  EXPECT_GT(answered_by, 0);
}

// Fails with PostgreSQL's message naming `token` (22P02: invalid input syntax for type integer).
net::awaitable<void> fail_inside_catch(Database& db, std::string token, std::string& message) {
  static constexpr Query kBadCast{"bad_cast", "SELECT $1::text::int"};
  try {
    co_await db.read([&token](Connection& c) {
      try {
        c.exec(kBadCast, token);
      } catch (const DbError&) {
        c.exec(kNap);  // suspended inside this catch block while other fibers fail too
        throw;
      }
    });
  } catch (const DbError& e) {
    message = e.what();
  }
}

TEST_F(FiberDriverTest, FibersSuspendedInsideCatchBlocksRethrowTheirOwnException) {
  // Two fibers on each loop (a loop per core), so that fibers share a thread.
  const std::size_t loops = std::max(1U, std::thread::hardware_concurrency());
  Database db({.primary_url = url(), .pool_size = 2 * loops, .driver = Driver::fibers});
  net::io_context io;
  std::vector<std::string> messages(20);

  for (std::size_t i = 0; i < messages.size(); ++i) {
    net::co_spawn(io, fail_inside_catch(db, "token-" + std::to_string(i), messages[i]),
                  net::detached);
  }
  io.run();

  for (std::size_t i = 0; i < messages.size(); ++i) {
    EXPECT_NE(messages[i].find("\"token-" + std::to_string(i) + "\""), std::string::npos)
        << messages[i];
  }
}

TEST_F(FiberDriverTest, FibersWaitForAConnectionHeldByABlockingCaller) {
  Pool pool({.conninfo = url(), .size = 1, .driver = Driver::fibers});
  std::atomic<bool> holding{false};
  int blocking_backend = 0;
  std::jthread blocker([&] {
    blocking_backend = pool.run_sync([&](Connection& c) {
      holding = true;
      for (int i = 0; i < 5; ++i) c.exec(kNap);
      return c.exec(kBackendPid).one<std::int32_t>();
    });
  });
  while (!holding.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  const int fiber_backend =
      run_on_io(pool.run([](Connection& c) { return c.exec(kBackendPid).one<std::int32_t>(); }));
  blocker.join();

  EXPECT_EQ(fiber_backend, blocking_backend) << "one connection, taken in turn";
  EXPECT_EQ(pool.stats().waiting, 0u);
  EXPECT_EQ(pool.stats().in_use, 0u);
}

net::awaitable<void> read_wide(Database& db, int length, int& matched) {
  static constexpr Query kWide{"wide", "SELECT repeat(chr(65 + $1::int % 26), $2::int)"};
  const auto text = co_await db.read(
      [length](Connection& c) { return c.exec(kWide, length, length).one<std::string>(); });
  const auto letter = static_cast<char>('A' + length % 26);
  if (text.size() == static_cast<std::size_t>(length) &&
      text.find_first_not_of(letter) == std::string::npos)
    ++matched;
}

TEST_F(FiberDriverTest, LargeResultsOfInterleavedCallsArriveWhole) {
  // Answers larger than libpq's input buffer arrive in several reads: the driver must wake the
  // fiber again while some of one is still in the socket.
  Database db({.primary_url = url(), .pool_size = 4, .driver = Driver::fibers});
  net::io_context io;
  int matched = 0;
  for (int i = 0; i < 24; ++i) {
    net::co_spawn(io, read_wide(db, 100'000 + i * 7'919, matched), net::detached);
  }
  io.run();

  EXPECT_EQ(matched, 24);
}

}  // namespace
}  // namespace comptoir::db
