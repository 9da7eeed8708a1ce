#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accounts/account_admin.hpp"
#include "auth_service_test.hpp"

namespace comptoir::accounts {
namespace {

using test::kEmail;
using test::kPassword;
using ::testing::ElementsAre;

// What the back office reads and changes of accounts (AccountAdmin), and the verification mail a
// staff member sends for a customer, against a real database. Marie (user_) is the customer.
class AccountAdminTest : public test::AuthServiceTest {
 protected:
  User make(std::string email, std::string role, std::string name = {}) {
    UserService users(database(), common_, PasswordLimits::kMinimum);
    auto made = users.create({.email = std::move(email),
                              .password = std::string(kPassword),
                              .role = std::move(role),
                              .display_name = std::move(name)},
                             {.actor = Actor::system()});
    EXPECT_TRUE(made) << made.error().message;
    return *made;
  }

  std::int64_t count(const std::string& sql) {
    return connect().exec(db::Query{"test_count", sql}).one<std::int64_t>();
  }
  void sql(const std::string& text) { connect().exec_script(text); }

  // A live session of `user` and an expired one.
  void sessions_of(std::int64_t user) {
    sql(fmt::format(
        "INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at) VALUES "
        "(encode(sha256(random()::text::bytea), 'hex'), {0}, repeat('b', 64), now() + interval "
        "'1 day'), (encode(sha256(random()::text::bytea), 'hex'), {0}, repeat('b', 64), now() - "
        "interval '1 minute')",
        user));
  }

  AccountPage list(const AccountFilter& filter) {
    return database().transact_sync(
        [&](db::Connection& conn) { return AccountAdmin(conn).list(filter); });
  }
  std::optional<AccountFacts> facts(std::int64_t id) {
    return database().transact_sync(
        [&](db::Connection& conn) { return AccountAdmin(conn).facts(id); });
  }
  std::expected<StandingChange, StandingError> set_disabled(std::int64_t id, bool disabled,
                                                            bool was_disabled, Actor actor) {
    return database().transact_sync([&](db::Connection& conn) {
      return AccountAdmin(conn).set_disabled(
          id, disabled, was_disabled,
          {.actor = actor, .ip = "198.51.100.4", .request_id = "req-standing"});
    });
  }

