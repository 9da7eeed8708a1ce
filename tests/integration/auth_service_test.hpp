#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "accounts/auth_service.hpp"
#include "accounts/password_hasher.hpp"
#include "accounts/rate_limiter.hpp"
#include "accounts/user_service.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::accounts::test {

inline constexpr std::string_view kPassword = "Bouilloire-en-fonte-42";
inline constexpr std::string_view kEmail = "marie@example.ca";

// AuthService against a real database, with one customer (kEmail, kPassword) made by
// UserService. `auth()` builds the service, with the production hasher limits unless told.
class AuthServiceTest : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    UserService users(database(), common_, PasswordLimits::kMinimum);
    auto user = users.create(
        {.email = std::string(kEmail), .password = std::string(kPassword), .role = "customer"},
        {.actor = Actor::system()});
    ASSERT_TRUE(user) << user.error().message;
    user_ = *user;
  }
  void TearDown() override {
    auth_.reset();
    hasher_.reset();
    limiter_.reset();
    MigratedDatabaseTest::TearDown();
  }

  AuthService& auth(HasherOptions options = {}, AuthLimits limits = {}) {
    hasher_ = std::make_unique<PasswordHasher>(options);
    limiter_ = std::make_unique<RateLimiter>(database());
    auth_ = std::make_unique<AuthService>(AuthService::Deps{.db = database(),
                                                            .hasher = *hasher_,
                                                            .common = common_,
                                                            .limiter = *limiter_,
                                                            .base_url = "http://localhost",
                                                            .limits = limits});
    return *auth_;
  }

  Outcome<User> login(std::string_view email, std::string_view password,
                      std::string ip = "192.0.2.7") {
    return db::test::run_on_io(auth_->login(std::string(email), std::string(password),
                                            {.client = {.ip = std::move(ip)}, .request_id = "t"}));
  }

  CommonPasswords common_;
  User user_;
  std::unique_ptr<PasswordHasher> hasher_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<AuthService> auth_;
};

}  // namespace comptoir::accounts::test
