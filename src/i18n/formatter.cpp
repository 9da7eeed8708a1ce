#include "i18n/formatter.hpp"

#include <unicode/datefmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "core/money.hpp"

namespace comptoir::i18n {
namespace {

namespace number = icu::number;

void check(UErrorCode status, std::string_view what) {
  if (U_FAILURE(status))
    throw std::invalid_argument(fmt::format("{}: {}", what, u_errorName(status)));
}

icu::StringPiece piece(std::string_view text) {
  return {text.data(), static_cast<std::int32_t>(text.size())};
}

icu::Locale icu_locale(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  auto locale = icu::Locale::forLanguageTag(piece(tag), status);
  check(status, fmt::format("ICU locale tag \"{}\"", tag));
  return locale;
}

std::u16string currency_code(std::string_view iso) {
  if (iso.size() != 3) throw std::invalid_argument(fmt::format("currency \"{}\"", iso));
  std::u16string code;
  for (char c : iso) {
    if (c < 'A' || c > 'Z') throw std::invalid_argument(fmt::format("currency \"{}\"", iso));
    code.push_back(static_cast<char16_t>(c));
  }
  return code;
}

number::LocalizedNumberFormatter currency_formatter(const number::LocalizedNumberFormatter& base,
                                                    std::string_view iso) {
  auto code = currency_code(iso);
  UErrorCode status = U_ZERO_ERROR;
  icu::CurrencyUnit unit(code.c_str(), status);
  check(status, fmt::format("currency \"{}\"", iso));
  return base.unit(unit);
}

// 1299 with 2 digits → "12.99"; -5 → "-0.05". Works on the magnitude so INT64_MIN is fine.
std::string minor_units_as_decimal(std::int64_t minor_units, std::int32_t digits) {
  bool negative = minor_units < 0;
  auto magnitude = negative ? 0 - static_cast<std::uint64_t>(minor_units)
                            : static_cast<std::uint64_t>(minor_units);
  auto text = std::to_string(magnitude);
  if (digits > 0) {
    auto fraction = static_cast<std::size_t>(digits);
    if (text.size() <= fraction) text.insert(0, fraction + 1 - text.size(), '0');
    text.insert(text.size() - fraction, 1, '.');
  }
  if (negative) text.insert(0, 1, '-');
  return text;
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string format_decimal(const number::LocalizedNumberFormatter& formatter,
                           std::string_view value) {
  UErrorCode status = U_ZERO_ERROR;
  auto formatted = formatter.formatDecimal(piece(value), status);
  auto text = formatted.toString(status);
  check(status, fmt::format("decimal \"{}\"", value));
  return to_utf8(text);
}

// ICU date formats are not thread-safe, so each thread keeps its own, keyed by tag and zone.
const icu::DateFormat& long_date_format(const std::string& tag, const icu::Locale& locale,
                                        std::string_view zone) {
  thread_local std::map<std::string, std::unique_ptr<icu::DateFormat>, std::less<>> cache;
  auto key = fmt::format("{}|{}", tag, zone);
  if (auto found = cache.find(key); found != cache.end()) return *found->second;

  std::unique_ptr<icu::TimeZone> time_zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(piece(zone))));
  if (!time_zone || *time_zone == icu::TimeZone::getUnknown())
    throw std::invalid_argument(fmt::format("unknown time zone \"{}\"", zone));
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (!format) throw std::runtime_error(fmt::format("no ICU date format for {}", tag));
  format->adoptTimeZone(time_zone.release());
  if (cache.size() >= 32) cache.clear();  // zones come from code, but stay bounded regardless
  return *cache.emplace(std::move(key), std::move(format)).first->second;
}

}  // namespace

Formatter::Formatter() : Formatter(FormatterOptions{}) {}

Formatter::Formatter(FormatterOptions options) {
  for (auto locale : core::kLocales) {
    const auto& tag = locale == core::Locale::fr ? options.fr_tag : options.en_tag;
    auto& entry = locales_[static_cast<std::size_t>(locale)];
    entry.tag = tag;
    entry.icu_locale = icu_locale(tag);
    auto base = number::NumberFormatter::withLocale(entry.icu_locale);
    entry.numbers = base.precision(number::Precision::unlimited());
    for (const auto& code : options.currencies)
      entry.currencies.push_back(
          {code, currency_formatter(base, code)
                     .scale(number::Scale::powerOfTen(-core::minor_unit_digits(code)))});
  }
}

std::string Formatter::money(std::int64_t minor_units, std::string_view iso_currency,
                             core::Locale locale) const {
  currency_code(iso_currency);  // throws unless three capital letters

  const auto& entry = formatters(locale);
  for (const auto& currency : entry.currencies) {
    if (currency.code != iso_currency) continue;
    UErrorCode status = U_ZERO_ERROR;
    auto text = currency.minor_units.formatInt(minor_units, status).toString(status);
    check(status, fmt::format("amount {} {}", minor_units, iso_currency));
    return to_utf8(text);
  }
  auto amount = minor_units_as_decimal(minor_units, core::minor_unit_digits(iso_currency));
  auto base = number::NumberFormatter::withLocale(entry.icu_locale);
  return format_decimal(currency_formatter(base, iso_currency), amount);
}

std::string Formatter::number(std::int64_t value, core::Locale locale) const {
  UErrorCode status = U_ZERO_ERROR;
  auto text = formatters(locale).numbers.formatInt(value, status).toString(status);
  check(status, "number");
  return to_utf8(text);
}

std::string Formatter::decimal(std::string_view value, core::Locale locale) const {
  return format_decimal(formatters(locale).numbers, value);
}

std::string Formatter::date(std::chrono::sys_seconds instant, core::Locale locale,
                            std::string_view iana_zone) const {
  const auto& entry = formatters(locale);
  const auto& format = long_date_format(entry.tag, entry.icu_locale, iana_zone);
  // UDate is milliseconds as a double: exact for any date within ±285 000 years.
  auto milliseconds = static_cast<UDate>(instant.time_since_epoch().count()) * 1000.0;
  icu::UnicodeString text;
  format.format(milliseconds, text);
  return to_utf8(text);
}

}  // namespace comptoir::i18n
