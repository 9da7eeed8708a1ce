#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <string>

#include "accounts/user_repository.hpp"
#include "auth_service_test.hpp"

namespace comptoir::accounts {
namespace {

using test::kEmail;
using test::kPassword;

// AuthService::login against a real database, with the production hasher limits (kDefault).
class Login : public test::AuthServiceTest {
 protected:
  std::string stored_hash() {
    auto conn = connect();
    return UserRepository(conn).password_hash(user_.id).value_or("");
  }
  void store_hash(const std::string& hash) {
    auto conn = connect();
    UserRepository(conn).set_password_hash(user_.id, hash);
  }
  std::int64_t audit_count() {
    return connect()
        .exec(db::Query{"count_audit", "SELECT count(*) FROM audit_log"})
        .one<std::int64_t>();
  }
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
  EXPECT_EQ(user->id, user_.id);
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
