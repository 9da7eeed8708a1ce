#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <optional>
#include <thread>
#include <vector>

#include "db/error.hpp"
#include "migrated_database_test.hpp"
#include "throttle/rate_limiter.hpp"

namespace comptoir::throttle {
namespace {

using namespace std::chrono_literals;

class RateLimits : public db::test::MigratedDatabaseTest {
 protected:
  RateLimits() : MigratedDatabaseTest(4) {}
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    first_ = open();
    second_ = open();
  }
  void TearDown() override {
    first_.reset();
    second_.reset();
    MigratedDatabaseTest::TearDown();
  }
  static RateDecision take(db::Database& db, std::string bucket, RateLimit limit) {
    RateLimiter limiter(db);
    return db::test::run_on_io(limiter.take(std::move(bucket), limit));
  }

  std::unique_ptr<db::Database> first_;
  std::unique_ptr<db::Database> second_;
};

constexpr RateLimit kThreeThenSlow{.burst = 3, .per_second = 0.001};

TEST_F(RateLimits, ABurstIsAllowedThenRefusedWithAGrowingRetryAfter) {
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(take(*first_, "login:ip:a", kThreeThenSlow).allowed);
  auto refused = take(*first_, "login:ip:a", kThreeThenSlow);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.consecutive_refusals, 1);
  EXPECT_GE(refused.retry_after, 1s);
  auto again = take(*first_, "login:ip:a", kThreeThenSlow);
  EXPECT_EQ(again.consecutive_refusals, 2);
  EXPECT_GT(again.retry_after, refused.retry_after);
}

TEST_F(RateLimits, BucketsAreIndependent) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(take(*first_, "login:ip:a", kThreeThenSlow).allowed);
  EXPECT_FALSE(take(*first_, "login:ip:a", kThreeThenSlow).allowed);
  EXPECT_TRUE(take(*first_, "login:ip:b", kThreeThenSlow).allowed);
  EXPECT_TRUE(take(*first_, "login:account:42", kThreeThenSlow).allowed);
}

TEST_F(RateLimits, TokensComeBackWithTime) {
  constexpr RateLimit kOneEvery50ms{.burst = 1, .per_second = 20};
  EXPECT_TRUE(take(*first_, "reset:ip:a", kOneEvery50ms).allowed);
  EXPECT_FALSE(take(*first_, "reset:ip:a", kOneEvery50ms).allowed);
  std::this_thread::sleep_for(120ms);
  auto later = take(*first_, "reset:ip:a", kOneEvery50ms);
  EXPECT_TRUE(later.allowed);
  EXPECT_EQ(later.consecutive_refusals, 0);
}

TEST_F(RateLimits, TwoProcessesShareTheCount) {
  EXPECT_TRUE(take(*first_, "login:account:7", kThreeThenSlow).allowed);
  EXPECT_TRUE(take(*second_, "login:account:7", kThreeThenSlow).allowed);
  EXPECT_TRUE(take(*first_, "login:account:7", kThreeThenSlow).allowed);
  EXPECT_FALSE(take(*second_, "login:account:7", kThreeThenSlow).allowed);
}

TEST_F(RateLimits, ConcurrentAttemptsFromTwoProcessesNeverExceedTheBurst) {
  constexpr RateLimit kFive{.burst = 5, .per_second = 0.0001};
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      auto& db = i % 2 == 0 ? *first_ : *second_;
      if (take(db, "login:ip:flood", kFive).allowed) allowed.fetch_add(1);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 5);
}

// Two requests that list shared buckets in opposite orders can deadlock. Here another session
// holds "b" and then asks for "a", which the take holds while it waits for "b": PostgreSQL aborts
// the take's statement (the session that waited first finds the deadlock), and the take runs
// again once "b" is free instead of failing the request.
TEST_F(RateLimits, ATakeAbortedByADeadlockRunsAgain) {
  constexpr RateLimit kMany{.burst = 100, .per_second = 0.0001};
  ASSERT_TRUE(take(*first_, "order_ip:a", kMany).allowed);
  ASSERT_TRUE(take(*first_, "order_ip:b", kMany).allowed);
  auto other = connect();
  other.exec_script(
      "SET deadlock_timeout = '10s'; BEGIN; "
      "SELECT 1 FROM rate_limit_buckets WHERE bucket = 'order_ip:b' FOR UPDATE");
  std::optional<RateDecision> decided;
  std::thread taker([&] {
    RateLimiter limiter(*first_);
    std::vector<Take> takes{{.bucket = "order_ip:a", .limit = kMany},
                            {.bucket = "order_ip:b", .limit = kMany}};
    try {
      decided = db::test::run_on_io(limiter.take_all(std::move(takes)));
    } catch (const db::DbError& e) {
      ADD_FAILURE() << "the take failed: " << e.sqlstate() << " " << e.what();
    }
  });
  auto watcher = connect();
  const db::Query waiting{"t_waiting_on_lock",
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                          "AND datname = current_database()"};
  for (int i = 0; i < 500 && watcher.exec(waiting).one<std::int64_t>() == 0; ++i)
    std::this_thread::sleep_for(10ms);
  // Waits for "a" until the take's statement is aborted (after its deadlock_timeout, 1 s).
  other.exec_script("SELECT 1 FROM rate_limit_buckets WHERE bucket = 'order_ip:a' FOR UPDATE");
  other.exec_script("COMMIT");
  taker.join();
  ASSERT_TRUE(decided.has_value()) << "the take failed instead of running again";
  EXPECT_TRUE(decided->allowed);
  EXPECT_EQ(watcher
                .exec(db::Query{"t_tokens_a",
                                "SELECT round(tokens)::int FROM rate_limit_buckets "
                                "WHERE bucket = 'order_ip:a'"})
                .one<std::int32_t>(),
            98)
      << "one token per successful take, none for the aborted one";
}

