#include <gtest/gtest.h>

#include "i18n/negotiate.hpp"

namespace comptoir::i18n {
namespace {

using core::Locale;

TEST(NegotiateLocale, FrenchWhenHeaderIsEmptyOrMissing) {
  EXPECT_EQ(negotiate_locale(""), Locale::fr);
  EXPECT_EQ(negotiate_locale("   "), Locale::fr);
}

TEST(NegotiateLocale, PlainLanguages) {
  EXPECT_EQ(negotiate_locale("en"), Locale::en);
  EXPECT_EQ(negotiate_locale("fr"), Locale::fr);
}

TEST(NegotiateLocale, RegionsMatchTheirLanguage) {
  EXPECT_EQ(negotiate_locale("en-US"), Locale::en);
  EXPECT_EQ(negotiate_locale("fr-CA"), Locale::fr);
  EXPECT_EQ(negotiate_locale("EN-gb"), Locale::en);
  EXPECT_EQ(negotiate_locale("zh-Hant-TW, en-Latn-CA"), Locale::en);
}

TEST(NegotiateLocale, HighestQualityWins) {
  EXPECT_EQ(negotiate_locale("fr;q=0.5, en;q=0.8"), Locale::en);
  EXPECT_EQ(negotiate_locale("en;q=0.3, fr-CA;q=0.9"), Locale::fr);
  EXPECT_EQ(negotiate_locale("de, en;q=0.7, fr;q=0.6"), Locale::en);
  EXPECT_EQ(negotiate_locale("fr;q=0.001, en;q=0.002"), Locale::en);
}

TEST(NegotiateLocale, TiesKeepHeaderOrder) {
  EXPECT_EQ(negotiate_locale("en, fr"), Locale::en);
  EXPECT_EQ(negotiate_locale("fr, en"), Locale::fr);
  EXPECT_EQ(negotiate_locale("en;q=0.5, fr;q=0.50"), Locale::en);
}

TEST(NegotiateLocale, ZeroQualityExcludes) {
  EXPECT_EQ(negotiate_locale("en;q=0"), Locale::fr);
  EXPECT_EQ(negotiate_locale("en;q=0, fr;q=0.1"), Locale::fr);
  EXPECT_EQ(negotiate_locale("fr;q=0.0, en;q=0.1"), Locale::en);
}

TEST(NegotiateLocale, WildcardMeansTheDefault) {
  EXPECT_EQ(negotiate_locale("*"), Locale::fr);
  EXPECT_EQ(negotiate_locale("de, *;q=0.5"), Locale::fr);
  EXPECT_EQ(negotiate_locale("en;q=0.4, *;q=0.5"), Locale::fr);
  EXPECT_EQ(negotiate_locale("en, *;q=0.5"), Locale::en);
}

TEST(NegotiateLocale, WildcardSkipsAnExcludedLanguage) {
  EXPECT_EQ(negotiate_locale("fr;q=0, *"), Locale::en);
}

TEST(NegotiateLocale, UnknownLanguagesFallBackToFrench) {
  EXPECT_EQ(negotiate_locale("de-DE, es;q=0.9"), Locale::fr);
}

TEST(NegotiateLocale, MalformedItemsAreIgnored) {
  EXPECT_EQ(negotiate_locale("en;q=2, fr;q=0.1"), Locale::fr);       // q above 1
  EXPECT_EQ(negotiate_locale("en;q=abc, fr;q=0.1"), Locale::fr);     // not a number
  EXPECT_EQ(negotiate_locale("en;q=0.1234, fr;q=0.1"), Locale::fr);  // four decimals
  EXPECT_EQ(negotiate_locale("en;level=1, fr;q=0.1"), Locale::fr);   // not a weight
  EXPECT_EQ(negotiate_locale("en_US, fr;q=0.1"), Locale::fr);        // underscore
  EXPECT_EQ(negotiate_locale("e1, en-toolongsubtag, fr;q=0.1"), Locale::fr);
  EXPECT_EQ(negotiate_locale(";q=1, ,,, en;q=0.2"), Locale::en);
}

TEST(NegotiateLocale, GarbageGivesFrench) {
  EXPECT_EQ(negotiate_locale(";;;"), Locale::fr);
  EXPECT_EQ(negotiate_locale("<script>"), Locale::fr);
  EXPECT_EQ(negotiate_locale(std::string(10000, ',')), Locale::fr);
}

TEST(NegotiateLocale, WhitespaceAroundParametersIsAllowed) {
  EXPECT_EQ(negotiate_locale(" fr ; q=0.2 ,\ten ;q=0.9 "), Locale::en);
}

}  // namespace
}  // namespace comptoir::i18n
