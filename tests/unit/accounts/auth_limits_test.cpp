#include <gtest/gtest.h>

#include <chrono>

#include "accounts/auth_service.hpp"

namespace comptoir::accounts {
namespace {

TEST(AuthLimits, TheMailFormsAndTheTwoFactorLockoutAreNamedInTheSetting) {
  auto defaults = auth_limits({});
  EXPECT_EQ(defaults.code_session.burst, 5) << "five wrong codes end a half-signed-in session";
  EXPECT_EQ(defaults.verify_account.burst, 3);

  std::vector<core::RateLimitSetting> overrides{
      {.name = "register_account", .burst = 1, .every = std::chrono::minutes{10}},
      {.name = "verify_ip", .burst = 4, .every = std::chrono::minutes{2}},
      {.name = "verify_account", .burst = 2, .every = std::chrono::minutes{5}},
      {.name = "code_session", .burst = 3, .every = std::chrono::minutes{15}},
      {.name = "cart_ip", .burst = 1, .every = std::chrono::seconds{1}}};
  auto limits = auth_limits(overrides);
  EXPECT_EQ(limits.register_account.burst, 1);
  EXPECT_DOUBLE_EQ(limits.register_account.per_second, 1.0 / 600);
  EXPECT_EQ(limits.verify_ip.burst, 4);
  EXPECT_EQ(limits.verify_account.burst, 2);
  EXPECT_EQ(limits.code_session.burst, 3);
  EXPECT_DOUBLE_EQ(limits.code_session.per_second, 1.0 / 900);
  EXPECT_EQ(limits.login_ip.burst, defaults.login_ip.burst) << "untouched";
}

// A stranger must not lock the owner out: the pair of an account and an address is strict, the
// account as a whole much softer, and the password form counts on its own.
TEST(AuthLimits, ThePairIsStricterThanTheAccount) {
  AuthLimits limits;
  EXPECT_LT(limits.login_account_ip.burst, limits.login_account.burst);
  EXPECT_GE(limits.login_account.burst, 5 * limits.login_account_ip.burst);
  EXPECT_GT(limits.password_account.burst, 0);
  // OWASP ASVS 2.2.1: no more than 100 failed logins per hour on one account, however many
  // addresses guess.
  EXPECT_LE(limits.login_account.burst + 3600 * limits.login_account.per_second, 100);
}

TEST(AuthLimits, EveryNameCanBeOverridden) {
  using std::chrono::milliseconds;
  auto limits = auth_limits({{"login_account_ip", 2, milliseconds{10'000}},
                             {"login_account", 20, milliseconds{1'000}},
                             {"password_account", 3, milliseconds{60'000}}});
  EXPECT_EQ(limits.login_account_ip.burst, 2);
  EXPECT_DOUBLE_EQ(limits.login_account_ip.per_second, 0.1);
  EXPECT_EQ(limits.login_account.burst, 20);
  EXPECT_DOUBLE_EQ(limits.login_account.per_second, 1.0);
  EXPECT_EQ(limits.password_account.burst, 3);
  EXPECT_EQ(limits.login_ip.burst, AuthLimits{}.login_ip.burst) << "an unnamed limit changed";
}

}  // namespace
}  // namespace comptoir::accounts
