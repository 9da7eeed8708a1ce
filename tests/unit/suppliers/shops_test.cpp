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

}  // namespace
}  // namespace comptoir::suppliers
