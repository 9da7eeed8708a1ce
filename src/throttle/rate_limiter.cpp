#include "throttle/rate_limiter.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "db/connection.hpp"
#include "db/database.hpp"
#include "db/error.hpp"

namespace comptoir::throttle {
namespace {

// Takes from each bucket in turn and stops at the first that refuses, in one statement
// (migration 0036) that commits by itself: the row lock of a hot bucket (every order of one
// office's address, every webhook of Stripe's) is held for that statement only, not for one round
// trip per bucket after it and one more for COMMIT. The buckets are unlogged: neither the upsert
// nor its commit waits for the log. A crash may forget the last counts; the throttled write
// itself (an order, a webhook's event) commits in its own transaction, durably. A connection
// that broke under the statement runs it once more: an attempt may be counted twice, never lost.
constexpr db::Query kTake{"rate_limit_take",
                          "SELECT decided, tokens_left, refusals "
                          "FROM rate_limit_take($1::text[], $2::float8[], $3::float8[])"};

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
constexpr int kDeadlockAttempts = 3;

// PostgreSQL's text form of an array, each element quoted ({"a","b\\"c"}).
std::string text_array(const std::vector<Take>& takes) {
  std::string out = "{";
  for (const auto& take : takes) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : take.bucket) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

template <class Field>
std::string number_array(const std::vector<Take>& takes, Field field) {
  std::string out = "{";
  for (const auto& take : takes) {
    if (out.size() > 1) out += ',';
    std::array<char, 32> digits{};  // the shortest form that reads back exactly
    auto end = std::to_chars(digits.data(), digits.data() + digits.size(), take.limit.*field).ptr;
    out.append(digits.data(), end);
  }
  out += '}';
  return out;
}

RateDecision decision_of(const RateLimit& limit, double tokens, int strikes) {
  RateDecision decision;
  decision.consecutive_refusals = strikes;
  decision.allowed = strikes == 0;
  decision.tokens_left = tokens;
  if (!decision.allowed) {
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
  if (takes.empty()) co_return RateDecision{};
  auto buckets = text_array(takes);
  auto bursts = number_array(takes, &RateLimit::burst);
  auto rates = number_array(takes, &RateLimit::per_second);
  struct Taken {
    std::int32_t decided;
    double tokens;
    std::int32_t strikes;
  };
  auto take = [&](db::Connection& conn) {
    auto row = conn.exec(kTake, buckets, bursts, rates);
    return Taken{row.get<std::int32_t>(0, 0), row.get<double>(0, 1), row.get<std::int32_t>(0, 2)};
  };
  // Two requests that list shared buckets in opposite orders may deadlock; PostgreSQL aborts one
  // statement whole (it committed nothing), which simply runs again.
  std::optional<Taken> taken;
  for (int attempt = 1; !taken; ++attempt) {
    try {
      taken = co_await db_.on_primary(take);
    } catch (const db::DbError& e) {
      if (attempt >= kDeadlockAttempts || !e.is_serialization_failure()) throw;
    }
  }
  if (taken->decided < 1 || static_cast<std::size_t>(taken->decided) > takes.size())
    throw std::logic_error("rate_limit_take decided on no bucket");
  const auto& limit = takes[static_cast<std::size_t>(taken->decided) - 1].limit;
  co_return decision_of(limit, taken->tokens, taken->strikes);
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
