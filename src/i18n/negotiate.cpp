#include "i18n/negotiate.hpp"

#include <array>
#include <cstddef>
#include <optional>

namespace comptoir::i18n {
namespace {

constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 4647 §2.1 language-range: "*" or 1*8ALPHA *("-" 1*8alphanum).
bool is_language_range(std::string_view range) {
  if (range == "*") return true;
  std::size_t subtag_length = 0;
  bool first_subtag = true;
  for (char c : range) {
    if (c == '-') {
      if (subtag_length == 0) return false;
      subtag_length = 0;
      first_subtag = false;
      continue;
    }
    if (!(is_alpha(c) || (!first_subtag && is_digit(c)))) return false;
    if (++subtag_length > 8) return false;
  }
  return subtag_length > 0;
}

// RFC 9110 §12.4.2 qvalue, in thousandths so no floating point is involved.
std::optional<int> parse_qvalue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int value = (text[0] - '0') * 1000;
  if (text.size() == 1) return value;
  if (text[1] != '.' || text.size() > 5) return std::nullopt;
  int scale = 100;
  for (char c : text.substr(2)) {
    if (!is_digit(c)) return std::nullopt;
    value += (c - '0') * scale;
    scale /= 10;
  }
  if (value > 1000) return std::nullopt;
  return value;
}

struct Preference {
  std::string_view range;
  int q = 1000;
};

std::optional<Preference> parse_preference(std::string_view item) {
  auto semicolon = item.find(';');
  Preference preference{trim(item.substr(0, semicolon))};
  if (!is_language_range(preference.range)) return std::nullopt;
  while (semicolon != std::string_view::npos) {
    item.remove_prefix(semicolon + 1);
    semicolon = item.find(';');
    auto parameter = trim(item.substr(0, semicolon));
    // Accept-Language allows only a weight; anything else makes the item unusable.
    if (parameter.size() < 2 || to_lower(parameter[0]) != 'q' || parameter[1] != '=')
      return std::nullopt;
    auto q = parse_qvalue(parameter.substr(2));
    if (!q) return std::nullopt;
    preference.q = *q;
  }
  return preference;
}

std::optional<core::Locale> locale_of(std::string_view range) {
  auto primary = range.substr(0, range.find('-'));
  if (primary.size() != 2) return std::nullopt;
  const char lowered[2] = {to_lower(primary[0]), to_lower(primary[1])};
  return core::locale_from_code(std::string_view(lowered, 2));
}

}  // namespace

core::Locale negotiate_locale(std::string_view accept_language) {
  std::optional<core::Locale> best;
  int best_q = 0;
  std::size_t best_position = 0;
  int wildcard_q = 0;
  std::size_t wildcard_position = 0;
  std::array<bool, core::kLocales.size()> excluded{};

  std::size_t position = 0;
  while (!accept_language.empty()) {
    auto comma = accept_language.find(',');
    auto item = accept_language.substr(0, comma);
    accept_language =
        comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);
    ++position;
    auto preference = parse_preference(item);
    if (!preference) continue;
    if (preference->range == "*") {
      if (preference->q > wildcard_q) {
        wildcard_q = preference->q;
        wildcard_position = position;
      }
      continue;
    }
    auto locale = locale_of(preference->range);
    if (!locale) continue;
    if (preference->q == 0) {
      // Only the bare language ("fr;q=0") rules out every variant; "fr-CA;q=0" does not.
      if (preference->range.size() == 2) excluded[static_cast<std::size_t>(*locale)] = true;
      continue;
    }
    if (preference->q > best_q) {
      best = locale;
      best_q = preference->q;
      best_position = position;
    }
  }

  if (wildcard_q > best_q ||
      (wildcard_q > 0 && wildcard_q == best_q && wildcard_position < best_position)) {
    for (auto locale : core::kLocales)
      if (!excluded[static_cast<std::size_t>(locale)]) return locale;
  }
  return best.value_or(core::kDefaultLocale);
}

}  // namespace comptoir::i18n
