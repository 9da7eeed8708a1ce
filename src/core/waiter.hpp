#pragma once

namespace comptoir::core {

// Whoever waits for a piece of blocking work: an HTTP client, whose connection may close while the
// work is queued. A pool asks `gone()` just before starting the work and skips it when nobody
// waits any more (http::ClientProbe answers for a request's connection). Thread-safe.
class Waiter {
 public:
  virtual ~Waiter() = default;
  virtual bool gone() const = 0;
};

}  // namespace comptoir::core
