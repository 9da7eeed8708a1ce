#include <gtest/gtest.h>

#include <chrono>

#include "accounts/api_token.hpp"
#include "accounts/rate_limiter.hpp"
#include "accounts/session.hpp"
#include "accounts/totp.hpp"
#include "accounts/two_factor.hpp"
#include "accounts/user_service.hpp"
#include "core/secret_keys.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::accounts {
namespace {

using db::test::run_on_io;

// Server-side sessions and TOTP against PostgreSQL, with two Database objects standing for two
// server processes.
class Sessions : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    first_ = open();
    second_ = open();
    users_ = std::make_unique<UserService>(*first_, common_, PasswordLimits::kMinimum);
    keys_ = *core::parse_secret_keys("k1:" + std::string(44 - 1, 'A') + "=");
  }
  void TearDown() override {
    users_.reset();
    first_.reset();
    second_.reset();
    MigratedDatabaseTest::TearDown();
  }
  User create(std::string email, std::string role) {
    auto user = users_->create(
        {.email = std::move(email), .password = "Bouilloire-en-fonte-42", .role = std::move(role)},
        {.actor = Actor::system()});
    EXPECT_TRUE(user.has_value());
    return *user;
  }
  std::int64_t count(const char* name, const char* sql) {
    return connect().exec(db::Query{name, sql}).one<std::int64_t>();
  }

  CommonPasswords common_;
  std::unique_ptr<db::Database> first_;
  std::unique_ptr<db::Database> second_;
  std::unique_ptr<UserService> users_;
  core::SecretKeys keys_;
  SessionPolicy policy_{};
};

TEST_F(Sessions, AGuestSessionIsStoredByTheHashOfItsIdAndLoadsInAnotherProcess) {
  SessionService one(*first_, keys_, policy_);
  SessionService two(*second_, keys_, policy_);
  Session session;
  run_on_io(one.ensure_stored(session, {.ip = "203.0.113.7", .user_agent = "test"}));
  ASSERT_TRUE(session.stored());
  EXPECT_TRUE(session.send_cookie);
  EXPECT_EQ(session.id.size(), 64u);
  EXPECT_EQ(session.id_hash, hash_secret(session.id));
  auto stored = connect().exec(db::Query{"s_stored", "SELECT id_hash FROM sessions"});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.get<std::string>(0, 0), session.id_hash) << "only the hash is stored";

  auto loaded = run_on_io(two.load(session.id));
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->csrf_token, session.csrf_token);
  EXPECT_FALSE(loaded->user);
  EXPECT_FALSE(run_on_io(two.load(std::string(64, 'a'))));
  EXPECT_FALSE(run_on_io(two.load("not-hex")));
}

TEST_F(Sessions, AFormIsGivenAnIdAndATokenWithoutARowAndTheFirstWriteStoresThem) {
  SessionService one(*first_, keys_, policy_);
  SessionService two(*second_, keys_, policy_);
  Session shown;
  one.prepare(shown);
  EXPECT_FALSE(shown.stored());
  EXPECT_TRUE(shown.send_cookie);
  EXPECT_EQ(shown.csrf_token.size(), 64u);
  EXPECT_EQ(count("s_none", "SELECT count(*) FROM sessions"), 0) << "a GET form writes nothing";

  // The form comes back to another process: same id, same token, still no row.
  auto back = run_on_io(two.resume(shown.id));
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->stored());
  EXPECT_EQ(back->csrf_token, shown.csrf_token);
  EXPECT_FALSE(run_on_io(two.load(shown.id))) << "load() is for stored sessions only";

  run_on_io(two.ensure_stored(*back, {.ip = "203.0.113.7", .user_agent = "test"}));
  EXPECT_TRUE(back->stored());
  EXPECT_EQ(back->id, shown.id) << "the cookie the browser holds stays valid";
  run_on_io(one.ensure_stored(shown, {}));  // a second request of the same visitor, racing
  EXPECT_EQ(count("s_one", "SELECT count(*) FROM sessions"), 1);
  auto loaded = run_on_io(one.load(shown.id));
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->csrf_token, shown.csrf_token) << "the form shown before still validates";

  // Another shop's key (or a forged id) derives another token.
  auto other_keys = *core::parse_secret_keys("k2:" + std::string(42, 'B') + "E=");
  SessionService elsewhere(*first_, other_keys, policy_);
  auto there = run_on_io(elsewhere.resume(std::string(64, 'c')));
  auto here = run_on_io(one.resume(std::string(64, 'c')));
  ASSERT_TRUE(there && here);
  EXPECT_NE(there->csrf_token, here->csrf_token);
}

TEST_F(Sessions, TheIdOfAnExpiredSessionDoesNotStartAgainAsAGuest) {
  auto user = create("c@example.ca", "customer");
  SessionService sessions(*first_, keys_, policy_);
  Session session;
  run_on_io(sessions.sign_in(session, user, false, {}));
  connect().exec(db::Query{"s_expire2", "UPDATE sessions SET expires_at = now() - interval '1 s'"});
  EXPECT_FALSE(run_on_io(sessions.resume(session.id)));
  EXPECT_FALSE(run_on_io(sessions.resume("not-hex")));
}

