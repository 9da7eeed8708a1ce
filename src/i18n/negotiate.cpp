#include "i18n/negotiate.hpp"

#include <array>
#include <cstddef>
#include <optional>

#include "http/weighted_list.hpp"

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
  http::for_each_weighted(accept_language, [&](const http::WeightedItem& item) {
    ++position;
    // Accept-Language allows only a weight; anything else makes the item unusable.
    if (item.malformed || item.other_parameters || !is_language_range(item.value)) return;
    if (item.value == "*") {
      if (item.q > wildcard_q) {
        wildcard_q = item.q;
        wildcard_position = position;
      }
      return;
    }
    auto locale = locale_of(item.value);
    if (!locale) return;
    if (item.q == 0) {
      // Only the bare language ("fr;q=0") rules out every variant; "fr-CA;q=0" does not.
      if (item.value.size() == 2) excluded[static_cast<std::size_t>(*locale)] = true;
      return;
    }
    if (item.q > best_q) {
      best = locale;
      best_q = item.q;
      best_position = position;
    }
  });

  if (wildcard_q > best_q ||
      (wildcard_q > 0 && wildcard_q == best_q && wildcard_position < best_position)) {
    for (auto locale : core::kLocales)
      if (!excluded[static_cast<std::size_t>(locale)]) return locale;
  }
  return best.value_or(core::kDefaultLocale);
}

}  // namespace comptoir::i18n
