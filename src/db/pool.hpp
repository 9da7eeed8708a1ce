#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "db/connection.hpp"
#include "db/error.hpp"

namespace comptoir::db {

namespace net = boost::asio;

struct PoolOptions {
  std::string conninfo{};
  std::size_t size = 4;
  ConnectOptions connect{};
};

struct PoolStats {
  std::size_t size = 0;
  std::size_t open = 0;     // connected, or being connected
  std::size_t in_use = 0;   // checked out by a task
  std::size_t waiting = 0;  // tasks queued for a connection
};

// A bounded set of connections, opened lazily and reused. libpq blocks, so every call runs on the
// pool's own worker threads (one per connection), never on the caller's I/O thread.
// A connection that breaks is dropped and replaced by a new one on a later call.
class Pool {
 public:
  template <class F>
  using ResultOf = std::invoke_result_t<F&, Connection&>;

  explicit Pool(PoolOptions options);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();  // waits for queued tasks

  // Runs `fn(Connection&)` on a worker with a checked-out connection; the awaiting coroutine
  // resumes on its own executor with the result, or the exception `fn` threw.
  // `fn` must not call back into this pool synchronously (it would wait for itself).
  template <class F>
  net::awaitable<ResultOf<F>> run(F fn) {
    return run_impl(std::move(fn), std::nullopt);
  }

  // As run(), but the caller stops waiting after `timeout` (DbError without SQLSTATE); `fn` still
  // completes on its worker and its result is dropped, so it must not refer to the caller's
  // locals.
  template <class F>
  net::awaitable<ResultOf<F>> run(F fn, std::chrono::milliseconds timeout) {
    return run_impl(std::move(fn), timeout);
  }

  // Blocking variant for CLI commands; never call it on an I/O thread.
  template <class F>
  ResultOf<F> run_sync(F fn) {
    waiting_.fetch_add(1);
    auto [error, value] = invoke(fn);
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<ResultOf<F>>) return std::move(*value);
  }

  PoolStats stats() const noexcept;

 private:
  template <class F>
  using ValueOf = std::conditional_t<std::is_void_v<ResultOf<F>>, std::monostate, ResultOf<F>>;
  template <class F>
  using Outcome = std::pair<std::exception_ptr, std::optional<ValueOf<F>>>;
  template <class F>
  using Signature = void(std::exception_ptr, std::optional<ValueOf<F>>);

  class Lease {
   public:
    Lease(Pool& pool, Connection connection) : pool_(pool), connection_(std::move(connection)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.release(std::move(connection_), discard_); }

    Connection& connection() noexcept { return connection_; }
    void discard() noexcept { discard_ = true; }

   private:
    Pool& pool_;
    Connection connection_;
    bool discard_ = false;
  };

  // Completes a timed run exactly once, either with the task's outcome or with the timeout;
  // both paths run on `strand`, so the handler and the timer are never touched concurrently.
  template <class Handler, class Value>
  struct TimedRun {
    TimedRun(net::any_io_executor on_strand, Handler h) : timer(on_strand), handler(std::move(h)) {}

    void complete(std::exception_ptr error, std::optional<Value> value) {
      if (!handler) return;
      timer.cancel();
      auto ex = net::prefer(net::get_associated_executor(*handler),
                            net::execution::outstanding_work.tracked);
      net::post(ex, [h = std::move(*handler), error, v = std::move(value)]() mutable {
        std::move(h)(error, std::move(v));
      });
      handler.reset();
    }

    net::steady_timer timer;
    std::optional<Handler> handler;
  };

  template <class F>
  net::awaitable<ResultOf<F>> run_impl(F fn, std::optional<std::chrono::milliseconds> timeout) {
    [[maybe_unused]] auto outcome =
        co_await net::async_initiate<decltype(net::use_awaitable), Signature<F>>(
            [self = this, timeout](auto handler, F f) {
              if (timeout) {
                self->start_timed(std::move(f), std::move(handler), *timeout);
              } else {
                self->start(std::move(f), std::move(handler));
              }
            },
            net::use_awaitable, std::move(fn));
    if constexpr (!std::is_void_v<ResultOf<F>>) co_return std::move(*outcome);
  }

  template <class F, class Handler>
  void start(F fn, Handler handler) {
    auto caller = net::prefer(net::get_associated_executor(handler),
                              net::execution::outstanding_work.tracked);
    waiting_.fetch_add(1);
    net::post(workers_, [this, fn = std::move(fn), h = std::move(handler), caller]() mutable {
      auto outcome = invoke_once(std::move(fn));
      net::post(caller, [h = std::move(h), outcome = std::move(outcome)]() mutable {
        std::move(h)(outcome.first, std::move(outcome.second));
      });
    });
  }

  template <class F, class Handler>
  void start_timed(F fn, Handler handler, std::chrono::milliseconds timeout) {
    net::any_io_executor strand = net::make_strand(net::get_associated_executor(handler));
    auto run = std::make_shared<TimedRun<Handler, ValueOf<F>>>(strand, std::move(handler));
    waiting_.fetch_add(1);
    net::dispatch(strand, [this, run, fn = std::move(fn), timeout, strand]() mutable {
      run->timer.expires_after(timeout);
      run->timer.async_wait([run, timeout](boost::system::error_code ec) {
        if (ec) return;  // cancelled: the task answered first
        run->complete(std::make_exception_ptr(DbError(
                          "", "", "no answer within " + std::to_string(timeout.count()) + " ms")),
                      std::nullopt);
      });
      auto back = net::prefer(strand, net::execution::outstanding_work.tracked);
      net::post(workers_, [this, run, fn = std::move(fn), back]() mutable {
        auto outcome = invoke_once(std::move(fn));
        // `run` owns the timer: it must die on the caller's side, which may be gone once `back`
        // (the last work on the caller's context) is released below.
        net::post(back, [run = std::move(run), outcome = std::move(outcome)]() mutable {
          run->complete(outcome.first, std::move(outcome.second));
        });
      });
    });
  }

  // Destroys `fn` before the caller resumes, so nothing it captured is released concurrently
  // with the caller.
  template <class F>
  Outcome<F> invoke_once(F fn) noexcept {
    return invoke(fn);
  }

  // Checks out a connection (the caller was counted in waiting_), runs fn, returns it.
  template <class F>
  Outcome<F> invoke(F& fn) noexcept {
    try {
      Lease lease = acquire();
      try {
        if constexpr (std::is_void_v<ResultOf<F>>) {
          fn(lease.connection());
          return {nullptr, std::monostate{}};
        } else {
          return {nullptr, fn(lease.connection())};
        }
      } catch (const DbError& e) {
        if (e.is_connection_failure()) lease.discard();
        throw;
      }
    } catch (...) {
      return {std::current_exception(), std::nullopt};
    }
  }

  Lease acquire();
  void release(Connection connection, bool discard) noexcept;

  const PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<Connection> idle_;
  std::atomic<std::size_t> open_{0};
  std::atomic<std::size_t> in_use_{0};
  std::atomic<std::size_t> waiting_{0};
  net::thread_pool workers_;
};

}  // namespace comptoir::db
