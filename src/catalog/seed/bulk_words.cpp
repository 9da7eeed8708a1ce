#include "catalog/seed/bulk_words.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <iterator>

#include "catalog/seed/demo_data.hpp"

namespace comptoir::catalog::seed {
namespace {

namespace json = boost::json;

[[noreturn]] void fail(std::string_view where, std::string_view problem) {
  throw DemoDataError(fmt::format("bulk.json: {}: {}", where, problem));
}

const json::value& member(const json::object& object, std::string_view key,
                          std::string_view where) {
  const auto* value = object.if_contains(key);
  if (!value) fail(where, fmt::format("'{}' is missing", key));
  return *value;
}

std::string text(const json::value& value, std::string_view where) {
  if (!value.is_string() || value.get_string().empty()) fail(where, "expected a non-empty string");
  return std::string(value.get_string());
}

std::string text(const json::object& object, std::string_view key, std::string_view where) {
  return text(member(object, key, where), fmt::format("{}.{}", where, key));
}

const json::array& list(const json::object& object, std::string_view key, std::string_view where) {
  const auto& value = member(object, key, where);
  if (!value.is_array() || value.get_array().empty())
    fail(fmt::format("{}.{}", where, key), "expected a non-empty array");
  return value.get_array();
}

const json::object& object_of(const json::value& value, std::string_view where) {
  if (!value.is_object()) fail(where, "expected an object");
  return value.get_object();
}

// [{"fr": …, "en": …}, …] → two parallel lists.
void pairs(const json::object& object, std::string_view key, std::string_view where,
           std::vector<std::string>& fr, std::vector<std::string>& en) {
  for (const auto& value : list(object, key, where)) {
    const auto& pair = object_of(value, where);
    fr.push_back(text(pair, "fr", where));
    en.push_back(text(pair, "en", where));
  }
}

std::vector<std::string> strings(const json::object& object, std::string_view key,
                                 std::string_view where) {
  std::vector<std::string> out;
  for (const auto& value : list(object, key, where)) out.push_back(text(value, where));
  return out;
}

long long number(const json::value& value, std::string_view where, long long min, long long max) {
  if (!value.is_int64() || value.get_int64() < min || value.get_int64() > max)
    fail(where, fmt::format("expected an integer in [{}, {}]", min, max));
  return value.get_int64();
}

// [min, max] with min < max.
std::pair<long long, long long> range(const json::object& object, std::string_view key,
                                      std::string_view where, long long limit) {
  const auto& items = list(object, key, where);
  if (items.size() != 2) fail(where, fmt::format("'{}' must be [min, max]", key));
  auto low = number(items[0], where, 1, limit);
  auto high = number(items[1], where, 1, limit);
  if (low >= high) fail(where, fmt::format("'{}' must be [min, max] with min < max", key));
  return {low, high};
}

BulkFamily family_of(const json::object& object) {
  BulkFamily family;
  family.category = text(object, "category", "families");
  const std::string where = fmt::format("families.{}", family.category);
  for (const auto& value : list(object, "nouns", where)) {
    const auto& noun = object_of(value, where);
    family.nouns_fr.push_back(text(noun, "fr", where));
    family.nouns_en.push_back(text(noun, "en", where));
    auto gender = text(noun, "g", where);
    if (gender != "m" && gender != "f" && gender != "mp" && gender != "fp")
      fail(where, "g must be m, f, mp or fp");
    family.nouns_gender.push_back(gender);
  }
  for (const auto& value : list(object, "qualifiers", where)) {
    const auto& qualifier = object_of(value, where);
    auto masculine = text(qualifier, "fr", where);
    family.quals_m.push_back(masculine);
    // A qualifier without other forms is invariable ("en grès", "à l'érable").
    auto form = [&](std::string_view key) {
      return qualifier.contains(key) ? text(qualifier, key, where) : masculine;
    };
    family.quals_f.push_back(form("f"));
    family.quals_mp.push_back(form("mp"));
    family.quals_fp.push_back(form("fp"));
    family.quals_en.push_back(text(qualifier, "en", where));
  }
  family.brands = strings(object, "brands", where);
  pairs(object, "sentences", where, family.sentences_fr, family.sentences_en);
  if (family.sentences_fr.size() < 2) fail(where, "needs at least 2 sentences");
  const auto& option = object_of(member(object, "option", where), where);
  family.option_code = text(option, "code", where);
  family.option_fr = text(option, "fr", where);
  family.option_en = text(option, "en", where);
  pairs(option, "values", where, family.values_fr, family.values_en);
  if (family.values_fr.size() < 3) fail(where, "the option needs at least 3 values");
  std::tie(family.price_min, family.price_max) = range(object, "price", where, 10'000'000);
  auto [weight_min, weight_max] = range(object, "weight", where, 100'000);
  family.weight_min = static_cast<int>(weight_min);
  family.weight_max = static_cast<int>(weight_max);
  return family;
}

}  // namespace

BulkWords load_bulk_words(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DemoDataError(fmt::format("cannot read {}", file.string()));
  std::string content(std::istreambuf_iterator<char>(in), {});
  boost::system::error_code ec;
  auto value = json::parse(content, ec);
  if (ec) throw DemoDataError(fmt::format("{}: not valid JSON: {}", file.string(), ec.message()));
  const auto& root = object_of(value, "top level");

  BulkWords words;
  for (const auto& family : list(root, "families", "top level"))
    words.families.push_back(family_of(object_of(family, "families")));
  const auto& common = object_of(member(root, "common", "top level"), "common");
  words.collections = strings(common, "collections", "common");
  pairs(common, "sentences", "common", words.sentences_fr, words.sentences_en);
  return words;
}

std::string pg_text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace comptoir::catalog::seed
