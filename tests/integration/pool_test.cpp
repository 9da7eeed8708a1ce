#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "db/error.hpp"
#include "db/pool.hpp"
#include "test_database.hpp"

namespace comptoir::db {
namespace {

using test::DatabaseTest;
using test::run_on_io;
using test::terminate_backend;

// Every test runs against both drivers (DATABASE_DRIVER).
class PoolTest : public DatabaseTest, public ::testing::WithParamInterface<Driver> {
 protected:
  PoolOptions options(std::size_t size) const {
    return {.conninfo = url(), .size = size, .driver = GetParam()};
  }
};

std::string driver_name(const ::testing::TestParamInfo<Driver>& driver) {
  return std::string(to_string(driver.param));
}

INSTANTIATE_TEST_SUITE_P(Drivers, PoolTest, ::testing::Values(Driver::threads, Driver::fibers),
                         driver_name);

constexpr Query kBackendPid{"backend_pid", "SELECT pg_backend_pid()"};

void store_max(std::atomic<std::size_t>& max, std::size_t value) {
  std::size_t seen = max.load();
  while (value > seen && !max.compare_exchange_weak(seen, value)) {
  }
}

struct LoadObservations {
  std::atomic<std::size_t> running{0};
  std::atomic<std::size_t> max_running{0};
  std::atomic<std::size_t> max_in_use{0};
  std::atomic<std::size_t> max_waiting{0};
};

net::awaitable<int> nap(Pool& pool, LoadObservations& seen) {
  static constexpr Query kNap{"nap", "SELECT pg_sleep(0.005), pg_backend_pid()"};
  co_return co_await pool.run([&pool, &seen](Connection& c) {
    store_max(seen.max_running, ++seen.running);
    const PoolStats stats = pool.stats();
    store_max(seen.max_in_use, stats.in_use);
    store_max(seen.max_waiting, stats.waiting);
    const int pid = c.exec(kNap).get<std::int32_t>(0, 1);
    --seen.running;
    return pid;
  });
}

TEST_P(PoolTest, TwoHundredCoroutinesShareFourConnections) {
  Pool pool(options(4));
  net::io_context io;
  LoadObservations seen;
  int succeeded = 0;
  int failed = 0;
  std::set<int> backends;

  for (int i = 0; i < 200; ++i) {
    net::co_spawn(io, nap(pool, seen), [&](std::exception_ptr error, int pid) {
      if (error) {
        ++failed;
      } else {
        ++succeeded;
        backends.insert(pid);
      }
    });
  }
  io.run();

  EXPECT_EQ(succeeded, 200);
  EXPECT_EQ(failed, 0);
  EXPECT_LE(seen.max_running.load(), 4u);
  EXPECT_LE(seen.max_in_use.load(), 4u);
  EXPECT_GT(seen.max_waiting.load(), 0u);
  EXPECT_LE(backends.size(), 4u);
  const PoolStats after = pool.stats();
  EXPECT_EQ(after.size, 4u);
  EXPECT_LE(after.open, 4u);
  EXPECT_EQ(after.in_use, 0u);
  EXPECT_EQ(after.waiting, 0u);
}

TEST_P(PoolTest, BlockingCallersFromManyThreadsShareTheSameBound) {
  static constexpr Query kNap{"nap", "SELECT pg_sleep(0.005), pg_backend_pid()"};
  Pool pool(options(2));
  LoadObservations seen;
  std::mutex backends_mutex;
  std::set<int> backends;

  {
    std::vector<std::jthread> callers;
    for (int i = 0; i < 8; ++i) {
      callers.emplace_back([&] {
        for (int call = 0; call < 5; ++call) {
          const int pid = pool.run_sync([&](Connection& c) {
            store_max(seen.max_running, ++seen.running);
            const int backend = c.exec(kNap).get<std::int32_t>(0, 1);
            --seen.running;
            return backend;
          });
          std::lock_guard lock(backends_mutex);
          backends.insert(pid);
        }
      });
    }
  }

  EXPECT_LE(seen.max_running.load(), 2u);
  EXPECT_LE(backends.size(), 2u);
  EXPECT_EQ(pool.stats().waiting, 0u);
}

TEST_P(PoolTest, QueriesRunOnAWorkerAndTheCallerResumesOnItsOwnThread) {
  Pool pool(options(2));
  const auto caller = std::this_thread::get_id();

  const auto [query_thread, resumed_thread] =
      run_on_io([&]() -> net::awaitable<std::pair<std::thread::id, std::thread::id>> {
        const auto worker = co_await pool.run([](Connection& c) {
          c.exec(kBackendPid);
          return std::this_thread::get_id();
        });
        co_return std::pair{worker, std::this_thread::get_id()};
      }());

  EXPECT_NE(query_thread, caller);
  EXPECT_EQ(resumed_thread, caller);
}

TEST_P(PoolTest, ExceptionFromTheTaskReachesTheAwaitingCoroutine) {
  Pool pool(options(1));
  constexpr Query kBad{"bad_sql", "SELECT * FROM no_such_table"};

  auto failing = [&]() -> net::awaitable<void> {
    co_await pool.run([&](Connection& c) { c.exec(kBad); });
  };

  try {
    run_on_io(failing());
    FAIL() << "the error was lost";
  } catch (const DbError& e) {
    EXPECT_EQ(e.sqlstate(), "42P01");
  }
  EXPECT_EQ(pool.stats().open, 1u) << "an SQL error must not cost the connection";
}

TEST_P(PoolTest, ConnectionsAreReused) {
  Pool pool(options(1));
  const int first = pool.run_sync([](Connection& c) { return c.exec(kBackendPid).one<int>(); });
  const int second = pool.run_sync([](Connection& c) { return c.exec(kBackendPid).one<int>(); });

  EXPECT_EQ(first, second);
  EXPECT_EQ(pool.stats().open, 1u);
}

TEST_P(PoolTest, BrokenConnectionIsReplaced) {
  Pool pool(options(1));
  const int pid = pool.run_sync([](Connection& c) { return c.exec(kBackendPid).one<int>(); });
  terminate_backend(url(), pid);

  try {
    pool.run_sync([](Connection& c) { c.exec(kBackendPid); });
    FAIL() << "a query ran on a terminated backend";
  } catch (const DbError& e) {
    EXPECT_TRUE(e.is_connection_failure()) << e.what();
  }
  EXPECT_EQ(pool.stats().open, 0u);

  const int replacement =
      pool.run_sync([](Connection& c) { return c.exec(kBackendPid).one<int>(); });
  EXPECT_NE(replacement, pid);
}

TEST_P(PoolTest, ATransactionLeftOpenIsRolledBackBeforeReuse) {
  sql("CREATE TABLE note (body text)");
  constexpr Query kInsert{"insert_note", "INSERT INTO note VALUES ('draft')"};
  constexpr Query kCount{"count_notes", "SELECT count(*) FROM note"};
  Pool pool(options(1));

  pool.run_sync([&](Connection& c) {
    c.exec_script("BEGIN");
    c.exec(kInsert);
  });

  EXPECT_FALSE(pool.run_sync([](Connection& c) { return c.in_transaction(); }));
  EXPECT_EQ(connect().exec(kCount).one<std::int64_t>(), 0);
}

}  // namespace
}  // namespace comptoir::db
