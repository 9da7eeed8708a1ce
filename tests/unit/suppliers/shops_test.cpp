// The shops file (suppliers/shops.hpp): what it accepts, and how it says what is wrong without
// quoting a secret.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "suppliers/shops.hpp"

namespace comptoir::suppliers {
namespace {

constexpr std::string_view kKey = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

std::string shop(std::string_view fields) {
  return fmt::format(R"([{{"id": "atelier", "name": "Atelier", {}}}])", fields);
}

TEST(ShopsFile, ReadsInlineValuesAndDefaults) {
  auto shops = parse_shops(
      fmt::format(R"([{{"id": "atelier", "database_url": "postgres:///a", "secret_keys": "{}"}},
                     {{"id": "b-2", "name": "B", "color": "#AABBCC",
                       "database_url": "postgres:///b", "secret_keys": "{}"}}])",
                  kKey, kKey),
      ".");
  ASSERT_TRUE(shops) << shops.error();
  ASSERT_EQ(shops->size(), 2u);
  EXPECT_EQ((*shops)[0].name, "atelier");
  EXPECT_EQ((*shops)[0].color, "#5b6770");
  EXPECT_EQ((*shops)[1].color, "#AABBCC");
  EXPECT_EQ((*shops)[1].database_url, "postgres:///b");
  EXPECT_EQ((*shops)[1].secret_keys.active().id, "k1");
}

TEST(ShopsFile, ReadsFilesRelativeToTheShopsFile) {
  auto dir = std::filesystem::temp_directory_path() / "comptoir-shops-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "url") << "postgres:///from-file\n";
  std::ofstream(dir / "keys") << kKey << "\n";
  std::ofstream(dir / "shops.json")
      << R"([{"id": "a", "database_url_file": "url", "secret_keys_file": "keys"}])";
  auto shops = load_shops(dir / "shops.json");
  ASSERT_TRUE(shops) << shops.error();
  EXPECT_EQ(shops->front().database_url, "postgres:///from-file");
  std::filesystem::remove_all(dir);
}

TEST(ShopsFile, SaysWhatIsWrong) {
  auto error = [](std::string_view text) {
    auto shops = parse_shops(text, ".");
    return shops ? std::string("accepted") : shops.error();
  };
  EXPECT_EQ(error("{}"), "the shops file must be a JSON array of shops");
  EXPECT_EQ(error("[]"), "the shops file lists no shop");
  EXPECT_NE(error("[").find("not JSON"), std::string::npos);
  EXPECT_EQ(error(R"([{"id": "Bad Id"}])"),
            "shop #1: id must be 1 to 40 lower-case letters, digits, '-' or '_'");
  EXPECT_EQ(error(shop(R"("secret_keys": "x")")),
            "shop 'atelier': give exactly one of database_url and database_url_file");
  EXPECT_EQ(error(shop(R"("database_url": "u", "database_url_file": "f", "secret_keys": "x")")),
            "shop 'atelier': give exactly one of database_url and database_url_file");
  EXPECT_EQ(error(shop(R"("color": "red", "database_url": "u", "secret_keys": "x")")),
            "shop 'atelier': color must be #RRGGBB");
  EXPECT_EQ(error(shop(R"("database_url": "u", "secret_keys": "x", "extra": 1)")),
            "shop #1: unknown field 'extra'");
  auto twice = fmt::format(R"([{{"id": "a", "database_url": "u", "secret_keys": "{0}"}},
                               {{"id": "a", "database_url": "u", "secret_keys": "{0}"}}])",
                           kKey);
  EXPECT_EQ(error(twice), "shop 'a' is listed twice");
  // A bad key is named, never quoted.
  auto bad_key = error(shop(R"("database_url": "u", "secret_keys": "k1:not-base64-secret")"));
  EXPECT_NE(bad_key.find("shop 'atelier': secret_keys:"), std::string::npos) << bad_key;
  EXPECT_EQ(bad_key.find("not-base64-secret"), std::string::npos) << bad_key;
}

TEST(ShopsFile, ReadsAKeychainEntryThroughTheLookupOnly) {
  auto text = shop(R"("keychain": "atelier-1f2e3d4c")");
  std::string asked;
  auto shops = parse_shops(text, ".", [&](std::string_view name) {
    asked = name;
    return ShopSecrets{.database_url = "postgres:///kc", .secret_keys = std::string(kKey)};
  });
  ASSERT_TRUE(shops) << shops.error();
  EXPECT_EQ(asked, "atelier-1f2e3d4c");
  EXPECT_EQ(shops->front().database_url, "postgres:///kc");
  EXPECT_EQ(shops->front().secret_keys.active().id, "k1");

  // The headless engine reads no keychain, and says what to do instead.
  auto headless = parse_shops(text, ".");
  ASSERT_FALSE(headless);
  EXPECT_EQ(headless.error(),
            "shop 'atelier': its secrets are in comptoir-suppliers' system keychain "
            "('atelier-1f2e3d4c'), which only the desktop app reads; give database_url_file and "
            "secret_keys_file to use this shop here");
}

TEST(ShopsFile, SaysWhatIsWrongWithAKeychainEntry) {
  auto error = [](std::string_view text, const KeychainLookup& lookup) {
    auto shops = parse_shops(text, ".", lookup);
    return shops ? std::string("accepted") : shops.error();
  };
  auto good = [](std::string_view) {
    return ShopSecrets{.database_url = "u", .secret_keys = std::string(kKey)};
  };
  EXPECT_EQ(error(shop(R"("keychain": "n", "database_url": "u")"), good),
            "shop 'atelier': keychain holds both secrets: give no database_url with it");
  EXPECT_EQ(error(shop(R"("keychain": "n", "secret_keys_file": "f")"), good),
            "shop 'atelier': keychain holds both secrets: give no secret_keys_file with it");
  EXPECT_EQ(error(shop(R"("keychain": "")"), good),
            "shop 'atelier': keychain must be a name of 1 to 100 characters");
  EXPECT_EQ(error(shop(R"("keychain": "n")"),
                  [](std::string_view) -> std::expected<ShopSecrets, std::string> {
                    return std::unexpected("the keychain is locked");
                  }),
            "shop 'atelier': keychain: the keychain is locked");
  EXPECT_EQ(error(shop(R"("keychain": "n")"),
                  [](std::string_view) { return ShopSecrets{.database_url = "u"}; }),
            "shop 'atelier': the keychain's entry lacks a database URL or keys");
  auto bad_key = error(shop(R"("keychain": "n")"), [](std::string_view) {
    return ShopSecrets{.database_url = "u", .secret_keys = "k1:not-base64-secret"};
  });
  EXPECT_NE(bad_key.find("shop 'atelier': secret_keys:"), std::string::npos) << bad_key;
  EXPECT_EQ(bad_key.find("not-base64-secret"), std::string::npos) << bad_key;
}

}  // namespace
}  // namespace comptoir::suppliers
