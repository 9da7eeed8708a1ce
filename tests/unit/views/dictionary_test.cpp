#include <gtest/gtest.h>

#include <ctemplate/template.h>

#include <string>
#include <thread>
#include <vector>

#include "views/dictionary.hpp"

namespace comptoir::views {
namespace {

using namespace literals;

std::string expand(const std::string& name, const Dict& dict) {
  std::string out;
  EXPECT_TRUE(ctemplate::ExpandTemplate(name, ctemplate::DO_NOT_STRIP, &dict, &out));
  return out;
}

class DictionaryKeys : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(ctemplate::StringToTemplateCache(
        "dictionary_test.tpl",
        "{{NAME}}|{{#ITEM}}[{{TEXT}}]{{/ITEM}}|{{#SHOWN}}shown{{/SHOWN}}|{{>PART}}",
        ctemplate::DO_NOT_STRIP));
    ASSERT_TRUE(ctemplate::StringToTemplateCache("dictionary_test_part.tpl", "<{{TEXT}}>",
                                                 ctemplate::DO_NOT_STRIP));
    ASSERT_TRUE(ctemplate::StringToTemplateCache(
        "dictionary_test_race.tpl", "{{RACE}}{{#RACED}}!{{/RACED}}", ctemplate::DO_NOT_STRIP));
  }
};

TEST_F(DictionaryKeys, AKeyNamesWhatItsTextNames) {
  Dict dict("keys");
  set(dict, "NAME"_key, "Thé");
  set(*dict.AddSectionDictionary("ITEM"_key), "TEXT"_key, "a");
  set(*dict.AddSectionDictionary("ITEM"_key), "TEXT"_key, "b");
  dict.ShowSection("SHOWN"_key);
  set(include(dict, "PART"_key, "dictionary_test_part.tpl"), "TEXT"_key, "p");

  Dict by_text("texts");
  set(by_text, "NAME", "Thé");
  set(*by_text.AddSectionDictionary(ts("ITEM")), "TEXT", "a");
  set(*by_text.AddSectionDictionary(ts("ITEM")), "TEXT", "b");
  by_text.ShowSection(ts("SHOWN"));
  set(include(by_text, "PART", "dictionary_test_part.tpl"), "TEXT", "p");

  EXPECT_EQ(expand("dictionary_test.tpl", dict), "Thé|[a][b]|shown|<p>");
  EXPECT_EQ(expand("dictionary_test.tpl", by_text), expand("dictionary_test.tpl", dict));
}

TEST_F(DictionaryKeys, AKeyAndItsTextSetTheSameVariable) {
  Dict dict("same");
  set(dict, "NAME"_key, "first");
  set(dict, "NAME", "second");  // replaces it
  EXPECT_EQ(expand("dictionary_test.tpl", dict), "second|||");
}

TEST_F(DictionaryKeys, KeysMetFirstByManyThreadsAtOnceAreRight) {
  // A key is registered at its first use: threads racing to it must all get the same name. These
  // two keys are used nowhere else in this program.
  std::vector<std::string> out(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < out.size(); ++i)
    threads.emplace_back([&out, i] {
      Dict dict("thread");
      set(dict, "RACE"_key, std::to_string(i));
      dict.ShowSection("RACED"_key);
      out[i] = expand("dictionary_test_race.tpl", dict);
    });
  for (auto& thread : threads) thread.join();
  for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], std::to_string(i) + "!");
}

}  // namespace
}  // namespace comptoir::views
