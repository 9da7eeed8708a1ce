#include <gtest/gtest.h>

#include <string>

#include "core/money.hpp"

namespace comptoir::core {
namespace {

TEST(MinorUnitDigits, IcuSaysHowManyDigitsEachCurrencyHas) {
  EXPECT_EQ(minor_unit_digits("CAD"), 2);
  EXPECT_EQ(minor_unit_digits("EUR"), 2);
  EXPECT_EQ(minor_unit_digits("JPY"), 0);
  EXPECT_EQ(minor_unit_digits("TND"), 3);
  // Asked again (answered from what the thread remembers): the same.
  EXPECT_EQ(minor_unit_digits("JPY"), 0);
  EXPECT_EQ(minor_unit_digits("TND"), 3);
}

TEST(MinorUnitDigits, AnythingButThreeCharactersHasTwo) {
  EXPECT_EQ(minor_unit_digits(""), 2);
  EXPECT_EQ(minor_unit_digits("CA"), 2);
  EXPECT_EQ(minor_unit_digits("CADD"), 2);
}

TEST(MinorUnitDigits, StaysRightPastTheCurrenciesItRemembers) {
  // More codes than a thread keeps: those past the bound are asked of ICU every time.
  for (int i = 0; i < 40; ++i) {
    std::string code = {'Q', static_cast<char>('A' + i % 26), static_cast<char>('A' + i / 26)};
    EXPECT_EQ(minor_unit_digits(code), 2) << code;  // unknown to ISO 4217: ICU's default
  }
  EXPECT_EQ(minor_unit_digits("JPY"), 0);
  EXPECT_EQ(minor_unit_digits("KWD"), 3);
}

}  // namespace
}  // namespace comptoir::core
