#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "accounts/password.hpp"
#include "core/build_info.hpp"

namespace comptoir::accounts {
namespace {

const PasswordLimits& kFast = PasswordLimits::kMinimum;

std::filesystem::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir ? std::filesystem::path(dir) : std::filesystem::path(core::build::kDefaultDataDir);
}

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

const CommonPasswords kNoCommonPasswords;

TEST(PasswordHash, VerifiesTheRightPassword) {
  auto stored = hash_password("correct horse battery staple", kFast);
  EXPECT_TRUE(stored.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(stored, "correct horse battery staple"));
}

TEST(PasswordHash, RefusesAWrongPassword) {
  auto stored = hash_password("correct horse battery staple", kFast);
  EXPECT_FALSE(verify_password(stored, "correct horse battery stapler"));
  EXPECT_FALSE(verify_password(stored, "Correct horse battery staple"));
  EXPECT_FALSE(verify_password(stored, ""));
}

TEST(PasswordHash, SamePasswordHashesDifferentlyEachTime) {
  auto first = hash_password("même mot de passe", kFast);
  auto second = hash_password("même mot de passe", kFast);
  EXPECT_NE(first, second);
  EXPECT_TRUE(verify_password(first, "même mot de passe"));
  EXPECT_TRUE(verify_password(second, "même mot de passe"));
}

TEST(PasswordHash, GarbageIsNeverAValidHash) {
  EXPECT_FALSE(verify_password("", "anything at all"));
  EXPECT_FALSE(verify_password("not a hash", "not a hash"));
  EXPECT_FALSE(verify_password(std::string(1000, 'a'), "anything at all"));
  auto stored = hash_password("correct horse battery staple", kFast);
  EXPECT_FALSE(
      verify_password(stored.substr(0, stored.size() - 4), "correct horse battery staple"));
}

TEST(PasswordHash, HashMadeWithTheCurrentLimitsNeedsNoRehash) {
  auto stored = hash_password("correct horse battery staple", kFast);
  EXPECT_FALSE(needs_rehash(stored, kFast));
}

TEST(PasswordHash, ProductionHashIsRehashedWhenTheLimitsChange) {
  auto stored = hash_password("correct horse battery staple");  // kDefault
  EXPECT_TRUE(verify_password(stored, "correct horse battery staple"));
  EXPECT_FALSE(needs_rehash(stored, PasswordLimits::kDefault));
  EXPECT_TRUE(needs_rehash(stored, kFast));
}

TEST(PasswordHash, WeakerHashIsRehashedWithProductionLimits) {
  auto stored = hash_password("correct horse battery staple", kFast);
  EXPECT_TRUE(needs_rehash(stored, PasswordLimits::kDefault));
}

TEST(PasswordHash, Argon2iHashStillVerifiesButIsRehashed) {
  ASSERT_GE(sodium_init(), 0);
  std::array<char, crypto_pwhash_STRBYTES> out{};
  std::string_view password = "correct horse battery staple";
  ASSERT_EQ(crypto_pwhash_argon2i_str(out.data(), password.data(), password.size(),
                                      crypto_pwhash_argon2i_OPSLIMIT_MIN,
                                      crypto_pwhash_argon2i_MEMLIMIT_MIN),
            0);
  EXPECT_TRUE(verify_password(out.data(), password));
  EXPECT_TRUE(needs_rehash(out.data(), kFast));
}

TEST(PasswordHash, UnreadableHashNeedsRehash) {
  EXPECT_TRUE(needs_rehash("", kFast));
  EXPECT_TRUE(needs_rehash("$argon2id$garbage", kFast));
}

TEST(PasswordPolicy, AcceptsALongUncommonPassword) {
  EXPECT_TRUE(
      check_password_policy("tartine au sirop d'érable", "marie@example.ca", kNoCommonPasswords));
}

TEST(PasswordPolicy, RejectsNineCharacters) {
  EXPECT_EQ(check_password_policy("abcdefghi", "marie@example.ca", kNoCommonPasswords).error(),
            PasswordProblem::too_short);
  EXPECT_TRUE(check_password_policy("abcdefghij", "marie@example.ca", kNoCommonPasswords));
}

TEST(PasswordPolicy, CountsCodePointsNotBytes) {
  // Nine code points but 18 bytes: still too short.
  EXPECT_EQ(check_password_policy("éééééééé€", "marie@example.ca", kNoCommonPasswords).error(),
            PasswordProblem::too_short);
  EXPECT_TRUE(check_password_policy("éééééééééé", "marie@example.ca", kNoCommonPasswords));
}

TEST(PasswordPolicy, RejectsMoreThan128CodePoints) {
  EXPECT_TRUE(check_password_policy(repeat("a", 128), "marie@example.ca", kNoCommonPasswords));
  EXPECT_EQ(check_password_policy(repeat("a", 129), "marie@example.ca", kNoCommonPasswords).error(),
            PasswordProblem::too_long);
  // 128 code points of two bytes each are still within the limit.
  EXPECT_TRUE(check_password_policy(repeat("é", 128), "marie@example.ca", kNoCommonPasswords));
}

TEST(PasswordPolicy, RejectsTheEmailInAnyCase) {
  EXPECT_EQ(check_password_policy("Marie.Tremblay@Example.ca", "marie.tremblay@example.ca",
                                  kNoCommonPasswords)
                .error(),
            PasswordProblem::same_as_email);
}

TEST(PasswordPolicy, RejectsTheEmailLocalPart) {
  EXPECT_EQ(check_password_policy("MARIE.TREMBLAY", "marie.tremblay@example.ca", kNoCommonPasswords)
                .error(),
            PasswordProblem::same_as_email);
  EXPECT_TRUE(
      check_password_policy("marie.tremblay2", "marie.tremblay@example.ca", kNoCommonPasswords));
}

TEST(PasswordPolicy, RejectsACommonPassword) {
  CommonPasswords common({"motdepasse123", "Qwertyuiop"});
  EXPECT_EQ(check_password_policy("MotDePasse123", "marie@example.ca", common).error(),
            PasswordProblem::too_common);
  EXPECT_EQ(check_password_policy("qwertyuiop", "marie@example.ca", common).error(),
            PasswordProblem::too_common);
  EXPECT_TRUE(check_password_policy("motdepasse1234", "marie@example.ca", common));
}

TEST(PasswordPolicy, EveryProblemHasAMessageKey) {
  EXPECT_EQ(message_key(PasswordProblem::too_short), "accounts.password.too_short");
  EXPECT_EQ(message_key(PasswordProblem::too_long), "accounts.password.too_long");
  EXPECT_EQ(message_key(PasswordProblem::same_as_email), "accounts.password.same_as_email");
  EXPECT_EQ(message_key(PasswordProblem::too_common), "accounts.password.too_common");
}

TEST(CommonPasswords, LoadSkipsCommentsAndBlankLines) {
  auto file = std::filesystem::temp_directory_path() /
              ("comptoir-common-passwords-" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(file);
    out << "# a comment\n\nQwertyuiop\r\n  password123  \n#1234567890\n";
  }
  auto common = CommonPasswords::load(file);
  std::filesystem::remove(file);
  EXPECT_EQ(common.size(), 2u);
  EXPECT_TRUE(common.contains("qwertyuiop"));
  EXPECT_TRUE(common.contains("PASSWORD123"));
  EXPECT_FALSE(common.contains("1234567890"));
  EXPECT_FALSE(common.contains("# a comment"));
}

TEST(CommonPasswords, MissingFileIsAnError) {
  EXPECT_THROW(CommonPasswords::load("/nonexistent/common-passwords.txt"), std::runtime_error);
}

TEST(CommonPasswords, BundledListRefusesKeyboardWalksAndDigitRuns) {
  auto common = CommonPasswords::load(data_dir() / "data" / "common-passwords.txt");
  EXPECT_GE(common.size(), 1000u);
  for (std::string_view password : {"azertyuiop", "1234567890", "AZERTYUIOP", "motdepasse"})
    EXPECT_EQ(check_password_policy(password, "marie@example.ca", common).error(),
              PasswordProblem::too_common)
        << password;
  EXPECT_TRUE(check_password_policy("tartine au sirop d'érable", "marie@example.ca", common));
}

}  // namespace
}  // namespace comptoir::accounts
