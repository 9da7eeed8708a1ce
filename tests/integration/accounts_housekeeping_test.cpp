#include <gtest/gtest.h>

#include "accounts/housekeeping.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::accounts {
namespace {

class Housekeeping : public db::test::MigratedDatabaseTest {
 protected:
  std::int64_t count(const char* name, const char* sql_text) {
    return connect().exec(db::Query{name, sql_text}).one<std::int64_t>();
  }
};

TEST_F(Housekeeping, OnlyWhatCanNoLongerBeUsedIsPurged) {
  sql(R"(
    INSERT INTO users (email, role_id) VALUES
      ('client@example.ca', (SELECT id FROM roles WHERE name = 'customer')),
      ('staff@example.ca', (SELECT id FROM roles WHERE name = 'admin'));
    INSERT INTO sessions (id_hash, user_id, csrf_secret, staff, last_seen_at, expires_at) VALUES
      (repeat('a', 64), NULL, repeat('0', 64), false, now(), now() + interval '1 day'),
      (repeat('b', 64), NULL, repeat('0', 64), false, now() - interval '2 days', now() - interval '1 s'),
      (repeat('c', 64), 2, repeat('0', 64), true, now() - interval '31 minutes', now() + interval '1 hour'),
      (repeat('d', 64), 1, repeat('0', 64), false, now() - interval '31 minutes', now() + interval '1 day'),
      (repeat('e', 64), 1, repeat('0', 64), false, now() - interval '8 days', now() + interval '1 day');
    INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at, created_at, used_at) VALUES
      (1, 'verify_email', repeat('1', 64), now() + interval '30 minutes', now(), NULL),
      (1, 'verify_email', repeat('2', 64), now() - interval '2 days', now() - interval '2 days 1 hour', NULL),
      (1, 'reset_password', repeat('3', 64), now() + interval '1 hour', now(), now());
  )");
  auto conn = connect();
  auto counts = purge_expired(conn, SessionPolicy{});
  EXPECT_EQ(counts.sessions, 3u) << "expired, staff idle 31 min, customer idle 8 days";
  EXPECT_EQ(counts.email_tokens, 1u) << "a used token stays a day, for the audit of its use";
  EXPECT_EQ(
      count("h_sessions",
            "SELECT count(*) FROM sessions WHERE id_hash IN (repeat('a', 64), repeat('d', 64))"),
      2);
  EXPECT_EQ(purge_expired(conn, SessionPolicy{}).sessions, 0u) << "a second run finds nothing";
}

}  // namespace
}  // namespace comptoir::accounts
