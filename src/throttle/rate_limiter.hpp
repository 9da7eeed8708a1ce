#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
class Database;
}  // namespace comptoir::db

namespace comptoir::throttle {

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
  // The tokens the bucket holds after this attempt: below 1 when allowed, the next attempt will
  // be refused (the 2FA lockout acts on the last allowed failure).
  double tokens_left = 0;
};

// One bucket an attempt takes from: its name ("cart_ip:203.0.113.9") and its limit.
struct Take {
  std::string bucket;
  RateLimit limit;
};

// Token buckets whose state lives in PostgreSQL (rate_limit_buckets), so every process behind
// the load balancer counts together. Buckets are named by the caller, e.g. "login:ip:203.0.113.9"
// and "login:account:42": an attempt takes from each of its buckets.
class RateLimiter {
 public:
  explicit RateLimiter(db::Database& db) : db_(db) {}

  boost::asio::awaitable<RateDecision> take(std::string bucket, RateLimit limit);
  // Takes from each bucket in turn, in one transaction, and stops at the first that refuses: the
  // attempt is refused, and the buckets after it (the shared per-IP one, say) are not charged
  // for it. Callers list buckets from the most specific (a session, an email) to the most shared.
  boost::asio::awaitable<RateDecision> take_all(std::vector<Take> takes);
  // Forgets a bucket: a successful password reset unlocks the account at once.
  boost::asio::awaitable<void> reset(std::string bucket);
  // The same in the caller's transaction (a login records itself and unlocks in one commit).
  static void reset(db::Connection& conn, std::string_view bucket);
  // Forgets `bucket` and every bucket named `bucket:…` (an account's login buckets, per address
  // included: a reset or an unlock link lets the owner in from anywhere).
  static void reset_family(db::Connection& conn, std::string_view bucket);

 private:
  db::Database& db_;
};

// Deletes the buckets untouched for a day (every built-in limit is full again long before; a
// bucket made full again is the same as none). Returns how many.
std::size_t purge_idle_buckets(db::Connection& conn);

// The progressive part of Retry-After for `refusals` refusals in a row: 2^(n-1) s, at most 15 min.
std::chrono::seconds progressive_delay(int refusals);

}  // namespace comptoir::throttle
