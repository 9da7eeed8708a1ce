#pragma once

#include <cstddef>
#include <exception>
#include <memory>

#include "db/slots.hpp"

namespace comptoir::db::detail {

// One call of Pool::run waiting for its turn: the executor finds it a connection, runs it, and
// finishes it (hands its outcome to the caller), on the executor's thread.
class PoolJob {
 public:
  PoolJob() = default;
  PoolJob(const PoolJob&) = delete;
  PoolJob& operator=(const PoolJob&) = delete;
  virtual ~PoolJob() = default;

  // Runs the caller's function on `connection`, keeping its outcome; true when the connection
  // failed (drop it).
  virtual bool run(Connection& connection) noexcept = 0;
  // No connection could be had: this is the outcome.
  virtual void fail(std::exception_ptr error) noexcept = 0;
  // Destroys the caller's function, then hands the outcome over.
  virtual void finish() noexcept = 0;
};

// How a pool runs the calls it is given (DATABASE_DRIVER).
class Executor {
 public:
  Executor() = default;
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;
  virtual ~Executor() = default;  // finishes the calls already submitted

  virtual void submit(std::unique_ptr<PoolJob> job) = 0;
};

// `threads` blocking workers, each running one call at a time, waiting in poll().
std::unique_ptr<Executor> make_thread_executor(Slots& slots, std::size_t threads);
// `fibers` fibers over a loop thread per core (started by the first call): a call waiting for
// PostgreSQL is a suspended fiber, and its loop waits for all its sockets at once
// (fiber_executor.cpp).
std::unique_ptr<Executor> make_fiber_executor(Slots& slots, std::size_t fibers);

}  // namespace comptoir::db::detail