TEST_F(Sessions, SigningInRotatesTheIdAndTheCsrfTokenAndKeepsTheRow) {
  auto user = create("marie@example.ca", "customer");
  SessionService sessions(*first_, keys_, policy_);
  Session session;
  run_on_io(sessions.ensure_stored(session, {}));
  auto guest_id = session.id;
  auto guest_token = session.csrf_token;
  run_on_io(sessions.sign_in(session, user, false, {}));
  EXPECT_NE(session.id, guest_id);
  EXPECT_NE(session.csrf_token, guest_token);
  EXPECT_FALSE(run_on_io(sessions.load(guest_id))) << "a planted guest id must not sign anyone in";
  auto loaded = run_on_io(sessions.load(session.id));
  ASSERT_TRUE(loaded && loaded->user);
  EXPECT_EQ(loaded->user->email, "marie@example.ca");
  EXPECT_TRUE(loaded->signed_in());
  EXPECT_EQ(count("s_count", "SELECT count(*) FROM sessions"), 1);
}

TEST_F(Sessions, StaffSessionsEndAfterTheirShortIdleTimeCustomersDoNot) {
  auto staff = create("gerant@example.ca", "admin");
  auto customer = create("client@example.ca", "customer");
  SessionService sessions(*first_, keys_, policy_);
  Session staff_session;
  Session customer_session;
  run_on_io(sessions.sign_in(staff_session, staff, false, {}));
  run_on_io(sessions.sign_in(customer_session, customer, false, {}));
  connect().exec(
      db::Query{"s_age", "UPDATE sessions SET last_seen_at = now() - interval '45 minutes'"});
  EXPECT_FALSE(run_on_io(sessions.load(staff_session.id)));
  EXPECT_TRUE(run_on_io(sessions.load(customer_session.id)));
}

TEST_F(Sessions, ASessionPastItsAbsoluteLifetimeOrOfADisabledUserIsGone) {
  auto user = create("a@example.ca", "customer");
  SessionService sessions(*first_, keys_, policy_);
  Session session;
  run_on_io(sessions.sign_in(session, user, false, {}));
  connect().exec(db::Query{"s_disable", "UPDATE users SET disabled_at = now()"});
  EXPECT_FALSE(run_on_io(sessions.load(session.id)));
  connect().exec(db::Query{"s_enable", "UPDATE users SET disabled_at = NULL"});
  EXPECT_TRUE(run_on_io(sessions.load(session.id)));
  connect().exec(db::Query{"s_expire", "UPDATE sessions SET expires_at = now() - interval '1 s'"});
  EXPECT_FALSE(run_on_io(sessions.load(session.id)));
}

TEST_F(Sessions, EndOthersKeepsOnlyTheCurrentSession) {
  auto user = create("b@example.ca", "customer");
  SessionService sessions(*first_, keys_, policy_);
  Session a;
  Session b;
  Session c;
  for (auto* each : {&a, &b, &c}) run_on_io(sessions.sign_in(*each, user, false, {}));
  EXPECT_EQ(run_on_io(sessions.list(b)).size(), 3u);
  EXPECT_EQ(run_on_io(sessions.end_others(b)), 2u);
  EXPECT_FALSE(run_on_io(sessions.load(a.id)));
  EXPECT_TRUE(run_on_io(sessions.load(b.id)));
  auto listed = run_on_io(sessions.list(b));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].current);
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST_F(Sessions, TotpEnrolmentThenCodesWorkOnceAndRecoveryCodesOnce) {
  auto user = create("c@example.ca", "admin");
  RateLimiter limiter(*first_);
  TwoFactorService two_factor({.db = *first_,
                               .keys = keys_,
                               .limiter = limiter,
                               .code_limit = {.burst = 100, .per_second = 1}});
  auto enrolment = run_on_io(two_factor.enrolment(user, "QR"));
  EXPECT_EQ(run_on_io(two_factor.enrolment(user, "QR")).secret_text, enrolment.secret_text)
      << "reloading the page keeps the secret";
  EXPECT_NE(enrolment.qr_svg.find("<svg"), std::string::npos);
  auto sealed =
      connect()
          .exec(db::Query{"s_sealed", "SELECT totp_secret_sealed FROM users WHERE id = $1"},
                user.id)
          .one<std::string>();
  std::string compact;
  for (char ch : enrolment.secret_text)
    if (ch != ' ') compact += ch;
  EXPECT_EQ(sealed.find(compact), std::string::npos) << "the secret is sealed at rest";

  auto secret = totp_secret_from_base32(compact);
  ASSERT_TRUE(secret);
  auto now = unix_now();
  auto codes = run_on_io(two_factor.confirm(
      user, "000000" == totp_code(secret->bytes, now) ? "111111" : "000000", {}));
  EXPECT_FALSE(codes) << "a wrong code does not enable 2FA";
  codes = run_on_io(two_factor.confirm(user, totp_code(secret->bytes, now), {}));
  ASSERT_TRUE(codes);
  EXPECT_EQ(codes->size(), 10u);
  // The code used to enrol cannot log in again (its step is used), the next step's can, once.
  EXPECT_FALSE(run_on_io(two_factor.check(user, totp_code(secret->bytes, now), {})));
  auto next = totp_code(secret->bytes, now + kTotpStepSeconds);
  EXPECT_TRUE(run_on_io(two_factor.check(user, next, {})));
  EXPECT_FALSE(run_on_io(two_factor.check(user, next, {})));
  // A recovery code works once.
  EXPECT_TRUE(run_on_io(two_factor.check(user, codes->front(), {})));
  EXPECT_FALSE(run_on_io(two_factor.check(user, codes->front(), {})));
  EXPECT_EQ(count("s_failed", "SELECT count(*) FROM audit_log WHERE action = 'two_factor.failed'"),
            3);
  EXPECT_EQ(
      count("s_enrolled", "SELECT count(*) FROM audit_log WHERE action = 'two_factor.enrolled'"),
      1);
}

}  // namespace
}  // namespace comptoir::accounts
