#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/locale.hpp"

namespace comptoir::i18n {

// UI strings per locale, from locales/<code>.json (flat objects: "dotted.key": "text").
// Immutable once built, so one instance is shared by every thread.
class Catalog {
 public:
  // Reads <data_dir>/locales/fr.json and en.json; throws std::runtime_error naming the file when
  // one is missing or is not a flat object of strings.
  static Catalog load(const std::filesystem::path& data_dir);
  // Same rules, from JSON text (tests, embedded defaults).
  static Catalog from_json(std::string_view fr_json, std::string_view en_json);

  // The text for `key`, else the French text, else the key itself so a gap shows instead of
  // breaking the page.
  std::string_view t(core::Locale locale, std::string_view key) const;
  bool contains(core::Locale locale, std::string_view key) const;
  // Keys some other locale has and `locale` lacks, sorted.
  std::vector<std::string> keys_missing_in(core::Locale locale) const;

 private:
  using Messages = std::map<std::string, std::string, std::less<>>;
  Catalog() = default;
  static Messages parse(std::string_view json, std::string_view source);

  std::array<Messages, core::kLocales.size()> messages_;
};

}  // namespace comptoir::i18n
