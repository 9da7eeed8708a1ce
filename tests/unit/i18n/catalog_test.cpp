#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/build_info.hpp"
#include "i18n/catalog.hpp"

namespace comptoir::i18n {
namespace {

using core::Locale;

std::filesystem::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir ? std::filesystem::path(dir) : std::filesystem::path(core::build::kDefaultDataDir);
}

TEST(Catalog, RealLocalesHaveTheSameKeys) {
  auto catalog = Catalog::load(data_dir());
  EXPECT_EQ(catalog.keys_missing_in(Locale::fr), std::vector<std::string>{});
  EXPECT_EQ(catalog.keys_missing_in(Locale::en), std::vector<std::string>{});
}

TEST(Catalog, RealLocalesTranslateTheSkipLink) {
  auto catalog = Catalog::load(data_dir());
  EXPECT_EQ(catalog.t(Locale::fr, "layout.skip_link"), "Aller au contenu");
  EXPECT_EQ(catalog.t(Locale::en, "layout.skip_link"), "Skip to content");
}

TEST(Catalog, KeyParityReportsWhatIsMissing) {
  auto catalog =
      Catalog::from_json(R"({"a": "A", "only.fr": "x"})", R"({"a": "A", "only.en": "y"})");
  EXPECT_EQ(catalog.keys_missing_in(Locale::fr), std::vector<std::string>{"only.en"});
  EXPECT_EQ(catalog.keys_missing_in(Locale::en), std::vector<std::string>{"only.fr"});
}

TEST(Catalog, TranslatesPerLocale) {
  auto catalog = Catalog::from_json(R"({"cart": "Panier"})", R"({"cart": "Cart"})");
  EXPECT_EQ(catalog.t(Locale::fr, "cart"), "Panier");
  EXPECT_EQ(catalog.t(Locale::en, "cart"), "Cart");
}

TEST(Catalog, MissingEnglishFallsBackToFrench) {
  auto catalog = Catalog::from_json(R"({"cart": "Panier"})", "{}");
  EXPECT_EQ(catalog.t(Locale::en, "cart"), "Panier");
  EXPECT_FALSE(catalog.contains(Locale::en, "cart"));
}

TEST(Catalog, MissingEverywhereShowsTheKey) {
  auto catalog = Catalog::from_json("{}", "{}");
  EXPECT_EQ(catalog.t(Locale::en, "checkout.pay"), "checkout.pay");
}

TEST(Catalog, MalformedJsonNamesTheFileAndLine) {
  try {
    Catalog::from_json("{}", "{\n  \"a\": \"A\",\n  \"b\" \"B\"\n}");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("en.json"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  }
}

TEST(Catalog, NonStringValuesAreRejected) {
  EXPECT_THROW(Catalog::from_json(R"({"a": 1})", "{}"), std::runtime_error);
  EXPECT_THROW(Catalog::from_json(R"({"a": {"nested": "x"}})", "{}"), std::runtime_error);
  EXPECT_THROW(Catalog::from_json(R"(["a"])", "{}"), std::runtime_error);
}

TEST(Catalog, AKeyGivenTwiceIsRefusedNotShadowed) {
  try {
    (void)Catalog::from_json(R"({"a.b": "un", "c": "x", "a.b": "deux"})", "{}");
    FAIL() << "a duplicate key was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(R"(fr.json: the key "a.b" appears twice)"),
              std::string::npos)
        << error.what();
  }
  // The same text as a value, a key with an escaped quote, and keys of nested objects are not keys
  // of the catalog given twice.
  EXPECT_NO_THROW((void)Catalog::from_json(R"({"a": "a", "b\"c": "x", "d": "b\"c"})", "{}"));
}

TEST(Catalog, LoadNamesTheBrokenFile) {
  auto dir =
      std::filesystem::temp_directory_path() /
      ("comptoir-catalog-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir / "locales");
  std::ofstream(dir / "locales" / "fr.json") << R"({"a": "A"})";
  std::ofstream(dir / "locales" / "en.json") << R"({"a": )";
  try {
    Catalog::load(dir);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find((dir / "locales" / "en.json").string()),
              std::string::npos)
        << error.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(Catalog, LoadFailsWhenAFileIsMissing) {
  EXPECT_THROW(Catalog::load("/nonexistent/comptoir"), std::runtime_error);
}

}  // namespace
}  // namespace comptoir::i18n
