#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accounts/password.hpp"
#include "accounts/user_service.hpp"
#include "db/error.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::accounts {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kGoodPassword = "Bouilloire-en-fonte-42";

class Users : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    users_ = std::make_unique<UserService>(database(), common_, PasswordLimits::kMinimum);
  }
  void TearDown() override {
    users_.reset();
    MigratedDatabaseTest::TearDown();
  }

  std::expected<User, UserError> create(std::string email, std::string role,
                                        std::string_view password = kGoodPassword) {
    return users_->create(
        {.email = std::move(email), .password = std::string(password), .role = std::move(role)},
        {.actor = Actor::system()});
  }

  std::int64_t count(const char* name, const char* sql) {
    return connect().exec(db::Query{name, sql}).one<std::int64_t>();
  }

  CommonPasswords common_{std::vector<std::string>{"motdepasse123"}};
  std::unique_ptr<UserService> users_;
};

TEST_F(Users, BuiltInRolesAreSeededWithTheirPermissions) {
  auto roles = users_->roles();
  std::vector<std::string> names;
  for (const auto& role : roles) names.push_back(role.name);
  EXPECT_THAT(names, ElementsAre("customer", "support", "catalog_manager", "order_manager", "admin",
                                 "owner"));
  EXPECT_TRUE(roles[0].permissions.empty());
  EXPECT_THAT(roles[2].permissions, ElementsAre("catalog:read", "catalog:write"));
  EXPECT_EQ(roles[4].permissions.size(), 9u);
}

TEST_F(Users, AnAdminIsCreatedWithEveryPermissionAndIsStaff) {
  auto admin = create("Marie.Tremblay@Example.CA", "admin");
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_EQ(admin->email, "marie.tremblay@example.ca");
  EXPECT_EQ(admin->role, "admin");
  EXPECT_TRUE(admin->is_staff());
  EXPECT_TRUE(admin->can("orders:refund"));
  EXPECT_FALSE(admin->totp_enabled);
}

TEST_F(Users, ACustomerIsNotStaff) {
  auto customer = create("client@example.fr", "customer");
  ASSERT_TRUE(customer) << customer.error().message;
  EXPECT_FALSE(customer->is_staff());
  EXPECT_FALSE(customer->can("catalog:read"));
}

TEST_F(Users, OnlyAnArgon2idHashOfThePasswordIsStored) {
  ASSERT_TRUE(create("client@example.fr", "customer"));
  auto stored = connect()
                    .exec(db::Query{"test_password_hash", "SELECT password_hash FROM users"})
                    .one<std::string>();
  EXPECT_TRUE(stored.starts_with("$argon2id$")) << stored;
  EXPECT_EQ(stored.find(kGoodPassword), std::string::npos);
  EXPECT_TRUE(verify_password(stored, kGoodPassword));
  EXPECT_FALSE(verify_password(stored, "Bouilloire-en-fonte-43"));
}

TEST_F(Users, AnEmailIsTakenWhateverItsCase) {
  ASSERT_TRUE(create("client@example.fr", "customer"));
  auto again = create("CLIENT@example.fr", "customer");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, UserError::Code::email_taken);
  EXPECT_EQ(count("test_count_users", "SELECT count(*) FROM users"), 1);
}

TEST_F(Users, AWeakPasswordIsRefusedAndNothingIsStored) {
  for (auto password : {"court", "client@example.fr", "MotDePasse123"}) {
    auto refused = create("client@example.fr", "customer", password);
    ASSERT_FALSE(refused) << password;
    EXPECT_EQ(refused.error().code, UserError::Code::weak_password) << password;
    EXPECT_EQ(refused.error().message.find(password), std::string::npos);
  }
  EXPECT_EQ(count("test_count_users", "SELECT count(*) FROM users"), 0);
  EXPECT_EQ(count("test_count_audit", "SELECT count(*) FROM audit_log"), 0);
}

TEST_F(Users, AnUnknownRoleOrAMalformedEmailIsRefused) {
  auto no_role = create("client@example.fr", "emperor");
  ASSERT_FALSE(no_role);
  EXPECT_EQ(no_role.error().code, UserError::Code::unknown_role);
  auto bad_email = create("not an email", "customer");
  ASSERT_FALSE(bad_email);
  EXPECT_EQ(bad_email.error().code, UserError::Code::invalid_email);
}

TEST_F(Users, CreationIsAudited) {
  auto user = create("gerant@example.ca", "catalog_manager");
  ASSERT_TRUE(user);
  auto row = connect().exec(db::Query{
      "test_audit_row",
      "SELECT actor_kind || ' ' || action || ' ' || target_kind || ':' || target_id || ' ' || "
      "(details->>'role') FROM audit_log"});
  EXPECT_EQ(row.one<std::string>(),
            fmt::format("system user.created user:{} catalog_manager", user->id));
}

TEST_F(Users, ChangingARoleEndsTheUsersSessionsAndIsAudited) {
  auto user = create("employe@example.ca", "support");
  ASSERT_TRUE(user);
  sql(
      fmt::format("INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at) VALUES ('{}', "
                  "{}, '{}', now() + interval '1 hour')",
                  std::string(64, 'a'), user->id, std::string(64, 'b')));
  auto changed =
      users_->set_role("Employe@example.ca", "order_manager", {.actor = Actor::system()});
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->role, "order_manager");
  EXPECT_TRUE(changed->can("orders:refund"));
  EXPECT_EQ(count("test_count_sessions", "SELECT count(*) FROM sessions"), 0);
  auto audit = connect().exec(db::Query{
      "test_role_audit",
      "SELECT (details->>'before') || '→' || (details->>'after') FROM audit_log WHERE action = "
      "'user.role_changed'"});
  EXPECT_EQ(audit.one<std::string>(), "support→order_manager");
}

TEST_F(Users, OnlyAnOwnerMakesAnOwner) {
  auto admin = create("admin@example.ca", "admin");
  auto clerk = create("commis@example.ca", "support");
  ASSERT_TRUE(admin && clerk);
  auto refused = users_->set_role(clerk->email, "owner", {.actor = Actor::user(admin->id)});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, UserError::Code::forbidden);
  ASSERT_TRUE(users_->set_role(admin->email, "owner", {.actor = Actor::system()}));
  auto made = users_->set_role(clerk->email, "owner", {.actor = Actor::user(admin->id)});
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->role, "owner");
}

TEST_F(Users, ListingFiltersByRole) {
  ASSERT_TRUE(create("a@example.ca", "admin"));
  ASSERT_TRUE(create("b@example.ca", "customer"));
  ASSERT_TRUE(create("c@example.ca", "customer"));
  auto customers = users_->list("customer");
  ASSERT_TRUE(customers);
  ASSERT_EQ(customers->size(), 2u);
  EXPECT_EQ((*customers)[0].email, "b@example.ca");
  EXPECT_EQ(users_->list()->size(), 3u);
  EXPECT_FALSE(users_->list("emperor"));
}

TEST_F(Users, TheAuditLogIsAppendOnly) {
  ASSERT_TRUE(create("a@example.ca", "admin"));
  try {
    sql("UPDATE audit_log SET action = 'user.hidden'");
    FAIL() << "UPDATE on audit_log went through";
  } catch (const db::DbError& e) {
    EXPECT_THAT(e.what(), HasSubstr("append-only"));
  }
  EXPECT_THROW(sql("DELETE FROM audit_log"), db::DbError);
  EXPECT_EQ(count("test_count_audit", "SELECT count(*) FROM audit_log"), 1);
}

}  // namespace
}  // namespace comptoir::accounts
