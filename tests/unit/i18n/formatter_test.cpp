#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "i18n/formatter.hpp"

namespace comptoir::i18n {
namespace {

using core::Locale;
using namespace std::chrono;

// Spelled out so a reader sees which space ICU puts where.
#define NBSP "\u00A0"
#define NNBSP "\u202F"

const Formatter& canada() {
  static const Formatter formatter;
  return formatter;
}

TEST(FormatterMoney, CanadianDollarsInFrench) {
  EXPECT_EQ(canada().money(1299, "CAD", Locale::fr), "12,99" NBSP "$");
  EXPECT_EQ(canada().money(123456750, "CAD", Locale::fr), "1" NBSP "234" NBSP "567,50" NBSP "$");
}

TEST(FormatterMoney, CanadianDollarsInEnglish) {
  EXPECT_EQ(canada().money(1299, "CAD", Locale::en), "$12.99");
  EXPECT_EQ(canada().money(123456750, "CAD", Locale::en), "$1,234,567.50");
}

TEST(FormatterMoney, SmallNegativeAndZeroAmounts) {
  EXPECT_EQ(canada().money(5, "CAD", Locale::en), "$0.05");
  EXPECT_EQ(canada().money(0, "CAD", Locale::fr), "0,00" NBSP "$");
  EXPECT_EQ(canada().money(-500, "CAD", Locale::en), "-$5.00");
  EXPECT_EQ(canada().money(1200, "CAD", Locale::en), "$12.00");
}

TEST(FormatterMoney, LargestAmountsKeepEveryDigit) {
  // 2^63-1 cents: a double would round the last digits away.
  EXPECT_EQ(canada().money(INT64_MAX, "CAD", Locale::en), "$92,233,720,368,547,758.07");
  EXPECT_EQ(canada().money(INT64_MIN, "CAD", Locale::en), "-$92,233,720,368,547,758.08");
}

TEST(FormatterMoney, EurosInFrance) {
  Formatter france(FormatterOptions{.fr_tag = "fr-FR", .en_tag = "en-GB"});
  EXPECT_EQ(france.money(1299, "EUR", Locale::fr), "12,99" NBSP "€");
  // fr-FR groups thousands with a narrow no-break space.
  EXPECT_EQ(france.money(123456, "EUR", Locale::fr), "1" NNBSP "234,56" NBSP "€");
}

TEST(FormatterMoney, CurrencyDigitsComeFromTheCurrency) {
  EXPECT_EQ(canada().money(1299, "JPY", Locale::en), "JP¥1,299");
  EXPECT_EQ(canada().money(1299, "EUR", Locale::en), "€12.99");
  EXPECT_EQ(canada().money(1299, "USD", Locale::en), "US$12.99");
  EXPECT_EQ(canada().money(12345, "BHD", Locale::en), "BHD" NBSP "12.345");
}

TEST(FormatterMoney, RejectsMalformedCurrencyCodes) {
  EXPECT_THROW(canada().money(100, "cad", Locale::fr), std::invalid_argument);
  EXPECT_THROW(canada().money(100, "CA", Locale::fr), std::invalid_argument);
  EXPECT_THROW(canada().money(100, "CADX", Locale::fr), std::invalid_argument);
}

TEST(FormatterNumber, GroupsPerLocale) {
  EXPECT_EQ(canada().number(1234567, Locale::fr), "1" NBSP "234" NBSP "567");
  EXPECT_EQ(canada().number(1234567, Locale::en), "1,234,567");
  EXPECT_EQ(canada().number(-42, Locale::en), "-42");
}

TEST(FormatterDecimal, ShowsEveryDigitGiven) {
  EXPECT_EQ(canada().decimal("-1234.5678", Locale::fr), "-1" NBSP "234,5678");
  EXPECT_EQ(canada().decimal("9.975", Locale::fr), "9,975");
  EXPECT_EQ(canada().decimal("0.123456789", Locale::en), "0.123456789");
}

TEST(FormatterDecimal, RejectsMalformedText) {
  EXPECT_THROW(canada().decimal("12,5", Locale::en), std::invalid_argument);
  EXPECT_THROW(canada().decimal("abc", Locale::en), std::invalid_argument);
}

constexpr sys_seconds at(year_month_day day, hours hour) {
  return sys_days{day} + hour;
}

TEST(FormatterDate, LongDatePerLocale) {
  auto instant = at(2026y / November / 25, 15h);
  EXPECT_EQ(canada().date(instant, Locale::fr), "25 novembre 2026");
  EXPECT_EQ(canada().date(instant, Locale::en), "November 25, 2026");
}

TEST(FormatterDate, ConvertsToTheZoneBeforeTakingTheDay) {
  // 03:00 UTC on the 26th is still the evening of the 25th in Toronto.
  auto instant = at(2026y / November / 26, 3h);
  EXPECT_EQ(canada().date(instant, Locale::en), "November 25, 2026");
  EXPECT_EQ(canada().date(instant, Locale::en, "Europe/Paris"), "November 26, 2026");
}

TEST(FormatterDate, UnknownZoneIsRejected) {
  EXPECT_THROW(canada().date(at(2026y / January / 1, 0h), Locale::fr, "Mars/Olympus"),
               std::invalid_argument);
}

TEST(Formatter, SharedAcrossThreads) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (std::size_t i = 0; i < failures.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 200; ++n) {
        if (canada().money(1299, "CAD", Locale::fr) != "12,99" NBSP "$") ++failures[i];
        if (canada().date(at(2026y / November / 25, 15h), Locale::en) != "November 25, 2026")
          ++failures[i];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(failures.size(), 0));
}

}  // namespace
}  // namespace comptoir::i18n
