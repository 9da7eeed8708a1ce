#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>

namespace comptoir::core {
class SecretKeys;
}
namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

class ApiCallLog;

struct DispatchOptions {
  // How long a dispatcher holds an order it works on; another process takes over after it (a
  // dispatcher killed mid-call leaves the order to the next one once the lease has passed).
  std::chrono::seconds lease{120};
  // A PENDING order that could not be sent is tried again after retry_base · 2^(attempt-1)
  // (half to all of it, at random), at most retry_cap, and FAILED after max_attempts.
  std::chrono::seconds retry_base{30};
  std::chrono::seconds retry_cap{3600};
  int max_attempts = 8;
  // How often a sent order is asked for news until it ships.
  std::chrono::seconds poll_every{600};
  std::size_t limit = 0;  // orders to handle at most (0: until none is due)
  // Only this supplier order, if it is due (staff's "dispatch now": order_queue.hpp).
  std::optional<std::int64_t> only{};
  std::stop_token stop{};
  // After each order: how many were handled, of how many were due when the dispatch began.
  std::function<void(std::int64_t handled, std::int64_t due)> progress{};
};

struct DispatchReport {
  int sent = 0;     // made at the supplier
  int updated = 0;  // a sent order that moved on (confirmed, in production, delivered)
  int shipped = 0;
  int retried = 0;    // failed for now, tried again later
  int failed = 0;     // FAILED, with an ORDER_FAILED alert
  int cancelled = 0;  // the shop's order was cancelled, or the supplier cancelled it
  int unchanged = 0;  // asked for news, none
};

// Works through the shop's supplier orders due when it begins, each once: sends PENDING ones (the
// connector finds an order an earlier attempt made, by our external id, before making one, so a
// dispatcher killed mid-call never makes a duplicate), asks sent ones for news (state, carrier,
// tracking), asks the supplier to cancel one whose shop order was cancelled or refunded, and raises
// ORDER_FAILED and ORDER_STUCK (longer in a state than the supplier's shipping days). Each order is
// claimed with a lease and written in its own statement: several dispatchers share the work safely.
DispatchReport dispatch(db::Connection& conn, const core::SecretKeys& keys, ApiCallLog& log,
                        const DispatchOptions& options = {});

}  // namespace comptoir::suppliers
