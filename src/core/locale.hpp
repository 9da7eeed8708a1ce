#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace comptoir::core {

// The storefront's languages. French first: it is the default and the fallback (design.md §4).
enum class Locale { fr, en };

inline constexpr std::array kLocales{Locale::fr, Locale::en};
inline constexpr Locale kDefaultLocale = Locale::fr;

constexpr std::string_view code(Locale locale) {
  return locale == Locale::fr ? "fr" : "en";
}

constexpr std::optional<Locale> locale_from_code(std::string_view code) {
  if (code == "fr") return Locale::fr;
  if (code == "en") return Locale::en;
  return std::nullopt;
}

constexpr Locale other(Locale locale) {
  return locale == Locale::fr ? Locale::en : Locale::fr;
}

// One text per locale fixed at compile time, such as a path: {"/fr/panier", "/en/cart"}. Each
// module lists its own paths this way in its <module>_urls.hpp.
struct Localized {
  std::string_view fr;
  std::string_view en;
  constexpr std::string_view operator[](Locale locale) const {
    return locale == Locale::fr ? fr : en;
  }
};

}  // namespace comptoir::core