TEST_F(RateLimits, AResetUnlocksAtOnce) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(take(*first_, "login:account:9", kThreeThenSlow).allowed);
  ASSERT_FALSE(take(*first_, "login:account:9", kThreeThenSlow).allowed);
  RateLimiter limiter(*first_);
  db::test::run_on_io(limiter.reset("login:account:9"));
  EXPECT_TRUE(take(*first_, "login:account:9", kThreeThenSlow).allowed);
}

// A successful login resets its account's bucket while other logins of the same account take from
// it: a reset landing between the row's creation and the take used to leave the take without a
// row, and the login answered 500 (seen with 4 clients logging in at once in bench/login).
TEST_F(RateLimits, TakingSurvivesConcurrentResetsOfTheSameBucket) {
  constexpr RateLimit kGenerous{.burst = 1e9, .per_second = 1e9};
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::atomic<int> takes{0};
  std::thread resetter([&] {
    RateLimiter limiter(*second_);
    while (!stop) db::test::run_on_io(limiter.reset("login:account:race"));
  });
  std::vector<std::thread> takers;
  for (int i = 0; i < 3; ++i) {
    takers.emplace_back([&] {
      for (int n = 0; n < 300; ++n) {
        try {
          take(*first_, "login:account:race", kGenerous);
          takes.fetch_add(1);
        } catch (const std::exception& e) {
          if (failures.fetch_add(1) == 0) ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& taker : takers) taker.join();
  stop = true;
  resetter.join();
  EXPECT_EQ(failures.load(), 0) << "of " << takes.load() + failures.load() << " takes";
}

TEST_F(RateLimits, TakingFromSeveralBucketsStopsAtTheFirstThatRefuses) {
  constexpr RateLimit kOne{.burst = 1, .per_second = 0.001};
  constexpr RateLimit kTen{.burst = 10, .per_second = 0.001};
  RateLimiter limiter(*first_);
  auto both = [&] {
    std::vector<Take> takes{{.bucket = "order_session:s", .limit = kOne},
                            {.bucket = "order_ip:a", .limit = kTen}};
    return db::test::run_on_io(limiter.take_all(std::move(takes)));
  };
  auto first = both();
  EXPECT_TRUE(first.allowed);
  auto second = both();
  EXPECT_FALSE(second.allowed);
  EXPECT_GE(second.retry_after, 1s);
  // The address's bucket gave one token only: the refused attempt did not reach it.
  auto ip = take(*first_, "order_ip:a", kTen);
  EXPECT_TRUE(ip.allowed);
  EXPECT_DOUBLE_EQ(std::round(ip.tokens_left), 8.0);
}

// The buckets travel as one array: any character of a name (an IPv6 address, an email's hash,
// or quotes and braces) names the same bucket, and the refusal's Retry-After comes from the limit
// of the bucket that refused, not of the last one listed.
TEST_F(RateLimits, TakingFromSeveralBucketsKeepsEachNameAndLimit) {
  constexpr RateLimit kFast{.burst = 5, .per_second = 1};
  constexpr RateLimit kSlowOne{.burst = 1, .per_second = 0.01};  // a token every 100 s
  const std::string odd = R"(order_ip:a"b\c,{d} e::1)";
  RateLimiter limiter(*first_);
  auto all = [&] {
    std::vector<Take> takes{{.bucket = "order_session:s", .limit = kFast},
                            {.bucket = odd, .limit = kSlowOne},
                            {.bucket = "order_ip:last", .limit = kFast}};
    return db::test::run_on_io(limiter.take_all(std::move(takes)));
  };
  ASSERT_TRUE(all().allowed);
  auto refused = all();
  ASSERT_FALSE(refused.allowed);
  EXPECT_GE(refused.retry_after, 100s) << "the refusing bucket's rate, not the first's or last's";
  auto conn = connect();
  auto one = [&conn](const char* name, const char* text) {
    return conn.exec(db::Query{name, text}).one<std::string>();
  };
  EXPECT_EQ(one("t_buckets",
                "SELECT string_agg(bucket || '=' || round(tokens), ' | ' ORDER BY bucket) "
                "FROM rate_limit_buckets"),
            "order_ip:a\"b\\c,{d} e::1=0 | order_ip:last=4 | order_session:s=3");
  EXPECT_EQ(one("t_persistence",
                "SELECT relpersistence::text FROM pg_class WHERE relname = 'rate_limit_buckets'"),
            "u")
      << "counts are not worth the write-ahead log";
}

TEST_F(RateLimits, TokensLeftSaysWhenTheNextAttemptWillBeRefused) {
  constexpr RateLimit kTwo{.burst = 2, .per_second = 0.0001};
  EXPECT_GE(take(*first_, "code_session:x", kTwo).tokens_left, 1.0);
  EXPECT_LT(take(*first_, "code_session:x", kTwo).tokens_left, 1.0) << "the last allowed one";
  EXPECT_FALSE(take(*first_, "code_session:x", kTwo).allowed);
}

TEST_F(RateLimits, BucketsIdleForADayArePurged) {
  sql(R"(INSERT INTO rate_limit_buckets (bucket, tokens, updated_at) VALUES
           ('login:ip:fresh', 3, now()), ('login:ip:old', 0, now() - interval '25 hours'))");
  auto conn = connect();
  EXPECT_EQ(purge_idle_buckets(conn), 1u);
  EXPECT_EQ(
      conn.exec(db::Query{"t_buckets", "SELECT bucket FROM rate_limit_buckets"}).one<std::string>(),
      "login:ip:fresh");
  EXPECT_EQ(purge_idle_buckets(conn), 0u) << "a second run finds nothing";
}

}  // namespace
}  // namespace comptoir::throttle
