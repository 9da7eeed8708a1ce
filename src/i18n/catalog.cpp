#include "i18n/catalog.hpp"

#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

namespace comptoir::i18n {
namespace {

std::size_t index(core::Locale locale) {
  return static_cast<std::size_t>(locale);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read message catalog {}", path.string()));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// 1-based line of byte `offset`, so a translator can find a syntax error.
std::size_t line_at(std::string_view text, std::size_t offset) {
  auto before = text.substr(0, std::min(offset, text.size()));
  return static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
}

// The first key that the top-level object of `json` (already known to be well formed) names
// twice, if any. A JSON parser keeps one of the two silently, so a message added under a key that
// exists already would shadow the other one: the catalog refuses the file instead.
std::optional<std::string> duplicate_key(std::string_view json) {
  std::set<std::string, std::less<>> seen;
  int depth = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c != '"') continue;
    std::size_t end = i + 1;
    while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2U : 1U;
    auto text = json.substr(i + 1, end - i - 1);
    auto next = json.find_first_not_of(" \t\r\n", end + 1);
    if (depth == 1 && next != std::string_view::npos && json[next] == ':' &&
        !seen.emplace(text).second)
      return std::string(text);
    i = end;
  }
  return std::nullopt;
}

}  // namespace

Catalog::Messages Catalog::parse(std::string_view json, std::string_view source) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  auto consumed = parser.write(json.data(), json.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec)
    throw std::runtime_error(fmt::format("{}: malformed JSON at line {}: {}", source,
                                         line_at(json, consumed), ec.message()));
  if (auto twice = duplicate_key(json))
    throw std::runtime_error(fmt::format("{}: the key \"{}\" appears twice", source, *twice));
  auto document = parser.release();
  if (!document.is_object())
    throw std::runtime_error(fmt::format("{}: expected an object of \"key\": \"text\"", source));

  Messages messages;
  for (const auto& [key, value] : document.get_object()) {
    if (!value.is_string())
      throw std::runtime_error(
          fmt::format("{}: value of \"{}\" must be a string", source, std::string_view(key)));
    const auto& text = value.get_string();
    messages.emplace(std::string(key), std::string(text.data(), text.size()));
  }
  return messages;
}

Catalog Catalog::load(const std::filesystem::path& data_dir) {
  Catalog catalog;
  for (auto locale : core::kLocales) {
    auto path = data_dir / "locales" / fmt::format("{}.json", core::code(locale));
    catalog.messages_[index(locale)] = parse(read_file(path), path.string());
  }
  return catalog;
}

Catalog Catalog::from_json(std::string_view fr_json, std::string_view en_json) {
  Catalog catalog;
  catalog.messages_[index(core::Locale::fr)] = parse(fr_json, "fr.json");
  catalog.messages_[index(core::Locale::en)] = parse(en_json, "en.json");
  return catalog;
}

std::string_view Catalog::t(core::Locale locale, std::string_view key) const {
  for (auto candidate : {locale, core::kDefaultLocale}) {
    const auto& messages = messages_[index(candidate)];
    if (auto found = messages.find(key); found != messages.end()) return found->second;
  }
  return key;
}

bool Catalog::contains(core::Locale locale, std::string_view key) const {
  return messages_[index(locale)].contains(key);
}

std::vector<std::string> Catalog::keys_missing_in(core::Locale locale) const {
  const auto& own = messages_[index(locale)];
  std::vector<std::string> missing;
  for (auto other : core::kLocales) {
    if (other == locale) continue;
    for (const auto& [key, text] : messages_[index(other)])
      if (!own.contains(key)) missing.push_back(key);
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  return missing;
}

}  // namespace comptoir::i18n
