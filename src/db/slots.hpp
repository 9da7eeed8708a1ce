#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace comptoir::db {

struct PoolStats {
  std::size_t size = 0;
  std::size_t open = 0;     // connected, or being connected
  std::size_t in_use = 0;   // checked out by a task
  std::size_t waiting = 0;  // tasks queued for a connection
};

namespace detail {

// The pool's connections: a bounded set, opened lazily and reused, shared by the pool's driver
// and by blocking callers (run_sync). A connection that breaks is dropped with every idle one (a
// broken connection usually means the server restarted or failed over), and replaced later.
class Slots {
 public:
  Slots(std::string conninfo, std::size_t size, ConnectOptions connect);
  Slots(const Slots&) = delete;
  Slots& operator=(const Slots&) = delete;

  void add_waiting() noexcept { waiting_.fetch_add(1); }

  // Blocks until a connection is free (or may be opened, which it does, blocking).
  Connection acquire();

  // Without blocking: an idle connection, or the right to open one (`open` then: call
  // open_claimed), or nothing (every connection is checked out).
  enum class Claim { idle, open, none };
  Claim try_claim(std::optional<Connection>& idle);
  Connection open_claimed(SocketWait* wait);

  // Takes a connection back; `discard` drops it (and the idle ones). A connection still inside a
  // transaction must have been rolled back by the caller (reset_for_reuse).
  void release(Connection connection, bool discard) noexcept;

  // Called after every release, on the releasing thread (the fiber driver wakes a waiter).
  void on_release(std::function<void()> callback) { released_ = std::move(callback); }

  PoolStats stats() const noexcept;

 private:
  void unclaim() noexcept;

  const std::string conninfo_;
  const std::size_t size_;
  const ConnectOptions connect_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<Connection> idle_;
  std::atomic<std::size_t> open_{0};
  std::atomic<std::size_t> in_use_{0};
  std::atomic<std::size_t> waiting_{0};
  std::function<void()> released_;
};

// A task must not hand an open transaction to the next one: ROLLBACK it. False when the
// connection cannot be brought back to an idle state (drop it then).
bool reset_for_reuse(Connection& connection) noexcept;

}  // namespace detail
}  // namespace comptoir::db
