#include <gtest/gtest.h>

#include <set>

#include "accounts/api_token.hpp"

namespace comptoir::accounts {
namespace {

TEST(ApiToken, HasTheDocumentedShape) {
  auto token = generate_token();
  auto text = token.text();
  EXPECT_TRUE(text.starts_with("cmp_"));
  EXPECT_EQ(text.size(), 4 + kPrefixLength + 1 + kSecretLength);
  EXPECT_EQ(text.substr(4, kPrefixLength), token.prefix);
  EXPECT_EQ(text[4 + kPrefixLength], '_');
  EXPECT_EQ(text.substr(5 + kPrefixLength), token.secret);
}

TEST(ApiToken, EveryTokenIsDifferent) {
  std::set<std::string> prefixes;
  std::set<std::string> secrets;
  for (int i = 0; i < 200; ++i) {
    auto token = generate_token();
    prefixes.insert(token.prefix);
    secrets.insert(token.secret);
  }
  EXPECT_EQ(prefixes.size(), 200u);
  EXPECT_EQ(secrets.size(), 200u);
}

TEST(ApiToken, ParsesWhatItGenerates) {
  auto token = generate_token();
  auto parsed = parse_token(token.text());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->prefix, token.prefix);
  EXPECT_EQ(parsed->secret, token.secret);
}

TEST(ApiToken, RefusesAnythingElse) {
  auto text = generate_token().text();
  EXPECT_FALSE(parse_token(""));
  EXPECT_FALSE(parse_token("cmp_"));
  EXPECT_FALSE(parse_token(text.substr(0, text.size() - 1)));
  EXPECT_FALSE(parse_token(text + "0"));
  auto wrong_tag = text;
  wrong_tag[0] = 'x';
  EXPECT_FALSE(parse_token(wrong_tag));
  auto upper = text;
  upper[10] = 'A';
  EXPECT_FALSE(parse_token(upper));
  auto no_separator = text;
  no_separator[4 + kPrefixLength] = '-';
  EXPECT_FALSE(parse_token(no_separator));
}

TEST(ApiToken, HashIsTheSha256OfTheSecret) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(hash_secret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto secret = generate_token().secret;
  EXPECT_EQ(hash_secret(secret), hash_secret(secret));
  EXPECT_NE(hash_secret(secret), hash_secret(generate_token().secret));
}

TEST(ApiToken, HashesCompareExactly) {
  auto hash = hash_secret("s");
  EXPECT_TRUE(hashes_equal(hash, hash_secret("s")));
  EXPECT_FALSE(hashes_equal(hash, hash_secret("t")));
  EXPECT_FALSE(hashes_equal(hash, hash.substr(1)));
  EXPECT_FALSE(hashes_equal("", ""));
}

TEST(ApiToken, KnownScopes) {
  EXPECT_TRUE(is_known_scope("catalog:write"));
  EXPECT_TRUE(is_known_scope("catalog:read"));
  EXPECT_FALSE(is_known_scope("catalog"));
  EXPECT_FALSE(is_known_scope("admin"));
}

}  // namespace
}  // namespace comptoir::accounts
