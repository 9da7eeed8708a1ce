#include <gtest/gtest.h>

#include <string>

#include "auth_service_test.hpp"

// Account safety (issue 11) on AuthService against a real database: the login throttles per
// account and address and per account, the unlock link, the password form's own throttle, and
// registration that answers alike for a new and a known email.
namespace comptoir::accounts {
namespace {

using test::kEmail;
using test::kPassword;
constexpr std::string_view kWrong = "Pas-le-bon-mot-2026";

class Lockout : public test::AuthServiceTest {
 protected:
  static RequestInfo from(std::string ip) { return {.client = {.ip = std::move(ip)}}; }

  std::int64_t count(const std::string& sql) {
    return connect().exec(db::Query{"test_count", sql}).one<std::int64_t>();
  }
  std::int64_t mails(std::string_view template_name, std::string_view to = kEmail) {
    return count("SELECT count(*) FROM email_outbox WHERE template = '" +
                 std::string(template_name) + "' AND to_address = '" + std::string(to) + "'");
  }
  // The token of the last mailed link of this template.
  std::string mailed_token(std::string_view template_name) {
    auto link = connect()
                    .exec(db::Query{"test_link",
                                    "SELECT payload->>'link' FROM email_outbox WHERE template = "
                                    "$1 ORDER BY id DESC LIMIT 1"},
                          template_name)
                    .one<std::string>();
    return link.substr(link.find("token=") + 6);
  }
};

TEST_F(Lockout, AStrangerLocksOutOnlyTheirOwnAddress) {
  auth();
  for (int i = 0; i < 5; ++i) {
    auto refused = login(kEmail, kWrong, "198.51.100.9");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Refusal::Code::bad_credentials) << i;
  }
  auto locked = login(kEmail, kPassword, "198.51.100.9");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, Refusal::Code::rate_limited);
  EXPECT_GT(locked.error().retry_after.count(), 0);

  auto owner = login(kEmail, kPassword, "203.0.113.5");
  ASSERT_TRUE(owner) << "the owner was locked out by a stranger";
  EXPECT_EQ(owner->id, user_.id);
  EXPECT_EQ(mails("accounts.unlock_login"), 0);
}

TEST_F(Lockout, TheAccountWideLimitMailsOneUnlockLinkThatLetsTheOwnerIn) {
  auth({}, {.login_account = {.burst = 3, .per_second = 1.0 / 3600}});
  for (auto ip : {"198.51.100.1", "198.51.100.2", "198.51.100.3"})
    ASSERT_EQ(login(kEmail, kWrong, ip).error().code, Refusal::Code::bad_credentials);
  for (auto ip : {"198.51.100.4", "198.51.100.5", "203.0.113.5"}) {
    auto refused = login(kEmail, kPassword, ip);
    ASSERT_FALSE(refused) << ip;
    EXPECT_EQ(refused.error().code, Refusal::Code::account_locked) << ip;
  }
  EXPECT_EQ(mails("accounts.unlock_login"), 1) << "one link per lock";
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'login.locked'"), 1);

  auto token = mailed_token("accounts.unlock_login");
  auto mistyped =
      db::test::run_on_io(auth_->unlock(token, std::string(kWrong), from("203.0.113.5")));
  ASSERT_FALSE(mistyped);
  EXPECT_EQ(mistyped.error().code, Refusal::Code::bad_credentials);

  auto unlocked =
      db::test::run_on_io(auth_->unlock(token, std::string(kPassword), from("203.0.113.5")));
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->id, user_.id);
  EXPECT_EQ(count("SELECT count(*) FROM rate_limit_buckets WHERE bucket LIKE 'login:account:%'"),
            0);
  EXPECT_TRUE(login(kEmail, kPassword, "198.51.100.4"))
      << "the buckets of the account were not emptied";
  auto again =
      db::test::run_on_io(auth_->unlock(token, std::string(kPassword), from("203.0.113.5")));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Refusal::Code::bad_token);
}

TEST_F(Lockout, AnEmailWithoutAnAccountIsRefusedAlikeAndMailsNobody) {
  auth({}, {.login_account = {.burst = 1, .per_second = 1.0 / 3600}});
  ASSERT_EQ(login("personne@example.ca", kWrong, "198.51.100.1").error().code,
            Refusal::Code::bad_credentials);
  auto refused = login("personne@example.ca", kWrong, "198.51.100.2");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Refusal::Code::account_locked);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), 0);
}

TEST_F(Lockout, ThePasswordFormAndTheLoginCountApart) {
  auth();
  Session session{.user = user_};
  for (int i = 0; i < 5; ++i) {
    auto refused = db::test::run_on_io(auth_->change_password(
        session, std::string(kWrong), "Nouveau-depart-2027", from("203.0.113.5")));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Refusal::Code::wrong_password);
  }
  auto limited = db::test::run_on_io(auth_->change_password(
      session, std::string(kPassword), "Nouveau-depart-2027", from("203.0.113.5")));
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, Refusal::Code::rate_limited);
  EXPECT_TRUE(login(kEmail, kPassword, "203.0.113.5"))
      << "wrong current passwords locked the logins";
}

TEST_F(Lockout, FailedLoginsDoNotLockThePasswordForm) {
  auth();
  for (int i = 0; i < 6; ++i) EXPECT_FALSE(login(kEmail, kWrong, "198.51.100.9"));
  Session session{.user = user_};
  auto changed = db::test::run_on_io(auth_->change_password(
      session, std::string(kPassword), "Nouveau-depart-2027", from("203.0.113.5")));
  EXPECT_TRUE(changed) << "failed logins locked the password form";
}

TEST_F(Lockout, RegistrationAnswersAlikeAndMailsTheOwnerOfAKnownEmail) {
  auth();
  auto known = db::test::run_on_io(auth_->register_customer(
      std::string(kEmail), "Un-autre-mot-2026", "Intrus", core::Locale::en, from("198.51.100.1")));
  auto fresh = db::test::run_on_io(
      auth_->register_customer("nouveau@example.ca", "Un-autre-mot-2026", "Nouveau",
                               core::Locale::en, from("198.51.100.2")));
  ASSERT_TRUE(known);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(mails("accounts.registration_attempt"), 1);
  EXPECT_EQ(mails("accounts.verify_email"), 0);
  EXPECT_EQ(mails("accounts.verify_email", "nouveau@example.ca"), 1);
  EXPECT_FALSE(login(kEmail, "Un-autre-mot-2026", "198.51.100.1")) << "the known account changed";
  EXPECT_FALSE(login("nouveau@example.ca", "Un-autre-mot-2026", "198.51.100.2"))
      << "signed in before the link was followed";

  auto verified = db::test::run_on_io(
      auth_->verify_email(mailed_token("accounts.verify_email"), from("198.51.100.2")));
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->registration);
  EXPECT_TRUE(verified->user.email_verified);
  EXPECT_TRUE(login("nouveau@example.ca", "Un-autre-mot-2026", "198.51.100.2"));
}

}  // namespace
}  // namespace comptoir::accounts
