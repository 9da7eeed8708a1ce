#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <memory>
#include <string>

#include "accounts/auth_service.hpp"
#include "accounts/password_hasher.hpp"
#include "accounts/rate_limiter.hpp"
#include "accounts/user_repository.hpp"
#include "accounts/user_service.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::string_view kPassword = "Bouilloire-en-fonte-42";
constexpr std::string_view kEmail = "marie@example.ca";

// AuthService::login against a real database, with the production hasher limits (kDefault).
class Login : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    UserService users(database(), common_, PasswordLimits::kMinimum);
    auto user = users.create(
        {.email = std::string(kEmail), .password = std::string(kPassword), .role = "customer"},
        {.actor = Actor::system()});
    ASSERT_TRUE(user) << user.error().message;
    user_id_ = user->id;
  }
  void TearDown() override {
    auth_.reset();
    hasher_.reset();
    limiter_.reset();
    MigratedDatabaseTest::TearDown();
  }

  AuthService& auth(HasherOptions options = {}) {
    hasher_ = std::make_unique<PasswordHasher>(options);
    limiter_ = std::make_unique<RateLimiter>(database());
    auth_ = std::make_unique<AuthService>(AuthService::Deps{.db = database(),
                                                            .hasher = *hasher_,
                                                            .common = common_,
                                                            .limiter = *limiter_,
                                                            .base_url = "http://localhost"});
    return *auth_;
  }

  Outcome<User> login(std::string_view email, std::string_view password) {
    return db::test::run_on_io(auth_->login(std::string(email), std::string(password),
                                            {.client = {.ip = "192.0.2.7"}, .request_id = "t"}));
  }

  std::string stored_hash() {
    auto conn = connect();
    return UserRepository(conn).password_hash(user_id_).value_or("");
  }
  void store_hash(const std::string& hash) {
    auto conn = connect();
    UserRepository(conn).set_password_hash(user_id_, hash);
  }
  std::int64_t audit_count() {
    return connect()
        .exec(db::Query{"count_audit", "SELECT count(*) FROM audit_log"})
        .one<std::int64_t>();
  }

  CommonPasswords common_;
  std::int64_t user_id_ = 0;
  std::unique_ptr<PasswordHasher> hasher_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(Login, AHashMadeWithLibsodiumsModerateLimitsIsReplacedAtTheNextLogin) {
  // What the server stored before issue 11: argon2id, 3 passes over 256 MiB.
  ASSERT_GE(sodium_init(), 0);
  std::array<char, crypto_pwhash_STRBYTES> old{};
  ASSERT_EQ(crypto_pwhash_str(old.data(), kPassword.data(), kPassword.size(),
                              crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE),
            0);
  store_hash(old.data());
  ASSERT_TRUE(stored_hash().starts_with("$argon2id$v=19$m=262144,t=3,p=1$"));

  auth();
  auto user = login(kEmail, kPassword);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->id, user_id_);
  auto now = stored_hash();
  EXPECT_TRUE(now.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << now;
  EXPECT_TRUE(verify_password(now, kPassword));

  // The next login finds nothing to change.
  ASSERT_TRUE(login(kEmail, kPassword));
  EXPECT_EQ(stored_hash(), now);
}

TEST_F(Login, AWrongPasswordLeavesAnOldHashAlone) {
  auto old = hash_password(kPassword, PasswordLimits::kMinimum);
  store_hash(old);
  auth();
  auto refused = login(kEmail, "Pas-le-bon-mot-2026");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Refusal::Code::bad_credentials);
  EXPECT_EQ(stored_hash(), old);
}

TEST_F(Login, AFullHasherRefusesEveryEmailAlikeBeforeLookingAnythingUp) {
  auth({.limits = PasswordLimits::kMinimum, .threads = 1, .capacity = 0});
  auto before = audit_count();
  for (auto email : {kEmail, std::string_view{"personne@example.ca"}}) {
    for (auto password : {kPassword, std::string_view{"Pas-le-bon-mot-2026"}}) {
      auto refused = login(email, password);
      ASSERT_FALSE(refused) << email;
      EXPECT_EQ(refused.error().code, Refusal::Code::busy) << email;
      EXPECT_EQ(refused.error().retry_after, PasswordHasher::kRetryAfter);
    }
  }
  // Nothing was checked, so nothing was recorded as a failed (or successful) login.
  EXPECT_EQ(audit_count(), before);
}

TEST_F(Login, TheTicketIsReturnedWhateverTheOutcome) {
  auth({.limits = PasswordLimits::kMinimum, .threads = 1, .capacity = 1});
  ASSERT_TRUE(login(kEmail, kPassword));
  ASSERT_FALSE(login(kEmail, "Pas-le-bon-mot-2026"));
  ASSERT_FALSE(login("personne@example.ca", kPassword));
  EXPECT_EQ(hasher_->admitted(), 0u);
  EXPECT_TRUE(login(kEmail, kPassword));
}

}  // namespace
}  // namespace comptoir::accounts
