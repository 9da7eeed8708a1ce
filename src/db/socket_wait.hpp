#pragma once

#include <chrono>
#include <optional>

namespace comptoir::db {

// What a connection waits for on its socket. `write`: room to send, or something to read (libpq
// must read while it flushes, so that a server answering a long pipeline never deadlocks it).
enum class Want { read, write };

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

// How a Connection waits for its socket. Without one it blocks its thread in poll(); the pool's
// fiber driver gives each connection it lends the fiber's: the fiber is suspended and the driver
// thread serves the other fibers until the socket is ready.
class SocketWait {
 public:
  // Returns once `fd` is ready for `want` (or has failed: libpq finds out), false when `deadline`
  // passed first.
  virtual bool wait(int fd, Want want, Deadline deadline) = 0;
  // `fd` is about to be closed, or to be waited on by someone else: stop watching it.
  virtual void forget(int fd) noexcept = 0;

 protected:
  SocketWait() = default;
  SocketWait(const SocketWait&) = default;
  SocketWait& operator=(const SocketWait&) = default;
  ~SocketWait() = default;
};

// poll(): the calling thread waits.
bool poll_socket(int fd, Want want, Deadline deadline);

}  // namespace comptoir::db