  std::vector<std::string> emails(const AccountPage& page) {
    std::vector<std::string> out;
    for (const auto& user : page.accounts) out.push_back(user.email);
    return out;
  }
};

TEST_F(AccountAdminTest, TheListSearchesEmailsAndNamesFiltersByRoleAndStateAndPages) {
  make("paul.gagnon@example.ca", "customer", "Paul Gagnon");
  make("soutien@example.ca", "support", "Sophie Tremblay");
  make("zoe@example.ca", "customer");
  sql("UPDATE users SET disabled_at = now() WHERE email = 'zoe@example.ca'");
  sql("UPDATE users SET email_verified_at = now() WHERE email <> 'paul.gagnon@example.ca'");

  EXPECT_THAT(emails(list({})), ElementsAre("zoe@example.ca", "soutien@example.ca",
                                            "paul.gagnon@example.ca", kEmail));
  EXPECT_THAT(emails(list({.search = "GAGNON"})), ElementsAre("paul.gagnon@example.ca"));
  EXPECT_THAT(emails(list({.search = "tremblay"})), ElementsAre("soutien@example.ca"));
  EXPECT_THAT(emails(list({.search = "%"})), ElementsAre());
  EXPECT_THAT(emails(list({.role = "support"})), ElementsAre("soutien@example.ca"));
  EXPECT_THAT(emails(list({.state = AccountState::disabled})), ElementsAre("zoe@example.ca"));
  EXPECT_THAT(emails(list({.state = AccountState::unverified})),
              ElementsAre("paul.gagnon@example.ca"));
  EXPECT_EQ(list({.state = AccountState::active}).accounts.size(), 3u);

  auto first = list({.limit = 3});
  ASSERT_EQ(first.accounts.size(), 3u);
  ASSERT_TRUE(first.next_before_id);
  auto second = list({.before_id = first.next_before_id, .limit = 3});
  EXPECT_THAT(emails(second), ElementsAre(kEmail));
  EXPECT_FALSE(second.next_before_id);
}

TEST_F(AccountAdminTest, AnAccountsFactsSayItsLastSignInAndOpenSessions) {
  auto before = facts(user_.id);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->user.email, kEmail);
  EXPECT_FALSE(before->last_sign_in);
  EXPECT_EQ(before->open_sessions, 0);
  auth();
  ASSERT_TRUE(login(kEmail, kPassword));
  sessions_of(user_.id);
  auto after = facts(user_.id);
  ASSERT_TRUE(after->last_sign_in);
  EXPECT_EQ(after->last_sign_in->size(), 20u);
  EXPECT_EQ(after->open_sessions, 1) << "the expired session does not count";
  EXPECT_FALSE(facts(999'999));
}

TEST_F(AccountAdminTest, DisablingEndsEverySessionRefusesSignInAndIsAuditedWithBeforeAndAfter) {
  auto admin = make("admin@example.ca", "admin");
  sessions_of(user_.id);
  auto done = set_disabled(user_.id, true, false, Actor::user(admin.id));
  ASSERT_TRUE(done);
  EXPECT_EQ(done->sessions_ended, 2u);
  EXPECT_TRUE(done->user.disabled_at);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM sessions WHERE user_id = {}", user_.id)), 0);
  EXPECT_EQ(
      count(fmt::format(
          "SELECT count(*) FROM audit_log WHERE action = 'user.disabled' AND actor_id = {} "
          "AND target_kind = 'user' AND target_id = '{}' AND details->'before'->'disabled_at' "
          "= 'null' AND details->'after'->>'disabled_at' LIKE '20%Z' AND "
          "(details->>'sessions_ended')::int = 2 AND ip = '198.51.100.4' AND request_id = "
          "'req-standing'",
          admin.id, user_.id)),
      1);
  auth();
  EXPECT_FALSE(login(kEmail, kPassword));

  auto enabled = set_disabled(user_.id, false, true, Actor::user(admin.id));
  ASSERT_TRUE(enabled);
  EXPECT_FALSE(enabled->user.disabled_at);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'user.enabled' AND "
                  "details->'after'->'disabled_at' = 'null'"),
            1);
  EXPECT_TRUE(login(kEmail, kPassword));
}

TEST_F(AccountAdminTest, StaffNeverChangeThemselvesAndOnlyAnOwnerChangesAnOwner) {
  auto admin = make("admin@example.ca", "admin");
  auto owner = make("proprio@example.ca", "owner");
  auto other_owner = make("associee@example.ca", "owner");
  auto audited = count("SELECT count(*) FROM audit_log");
  EXPECT_EQ(set_disabled(admin.id, true, false, Actor::user(admin.id)).error(),
            StandingError::yourself);
  EXPECT_EQ(set_disabled(owner.id, true, false, Actor::user(owner.id)).error(),
            StandingError::yourself);
  EXPECT_EQ(set_disabled(owner.id, true, false, Actor::user(admin.id)).error(),
            StandingError::owner_only);
  EXPECT_EQ(set_disabled(999'999, true, false, Actor::user(admin.id)).error(),
            StandingError::not_found);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audited) << "a refusal writes nothing";
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL"), 0);

  EXPECT_TRUE(set_disabled(other_owner.id, true, false, Actor::user(owner.id)));
  EXPECT_TRUE(set_disabled(other_owner.id, false, true, Actor::system()));
  EXPECT_TRUE(set_disabled(admin.id, true, false, Actor::user(owner.id)));
}

TEST_F(AccountAdminTest, AStandingThatMovedSinceThePageWasReadChangesNothing) {
  auto admin = make("admin@example.ca", "admin");
  ASSERT_TRUE(set_disabled(user_.id, true, false, Actor::user(admin.id)));
  auto audited = count("SELECT count(*) FROM audit_log");
  EXPECT_EQ(set_disabled(user_.id, true, false, Actor::user(admin.id)).error(),
            StandingError::stale);
  EXPECT_EQ(set_disabled(user_.id, false, false, Actor::user(admin.id)).error(),
            StandingError::stale);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audited);
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL"), 1);
}

TEST_F(AccountAdminTest, AVerificationAskedByStaffGoesToTheCustomerAndIsOnRecordAsTheirs) {
  auto admin = make("admin@example.ca", "admin");
  ASSERT_FALSE(user_.email_verified);
  auto sent = db::test::run_on_io(auth().send_verification(
      user_, {.client = {.ip = "198.51.100.4"}, .request_id = "req-v"}, Actor::user(admin.id)));
  ASSERT_TRUE(sent);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM email_outbox WHERE to_address = '{}' AND "
                              "template = 'accounts.verify_email'",
                              kEmail)),
            1);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE action = "
                              "'email.verification_sent' AND actor_kind = 'user' AND actor_id = {} "
                              "AND target_id = '{}' AND request_id = 'req-v'",
                              admin.id, user_.id)),
            1);
  // Asked by the customer, the row is still theirs.
  ASSERT_TRUE(db::test::run_on_io(
      auth().send_verification(user_, {.client = {.ip = "198.51.100.5"}, .request_id = "req-c"})));
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE action = "
                              "'email.verification_sent' AND actor_id = {} AND request_id = "
                              "'req-c'",
                              user_.id)),
            1);
}

}  // namespace
}  // namespace comptoir::accounts
