#include <gtest/gtest.h>

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

}  // namespace
}  // namespace comptoir::accounts
