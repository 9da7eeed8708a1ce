#include <gtest/gtest.h>

#include "catalog/slug.hpp"

namespace comptoir::catalog {
namespace {

TEST(Slugify, FoldsFrenchAccentsToAscii) {
  EXPECT_EQ(slugify("Théière en fonte"), "theiere-en-fonte");
  EXPECT_EQ(slugify("« Théière en fonte »"), "theiere-en-fonte");
}

TEST(Slugify, ExpandsLigaturesAndDropsPunctuation) {
  EXPECT_EQ(slugify("Crème brûlée & Œufs"), "creme-brulee-oeufs");
  EXPECT_EQ(slugify("Cœur d’artichaut"), "coeur-d-artichaut");
}

TEST(Slugify, CollapsesRunsAndTrimsHyphens) {
  EXPECT_EQ(slugify("  --Hello,   World!!  "), "hello-world");
  EXPECT_EQ(slugify("T-shirt — taille L"), "t-shirt-taille-l");
}

TEST(Slugify, KeepsDigitsAndLowersCase) {
  EXPECT_EQ(slugify("Moulin à café N°2 (1,5 L)"), "moulin-a-cafe-n-2-1-5-l");
  EXPECT_EQ(slugify("ABC 123"), "abc-123");
}

TEST(Slugify, TransliteratesOtherScripts) {
  EXPECT_EQ(slugify("Москва"), "moskva");
  EXPECT_EQ(slugify("Straße"), "strasse");
}

TEST(Slugify, IsEmptyWithoutLettersOrDigits) {
  EXPECT_EQ(slugify(""), "");
  EXPECT_EQ(slugify("!!! ???"), "");
}

TEST(Slugify, StaysWithinTheMaximumLengthAndEndsOnAWord) {
  std::string name;
  for (int i = 0; i < 40; ++i) name += "théière ";
  auto slug = slugify(name);
  EXPECT_LE(slug.size(), kMaxSlugLength);
  EXPECT_TRUE(is_valid_slug(slug)) << slug;
  EXPECT_TRUE(slug.ends_with("theiere")) << slug;
}

TEST(Slugify, ResultIsAlwaysAValidSlug) {
  for (std::string_view name : {"Théière en fonte", "a", "Ça va ?", "x--y", "Ünïcödé ✓ 42"})
    EXPECT_TRUE(is_valid_slug(slugify(name))) << name;
}

TEST(SlugValidity, AcceptsLowercaseWordsWithSingleHyphens) {
  EXPECT_TRUE(is_valid_slug("theiere-en-fonte"));
  EXPECT_TRUE(is_valid_slug("a1"));
}

TEST(SlugValidity, RefusesEverythingElse) {
  EXPECT_FALSE(is_valid_slug(""));
  EXPECT_FALSE(is_valid_slug("Theiere"));
  EXPECT_FALSE(is_valid_slug("-a"));
  EXPECT_FALSE(is_valid_slug("a-"));
  EXPECT_FALSE(is_valid_slug("a--b"));
  EXPECT_FALSE(is_valid_slug("a b"));
  EXPECT_FALSE(is_valid_slug("théière"));
  EXPECT_FALSE(is_valid_slug(std::string(kMaxSlugLength + 1, 'a')));
}

TEST(SlugCandidate, NumbersFromTwo) {
  EXPECT_EQ(slug_candidate("tasse", 1), "tasse");
  EXPECT_EQ(slug_candidate("tasse", 2), "tasse-2");
  EXPECT_EQ(slug_candidate("tasse", 13), "tasse-13");
}

TEST(SlugCandidate, ShortensTheBaseToFitTheSuffix) {
  std::string base(kMaxSlugLength, 'a');
  auto candidate = slug_candidate(base, 3);
  EXPECT_EQ(candidate.size(), kMaxSlugLength);
  EXPECT_TRUE(candidate.ends_with("-3"));
  EXPECT_TRUE(is_valid_slug(candidate));
}

}  // namespace
}  // namespace comptoir::catalog
