#pragma once

#include <unicode/locid.h>
#include <unicode/numberformatter.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/locale.hpp"

namespace comptoir::i18n {

struct FormatterOptions {
  // BCP 47 tags ICU formats with, per storefront locale (a French shop would use fr-FR).
  std::string fr_tag = "fr-CA";
  std::string en_tag = "en-CA";
  // Currencies whose formatters are built up front; others are derived on each call.
  std::vector<std::string> currencies = {"CAD", "EUR", "USD"};
};

// Locale-aware display of money, numbers and dates through ICU. Immutable after construction and
// safe to share between threads.
class Formatter {
 public:
  Formatter();
  explicit Formatter(FormatterOptions options);

  // 1299 CAD → "12,99 $" (fr-CA, U+00A0 before "$") or "$12.99" (en-CA). The amount is shifted by
  // the currency's decimal digits as text, never through floating point. Throws
  // std::invalid_argument unless `iso_currency` is three upper-case letters.
  std::string money(std::int64_t minor_units, std::string_view iso_currency,
                    core::Locale locale) const;
  std::string number(std::int64_t value, core::Locale locale) const;
  // A decimal number as text ("-1234.5"), shown exactly; throws std::invalid_argument if malformed.
  std::string decimal(std::string_view value, core::Locale locale) const;
  // Long date in `iana_zone`: "25 novembre 2026" / "November 25, 2026". Throws
  // std::invalid_argument for an unknown zone.
  std::string date(std::chrono::sys_seconds instant, core::Locale locale,
                   std::string_view iana_zone = "America/Toronto") const;

 private:
  struct CurrencyFormatter {
    std::string code;
    // Takes the amount in minor units (scaled by 10^-digits): ICU reads an integer straight into
    // its decimal quantity, where a decimal string is parsed first (half the cost of a price).
    icu::number::LocalizedNumberFormatter minor_units;
  };
  struct LocaleFormatters {
    std::string tag;
    icu::Locale icu_locale;
    icu::number::LocalizedNumberFormatter numbers;
    std::vector<CurrencyFormatter> currencies;
  };
  const LocaleFormatters& formatters(core::Locale locale) const {
    return locales_[static_cast<std::size_t>(locale)];
  }

  std::array<LocaleFormatters, core::kLocales.size()> locales_;
};

}  // namespace comptoir::i18n
