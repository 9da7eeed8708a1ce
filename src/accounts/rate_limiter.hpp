#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "http/types.hpp"

namespace comptoir::db {
class Connection;
class Database;
}  // namespace comptoir::db

namespace comptoir::accounts {

// A token bucket: `burst` attempts at once, then one every 1/`per_second` seconds.
struct RateLimit {
  double burst = 10;
  double per_second = 1.0 / 6;  // one more try every 6 s
};

struct RateDecision {
  bool allowed = true;
  // When not allowed: how long to wait. Grows with every refusal in a row (1 s, 2 s, 4 s … up to
  // 15 min) on top of the time the next token takes, so a script hammering a form slows down
  // much more than a person retrying.
  std::chrono::seconds retry_after{0};
  int consecutive_refusals = 0;
};

// Brute-force protection whose state lives in PostgreSQL (rate_limit_buckets), so every process
// behind the load balancer counts together. Buckets are named by the caller, e.g.
// "login:ip:203.0.113.9" and "login:account:42": each attempt takes from both.
class RateLimiter {
 public:
  explicit RateLimiter(db::Database& db) : db_(db) {}

  boost::asio::awaitable<RateDecision> take(std::string bucket, RateLimit limit);
  // Forgets a bucket: a successful password reset unlocks the account at once.
  boost::asio::awaitable<void> reset(std::string bucket);
  // The same in the caller's transaction (a login records itself and unlocks in one commit).
  static void reset(db::Connection& conn, std::string_view bucket);

 private:
  db::Database& db_;
};

// Middleware: refuses with 429 and Retry-After when the bucket `key(ctx)` is empty.
http::Middleware rate_limited(RateLimiter& limiter, RateLimit limit,
                              std::function<std::string(const http::Context&)> key);

// The progressive part of Retry-After for `refusals` refusals in a row: 2^(n-1) s, at most 15 min.
std::chrono::seconds progressive_delay(int refusals);

}  // namespace comptoir::accounts
