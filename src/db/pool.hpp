#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "db/connection.hpp"
#include "db/error.hpp"
#include "db/executor.hpp"
#include "db/slots.hpp"

namespace comptoir::db {

namespace net = boost::asio;

// How a pool runs its calls (DATABASE_DRIVER). `threads`: one blocking worker thread per
// connection. `fibers`: a loop thread per core, each call on a fiber suspended while it waits
// for PostgreSQL (docs/architecture.md, "Database access").
enum class Driver { threads, fibers };
inline constexpr Driver kDefaultDriver = Driver::threads;
std::string_view to_string(Driver driver) noexcept;
std::optional<Driver> parse_driver(std::string_view name) noexcept;

struct PoolOptions {
  std::string conninfo{};
  std::size_t size = 4;
  ConnectOptions connect{};
  Driver driver = kDefaultDriver;
};

namespace detail {

template <class F>
using CallResult = std::invoke_result_t<F&, Connection&>;
template <class F>
using CallValue = std::conditional_t<std::is_void_v<CallResult<F>>, std::monostate, CallResult<F>>;

// A call and what to do with its outcome: `done(std::exception_ptr, std::optional<value>)`.
template <class F, class Done>
class Call final : public PoolJob {
 public:
  Call(F fn, Done done) : fn_(std::move(fn)), done_(std::move(done)) {}

  bool run(Connection& connection) noexcept override {
    try {
      if constexpr (std::is_void_v<CallResult<F>>) {
        (*fn_)(connection);
        value_.emplace();
      } else {
        value_.emplace((*fn_)(connection));
      }
      return false;
    } catch (const DbError& e) {
      error_ = std::current_exception();
      return e.is_connection_failure();
    } catch (...) {
      error_ = std::current_exception();
      return false;
    }
  }

  void fail(std::exception_ptr error) noexcept override { error_ = std::move(error); }

  // The function goes first, so nothing it captured is released concurrently with the caller.
  void finish() noexcept override {
    fn_.reset();
    std::move(done_)(error_, std::move(value_));
  }

 private:
  std::optional<F> fn_;
  Done done_;
  std::exception_ptr error_;
  std::optional<CallValue<F>> value_;
};

// A connection checked out by a blocking caller, given back (rolled back if need be) at the end.
class Checkout {
 public:
  explicit Checkout(Slots& slots) : slots_(slots), connection_(slots.acquire()) {}
  Checkout(const Checkout&) = delete;
  Checkout& operator=(const Checkout&) = delete;
  ~Checkout() {
    const bool keep = !discard_ && reset_for_reuse(connection_);
    slots_.release(std::move(connection_), !keep);
  }

  Connection& connection() noexcept { return connection_; }
  void discard() noexcept { discard_ = true; }

 private:
  Slots& slots_;
  Connection connection_;
  bool discard_ = false;
};

}  // namespace detail

// A bounded set of connections, opened lazily and reused. A call never runs on the caller's
// I/O thread: the pool's driver runs it (see Driver) and the caller resumes on its own executor.
// A connection that breaks is dropped and replaced by a new one on a later call.
class Pool {
 public:
  template <class F>
  using ResultOf = detail::CallResult<F>;

  explicit Pool(PoolOptions options);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();  // waits for queued tasks

  // Runs `fn(Connection&)` with a checked-out connection; the awaiting coroutine resumes on its
  // own executor with the result, or the exception `fn` threw. `fn` runs queries and nothing that
  // blocks otherwise: with the fiber driver, the whole pool waits while it blocks.
  // `fn` must not call back into this pool synchronously (it would wait for itself).
  template <class F>
  net::awaitable<ResultOf<F>> run(F fn) {
    return run_impl(std::move(fn), std::nullopt);
  }

  // As run(), but the caller stops waiting after `timeout` (DbError without SQLSTATE); `fn` still
  // completes and its result is dropped, so it must not refer to the caller's locals.
  template <class F>
  net::awaitable<ResultOf<F>> run(F fn, std::chrono::milliseconds timeout) {
    return run_impl(std::move(fn), timeout);
  }

  // Blocking variant for CLI commands and job threads: `fn` runs on the calling thread, whatever
  // the driver. Never call it on an I/O thread.
  template <class F>
  ResultOf<F> run_sync(F fn) {
    slots_->add_waiting();
    detail::Checkout checkout(*slots_);
    try {
      return fn(checkout.connection());
    } catch (const DbError& e) {
      if (e.is_connection_failure()) checkout.discard();
      throw;
    }
  }

  PoolStats stats() const noexcept { return slots_->stats(); }
  Driver driver() const noexcept { return driver_; }

 private:
  template <class F>
  using ValueOf = detail::CallValue<F>;
  template <class F>
  using Signature = void(std::exception_ptr, std::optional<ValueOf<F>>);

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
    auto done = [h = std::move(handler), caller](std::exception_ptr error,
                                                 std::optional<ValueOf<F>> value) mutable {
      net::post(caller, [h = std::move(h), error, v = std::move(value)]() mutable {
        std::move(h)(error, std::move(v));
      });
    };
    submit(std::make_unique<detail::Call<F, decltype(done)>>(std::move(fn), std::move(done)));
  }

  template <class F, class Handler>
  void start_timed(F fn, Handler handler, std::chrono::milliseconds timeout) {
    net::any_io_executor strand = net::make_strand(net::get_associated_executor(handler));
    auto run = std::make_shared<TimedRun<Handler, ValueOf<F>>>(strand, std::move(handler));
    net::dispatch(strand, [this, run, fn = std::move(fn), timeout, strand]() mutable {
      run->timer.expires_after(timeout);
      run->timer.async_wait([run, timeout](boost::system::error_code ec) {
        if (ec) return;  // cancelled: the task answered first
        run->complete(std::make_exception_ptr(DbError(
                          "", "", "no answer within " + std::to_string(timeout.count()) + " ms")),
                      std::nullopt);
      });
      auto back = net::prefer(strand, net::execution::outstanding_work.tracked);
      auto done = [run = std::move(run), back](std::exception_ptr error,
                                               std::optional<ValueOf<F>> value) mutable {
        // `run` owns the timer: it must die on the caller's side, which may be gone once `back`
        // (the last work on the caller's context) is released.
        net::post(back, [run = std::move(run), error, v = std::move(value)]() mutable {
          run->complete(error, std::move(v));
        });
      };
      submit(std::make_unique<detail::Call<F, decltype(done)>>(std::move(fn), std::move(done)));
    });
  }

  void submit(std::unique_ptr<detail::PoolJob> job);

  const Driver driver_;
  std::unique_ptr<detail::Slots> slots_;
  std::unique_ptr<detail::Executor> executor_;  // destroyed first: it finishes the queued calls
};

}  // namespace comptoir::db
