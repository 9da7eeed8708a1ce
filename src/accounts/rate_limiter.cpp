#include "accounts/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

#include "db/connection.hpp"
#include "db/database.hpp"

namespace comptoir::accounts {
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

constexpr db::Query kReset{"rate_limit_reset", "DELETE FROM rate_limit_buckets WHERE bucket = $1"};

constexpr std::chrono::seconds kMaxDelay{15 * 60};

}  // namespace

std::chrono::seconds progressive_delay(int refusals) {
  if (refusals <= 0) return std::chrono::seconds{0};
  if (refusals > 11) return kMaxDelay;  // 2^10 s already passes 15 min
  return std::min(kMaxDelay, std::chrono::seconds{std::int64_t{1} << (refusals - 1)});
}

boost::asio::awaitable<RateDecision> RateLimiter::take(std::string bucket, RateLimit limit) {
  auto [tokens, strikes] = co_await db_.transact([&](db::Connection& conn) {
    auto row =
        conn.exec(kTake, bucket, std::to_string(limit.burst), std::to_string(limit.per_second));
    return std::pair{row.get<double>(0, 0), row.get<std::int32_t>(0, 1)};
  });
  RateDecision decision;
  decision.consecutive_refusals = strikes;
  decision.allowed = strikes == 0;
  if (!decision.allowed) {
    auto refill = limit.per_second > 0 ? std::ceil((1.0 - tokens) / limit.per_second) : 3600.0;
    decision.retry_after = std::chrono::seconds{static_cast<std::int64_t>(std::max(1.0, refill))} +
                           progressive_delay(strikes);
  }
  co_return decision;
}

boost::asio::awaitable<void> RateLimiter::reset(std::string bucket) {
  co_await db_.transact([&](db::Connection& conn) { reset(conn, bucket); });
}

void RateLimiter::reset(db::Connection& conn, std::string_view bucket) {
  conn.exec(kReset, bucket);
}

http::Middleware rate_limited(RateLimiter& limiter, RateLimit limit,
                              std::function<std::string(const http::Context&)> key) {
  return
      [&limiter, limit, key = std::move(key)](
          http::Context& ctx, const http::Handler& next) -> http::net::awaitable<http::Response> {
        auto bucket = key(ctx);
        auto decision = co_await limiter.take(std::move(bucket), limit);
        if (!decision.allowed) {
          http::HttpError error(http::Status::too_many_requests);
          error.headers.emplace_back(http::Field::retry_after,
                                     std::to_string(decision.retry_after.count()));
          throw error;
        }
        co_return co_await next(ctx);
      };
}

}  // namespace comptoir::accounts
