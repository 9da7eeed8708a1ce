#include <gtest/gtest.h>

#include <chrono>

#include "accounts/api_token.hpp"
#include "accounts/api_token_service.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::accounts {
namespace {

class ApiTokens : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    tokens_ = std::make_unique<ApiTokenService>(database());
  }
  void TearDown() override {
    tokens_.reset();
    MigratedDatabaseTest::TearDown();
  }
  std::optional<ApiToken> authenticate(const std::string& text) {
    return db::test::run_on_io(tokens_->authenticate(text));
  }

  std::unique_ptr<ApiTokenService> tokens_;
};

TEST_F(ApiTokens, AnIssuedTokenAuthenticates) {
  auto issued = tokens_->issue("ci", {"catalog:write"});
  ASSERT_TRUE(issued) << issued.error();
  auto found = authenticate(issued->text);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, issued->token.id);
  EXPECT_EQ(found->name, "ci");
  EXPECT_EQ(found->scopes, std::vector<std::string>{"catalog:write"});
}

TEST_F(ApiTokens, OnlyTheHashOfTheSecretIsStored) {
  auto issued = tokens_->issue("ci", {"catalog:write"});
  ASSERT_TRUE(issued);
  auto secret = parse_token(issued->text)->secret;
  constexpr db::Query kStored{"test_token_stored",
                              "SELECT prefix || ' ' || secret_hash FROM api_tokens"};
  auto stored = connect().exec(kStored).one<std::string>();
  EXPECT_EQ(stored.find(secret), std::string::npos);
  EXPECT_EQ(stored, issued->token.prefix + " " + hash_secret(secret));
}

TEST_F(ApiTokens, AWrongSecretOrPrefixIsRefused) {
  auto issued = tokens_->issue("ci", {"catalog:write"});
  ASSERT_TRUE(issued);
  auto wrong_secret = issued->text;
  wrong_secret.back() = wrong_secret.back() == '0' ? '1' : '0';
  EXPECT_FALSE(authenticate(wrong_secret));
  auto wrong_prefix = issued->text;
  wrong_prefix[5] = wrong_prefix[5] == '0' ? '1' : '0';
  EXPECT_FALSE(authenticate(wrong_prefix));
  EXPECT_FALSE(authenticate("cmp_nonsense"));
  EXPECT_FALSE(authenticate(""));
}

TEST_F(ApiTokens, ARevokedTokenStopsWorking) {
  auto issued = tokens_->issue("ci", {"catalog:write"});
  ASSERT_TRUE(issued);
  ASSERT_TRUE(authenticate(issued->text));
  EXPECT_EQ(tokens_->revoke(issued->token.id), RevokeOutcome::revoked);
  EXPECT_FALSE(authenticate(issued->text));
  EXPECT_EQ(tokens_->revoke(issued->token.id), RevokeOutcome::already_revoked);
  EXPECT_EQ(tokens_->revoke(9999), RevokeOutcome::not_found);
}

TEST_F(ApiTokens, ListingShowsUseAndRevocation) {
  auto used = tokens_->issue("used", {"catalog:write", "catalog:read"});
  auto revoked = tokens_->issue("revoked", {"catalog:read"});
  ASSERT_TRUE(used && revoked);
  ASSERT_TRUE(authenticate(used->text));
  tokens_->revoke(revoked->token.id);
  auto all = tokens_->list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "used");
  EXPECT_EQ(all[0].scopes, (std::vector<std::string>{"catalog:read", "catalog:write"}));
  EXPECT_TRUE(all[0].last_used_at.has_value());
  EXPECT_FALSE(all[0].revoked_at.has_value());
  EXPECT_FALSE(all[1].last_used_at.has_value());
  EXPECT_TRUE(all[1].revoked_at.has_value());
}

TEST_F(ApiTokens, ATokenPastItsExpiryIsRefusedLikeARevokedOne) {
  auto expiring = tokens_->issue("ci", {"catalog:read"}, std::chrono::hours{1});
  auto forever = tokens_->issue("forever", {"catalog:read"});
  ASSERT_TRUE(expiring && forever);
  ASSERT_TRUE(expiring->token.expires_at.has_value());
  EXPECT_FALSE(forever->token.expires_at.has_value());
  ASSERT_TRUE(authenticate(expiring->text));
  // An hour later, as far as the database can tell.
  sql("UPDATE api_tokens SET created_at = created_at - interval '2 hours', "
      "expires_at = expires_at - interval '2 hours' WHERE name = 'ci'");
  EXPECT_FALSE(authenticate(expiring->text));
  EXPECT_TRUE(authenticate(forever->text));
  auto all = tokens_->list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].expired);
  EXPECT_FALSE(all[1].expired);
  EXPECT_FALSE(tokens_->issue("never", {"catalog:read"}, std::chrono::seconds{0}));
}

// Reads may go to a replica that lags: a revocation must be seen at once all the same.
TEST_F(ApiTokens, RevocationIsCheckedOnThePrimaryNotTheReplica) {
  auto issued = tokens_->issue("ci", {"catalog:write"});
  ASSERT_TRUE(issued);
  // The replica: another database holding the token as it was before the revocation.
  db::test::TestDatabase replica(
      admin_url(),
      db::test::migrated_template(admin_url(), catalog::test::data_dir() / "migrations"));
  db::Migrator(replica.url(), catalog::test::data_dir() / "migrations").migrate();
  constexpr db::Query kRow{"test_token_row",
                           "SELECT id, name, prefix, secret_hash, array_to_string(scopes, ' ') "
                           "FROM api_tokens WHERE id = $1"};
  constexpr db::Query kCopy{"test_token_copy",
                            "INSERT INTO api_tokens (id, name, prefix, secret_hash, scopes) "
                            "OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, "
                            "string_to_array($5, ' '))"};
  auto row = connect().exec(kRow, issued->token.id);
  db::Connection::open(replica.url())
      .exec(kCopy, row.get<std::int64_t>(0, 0), row.get<std::string>(0, 1),
            row.get<std::string>(0, 2), row.get<std::string>(0, 3), row.get<std::string>(0, 4));

  db::Database both({.primary_url = url(), .read_url = replica.url(), .pool_size = 2});
  tokens_ = std::make_unique<ApiTokenService>(both);
  ASSERT_TRUE(authenticate(issued->text));
  EXPECT_EQ(tokens_->revoke(issued->token.id), RevokeOutcome::revoked);
  EXPECT_FALSE(authenticate(issued->text)) << "a lagging replica kept a revoked token working";
  tokens_.reset();
}

TEST_F(ApiTokens, BadNamesAndScopesAreRefused) {
  EXPECT_FALSE(tokens_->issue("", {"catalog:write"}));
  EXPECT_FALSE(tokens_->issue(std::string(101, 'x'), {"catalog:write"}));
  EXPECT_FALSE(tokens_->issue("ci", {}));
  auto unknown = tokens_->issue("ci", {"catalog:admin"});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().find("catalog:admin"), std::string::npos);
  EXPECT_TRUE(tokens_->list().empty());
}

}  // namespace
}  // namespace comptoir::accounts
