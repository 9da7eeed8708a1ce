#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include "db/pool.hpp"

namespace comptoir::db {

enum class Isolation { read_committed, repeatable_read, serializable };

struct DatabaseOptions {
  std::string primary_url{};
  std::string read_url{};  // a read replica; empty (or the primary's URL): reads use the primary
  std::size_t pool_size = 8;
  // Without a replica: the connections to the primary that serve read() alone, beside the
  // pool_size that serve transactions (0: reads share that pool). With a replica, its pool
  // (pool_size connections) serves them.
  std::size_t read_pool_size = 0;
  std::chrono::milliseconds statement_timeout{5000};
  std::chrono::seconds connect_timeout{5};
  std::string application_name = "comptoir";
  Driver driver = kDefaultDriver;  // DATABASE_DRIVER
};

struct DatabaseStats {
  PoolStats primary{};
  std::optional<PoolStats> replica{};
  std::optional<PoolStats> reads{};  // the primary's pool for reads (read_pool_size)
};

namespace detail {

const Query& begin_query(Isolation isolation) noexcept;
// BEGIN goes to the server with the transaction's first statement (Connection::begin).
void begin(Connection& connection, Isolation isolation);
void commit(Connection& connection);  // refuses a transaction already aborted by an error
void rollback_quietly(Connection& connection) noexcept;
// Whether a failed transaction attempt may run again from the start.
bool may_retry(const DbError& error, bool began, int attempt) noexcept;
std::chrono::milliseconds backoff(int attempt);  // grows with `attempt`, with jitter

// BEGIN; fn; COMMIT — or ROLLBACK when anything throws. `began` tells the caller whether BEGIN
// went through, i.e. whether a failure happened before anything ran: BEGIN travels with the
// first statement, and its own failure is a DbError naming it.
template <class F>
auto in_transaction(Connection& connection, Isolation isolation, F& fn, bool& began) {
  begin(connection, isolation);
  began = true;
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<F&, Connection&>>) {
      fn(connection);
      commit(connection);
    } else {
      auto result = fn(connection);
      commit(connection);
      return result;
    }
  } catch (const DbError& e) {
    if (e.query_name() == begin_query(isolation).name) began = false;
    rollback_quietly(connection);
    throw;
  } catch (...) {
    rollback_quietly(connection);
    throw;
  }
}

}  // namespace detail

// The application's entry point to PostgreSQL. Reads that may be served by a replica go through
// read(); everything that writes, or must see its own writes, goes through transact().
class Database {
 public:
  template <class F>
  using ResultOf = Pool::ResultOf<F>;

  static constexpr int kMaxAttempts = 5;

  explicit Database(DatabaseOptions options);

  // fn(Connection&) with queries only: on the replica when there is one, else on the primary's
  // pool for reads when it has one. A call that hits a connection broken since its last use runs
  // once more on a fresh connection.
  template <class F>
  net::awaitable<ResultOf<F>> read(F fn) {
    Pool& pool = replica_ ? *replica_ : reads_ ? *reads_ : *primary_;
    for (int attempt = 1;; ++attempt) {
      try {
        co_return co_await pool.run([&fn](Connection& c) { return fn(c); });
      } catch (const DbError& e) {
        if (attempt > 1 || !e.is_connection_failure()) throw;
      }
    }
  }

  // fn(Connection&) inside BEGIN … COMMIT on the primary; ROLLBACK when fn throws. The whole
  // function runs again (up to kMaxAttempts) on a serialization failure or deadlock, so fn must
  // have no effects outside the database.
  template <class F>
  net::awaitable<ResultOf<F>> transact(F fn, Isolation isolation = Isolation::read_committed) {
    for (int attempt = 1;; ++attempt) {
      bool began = false;
      try {
        co_return co_await primary_->run([&fn, &began, isolation](Connection& c) {
          return detail::in_transaction(c, isolation, fn, began);
        });
      } catch (const DbError& e) {
        if (!detail::may_retry(e, began, attempt)) throw;
      }
      retries_.fetch_add(1);
      net::steady_timer timer(co_await net::this_coro::executor, detail::backoff(attempt));
      co_await timer.async_wait(net::use_awaitable);
    }
  }

  // fn(Connection&) on the primary outside any transaction: each statement commits by itself.
  // For one statement that writes or must see the latest writes (a throttle's upsert, a session's
  // read): one round trip, no COMMIT, and a row it locks is free as soon as it ends. A call that
  // hits a connection broken since its last use runs once more on a fresh one, so fn must be
  // harmless to run twice. Queued writes (Connection::write) need transact().
  template <class F>
  net::awaitable<ResultOf<F>> on_primary(F fn) {
    for (int attempt = 1;; ++attempt) {
      try {
        co_return co_await primary_->run([&fn](Connection& c) { return fn(c); });
      } catch (const DbError& e) {
        if (attempt > 1 || !e.is_connection_failure()) throw;
      }
    }
  }

  // transact() for CLI commands; blocks the calling thread.
  template <class F>
  ResultOf<F> transact_sync(F fn, Isolation isolation = Isolation::read_committed) {
    for (int attempt = 1;; ++attempt) {
      bool began = false;
      try {
        return primary_->run_sync([&fn, &began, isolation](Connection& c) {
          return detail::in_transaction(c, isolation, fn, began);
        });
      } catch (const DbError& e) {
        if (!detail::may_retry(e, began, attempt)) throw;
      }
      retries_.fetch_add(1);
      std::this_thread::sleep_for(detail::backoff(attempt));
    }
  }

  // SELECT 1 on the primary; false when it does not answer within `timeout`.
  net::awaitable<bool> ping(std::chrono::milliseconds timeout = std::chrono::seconds(2));

  // Transaction attempts that were run again after a serialization failure or a dead connection.
  std::uint64_t retries() const noexcept { return retries_.load(); }
  DatabaseStats stats() const noexcept;

 private:
  std::unique_ptr<Pool> primary_;
  std::unique_ptr<Pool> replica_;  // null: reads use reads_, else primary_
  std::unique_ptr<Pool> reads_;    // the primary's connections for reads (no replica)
  std::atomic<std::uint64_t> retries_{0};
};

}  // namespace comptoir::db
