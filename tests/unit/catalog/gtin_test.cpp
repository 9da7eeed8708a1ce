#include <gtest/gtest.h>

#include "catalog/gtin.hpp"

namespace comptoir::catalog {
namespace {

TEST(Gtin, EveryLengthWithItsCheckDigit) {
  EXPECT_TRUE(is_valid_gtin("96385074"));        // GTIN-8 (EAN-8)
  EXPECT_TRUE(is_valid_gtin("036000291452"));    // GTIN-12 (UPC-A)
  EXPECT_TRUE(is_valid_gtin("4006381333931"));   // GTIN-13 (EAN-13)
  EXPECT_TRUE(is_valid_gtin("9780306406157"));   // an ISBN-13 is a GTIN-13
  EXPECT_TRUE(is_valid_gtin("10614141000415"));  // GTIN-14
}

TEST(Gtin, AWrongCheckDigitOrShapeIsRefused) {
  EXPECT_FALSE(is_valid_gtin("4006381333932"));  // last digit off by one
  EXPECT_FALSE(is_valid_gtin("036000291453"));
  EXPECT_FALSE(is_valid_gtin("4006381333913"));  // two digits swapped
  EXPECT_FALSE(is_valid_gtin(""));
  EXPECT_FALSE(is_valid_gtin("1234567"));          // 7 digits
  EXPECT_FALSE(is_valid_gtin("03600029145"));      // 11
  EXPECT_FALSE(is_valid_gtin("106141410004150"));  // 15
  EXPECT_FALSE(is_valid_gtin("4006381 333931"));   // not only digits
  EXPECT_FALSE(is_valid_gtin("40063813339３1"));   // a full-width digit
  EXPECT_FALSE(is_valid_gtin("ABCDEFGH"));
  EXPECT_FALSE(is_valid_gtin("00000000")) << "a blank cell read as 0: its check digit fits";
  EXPECT_FALSE(is_valid_gtin(gtin_from_spreadsheet("0")));
}

TEST(Gtin, OneTradeItemHasOneFourteenDigitForm) {
  EXPECT_EQ(gtin14("036000291452"), "00036000291452");
  EXPECT_EQ(gtin14("0036000291452"), gtin14("036000291452"));  // the UPC-A as an EAN-13
  EXPECT_EQ(gtin14("96385074"), "00000096385074");
  EXPECT_EQ(gtin14("10614141000415"), "10614141000415");
  EXPECT_EQ(gtin14("036000291453"), std::nullopt);
}

TEST(Gtin, ASpreadsheetsLostZerosComeBack) {
  EXPECT_EQ(gtin_from_spreadsheet("36000291452"), "036000291452");  // a UPC-A read as a number
  EXPECT_EQ(gtin_from_spreadsheet("1234565"), "01234565");
  EXPECT_EQ(gtin_from_spreadsheet("4006381333931"), "4006381333931");
  EXPECT_EQ(gtin_from_spreadsheet(""), "");
  EXPECT_EQ(gtin_from_spreadsheet("3.6E+10"), "3.6E+10");  // refused later, as it is
  EXPECT_TRUE(is_valid_gtin(gtin_from_spreadsheet("36000291452")));
}

}  // namespace
}  // namespace comptoir::catalog
