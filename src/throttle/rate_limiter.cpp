#include "throttle/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

#include "db/connection.hpp"
#include "db/database.hpp"

namespace comptoir::throttle {
namespace {

// Refill for the time elapsed (capped at the burst), then take one token if there is one; a new
// bucket starts full. One statement: the row lock orders concurrent attempts on one bucket,
// whichever process makes them, and PostgreSQL's upsert either inserts or updates even when a
// reset (a successful login) deletes the row meanwhile, which left a separate INSERT then
// UPDATE without a row to take from.
#define COMPTOIR_REFILLED                                                  \
  "LEAST($2::float8, b.tokens + extract(epoch FROM statement_timestamp() " \
  "- b.updated_at)::float8 * $3::float8)"
constexpr db::Query kTake{
    "rate_limit_take",
    "INSERT INTO rate_limit_buckets AS b (bucket, tokens, strikes, updated_at) "
    "VALUES ($1, CASE WHEN $2::float8 >= 1 THEN $2::float8 - 1 ELSE $2::float8 END, "
    "CASE WHEN $2::float8 >= 1 THEN 0 ELSE 1 END, statement_timestamp()) "
    "ON CONFLICT (bucket) DO UPDATE SET "
    "tokens = " COMPTOIR_REFILLED " - CASE WHEN " COMPTOIR_REFILLED
    " >= 1 THEN 1 ELSE 0 END, "
    "strikes = CASE WHEN " COMPTOIR_REFILLED
    " >= 1 THEN 0 ELSE b.strikes + 1 END, "
    "updated_at = statement_timestamp() RETURNING b.tokens, b.strikes"};
#undef COMPTOIR_REFILLED

// A bucket's count is not worth a disk flush: the transaction that takes from buckets commits
// without waiting for its WAL to reach the disk (a crash may forget the last few milliseconds of
// counting, never anything else: it writes nothing else). The throttled write itself (an order,
// a webhook's event) commits in its own transaction, durably. Without the wait, a hot bucket
// (every order of one office's address, every webhook of Stripe's) stays locked for the upsert
// alone, not for a flush.
constexpr db::Query kNoFlushWait{"rate_limit_no_flush_wait",
                                 "SELECT set_config('synchronous_commit', 'off', true)"};

constexpr db::Query kReset{"rate_limit_reset", "DELETE FROM rate_limit_buckets WHERE bucket = $1"};
constexpr db::Query kPurgeIdle{
    "rate_limit_purge_idle",
    "DELETE FROM rate_limit_buckets WHERE updated_at < now() - interval '1 day'"};
// The bucket and those named after it ("login:account:<h>" and "login:account:<h>:ip:…"); a
// prefix compared as text, so no character of the name is a pattern.
constexpr db::Query kResetFamily{
    "rate_limit_reset_family",
    "DELETE FROM rate_limit_buckets WHERE bucket = $1 OR left(bucket, length($1) + 1) = $1 || ':'"};

constexpr std::chrono::seconds kMaxDelay{15 * 60};

RateDecision take_one(db::Connection& conn, const Take& take) {
  auto row = conn.exec(kTake, take.bucket, std::to_string(take.limit.burst),
                       std::to_string(take.limit.per_second));
  auto tokens = row.get<double>(0, 0);
  auto strikes = row.get<std::int32_t>(0, 1);
  RateDecision decision;
  decision.consecutive_refusals = strikes;
  decision.allowed = strikes == 0;
  decision.tokens_left = tokens;
  if (!decision.allowed) {
    const auto& limit = take.limit;
    auto refill = limit.per_second > 0 ? std::ceil((1.0 - tokens) / limit.per_second) : 3600.0;
    decision.retry_after = std::chrono::seconds{static_cast<std::int64_t>(std::max(1.0, refill))} +
                           progressive_delay(strikes);
  }
  return decision;
}

}  // namespace

boost::asio::awaitable<RateDecision> RateLimiter::take(std::string bucket, RateLimit limit) {
  std::vector<Take> one;
  one.push_back({.bucket = std::move(bucket), .limit = limit});
  co_return co_await take_all(std::move(one));
}

boost::asio::awaitable<RateDecision> RateLimiter::take_all(std::vector<Take> takes) {
  co_return co_await db_.transact([&](db::Connection& conn) {
    conn.exec_later(kNoFlushWait);  // goes with the first upsert
    RateDecision last;
    for (const auto& each : takes) {
      last = take_one(conn, each);
      if (!last.allowed) break;
    }
    return last;
  });
}

boost::asio::awaitable<void> RateLimiter::reset(std::string bucket) {
  co_await db_.transact([&](db::Connection& conn) { reset(conn, bucket); });
}

void RateLimiter::reset(db::Connection& conn, std::string_view bucket) {
  conn.exec(kReset, bucket);
}

void RateLimiter::reset_family(db::Connection& conn, std::string_view bucket) {
  conn.exec(kResetFamily, bucket);
}

std::size_t purge_idle_buckets(db::Connection& conn) {
  return conn.exec(kPurgeIdle).affected_rows();
}

std::chrono::seconds progressive_delay(int refusals) {
  if (refusals <= 0) return std::chrono::seconds{0};
  if (refusals > 11) return kMaxDelay;  // 2^10 s already passes 15 min
  return std::min(kMaxDelay, std::chrono::seconds{std::int64_t{1} << (refusals - 1)});
}

}  // namespace comptoir::throttle
