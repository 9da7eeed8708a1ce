// A sentence with links in it (the checkout's "placing the order accepts the {terms}").
#include <gtest/gtest.h>

#include "views/page_model.hpp"

namespace comptoir::views::page {
namespace {

// (url, text) of each piece.
std::vector<std::pair<std::string, std::string>> pieces_of(const std::vector<Link>& links) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& link : links) out.emplace_back(link.url, link.text);
  return out;
}

TEST(LinkedSentence, PlaceholdersBecomeTheirLinks) {
  auto pieces = linked_sentence("By ordering, you accept our {terms} and our {privacy}.",
                                {{"terms", {.url = "/en/terms", .text = "terms of sale"}},
                                 {"privacy", {.url = "/en/privacy", .text = "privacy policy"}}});
  std::vector<std::pair<std::string, std::string>> expected{{"", "By ordering, you accept our "},
                                                            {"/en/terms", "terms of sale"},
                                                            {"", " and our "},
                                                            {"/en/privacy", "privacy policy"},
                                                            {"", "."}};
  EXPECT_EQ(pieces_of(pieces), expected);
}

TEST(LinkedSentence, UnknownOrUnclosedPlaceholdersStayText) {
  auto pieces =
      linked_sentence("{terms} then {other} and {open",
                      {{"terms", {.url = "/fr/conditions-de-vente", .text = "conditions"}}});
  std::vector<std::pair<std::string, std::string>> expected{
      {"/fr/conditions-de-vente", "conditions"}, {"", " then {other} and {open"}};
  EXPECT_EQ(pieces_of(pieces), expected);
  EXPECT_TRUE(linked_sentence("", {}).empty());
}

}  // namespace
}  // namespace comptoir::views::page
