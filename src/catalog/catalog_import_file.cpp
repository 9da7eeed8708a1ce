#include "catalog/catalog_import_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "catalog/catalog_export.hpp"
#include "catalog/gtin.hpp"
#include "catalog/slug.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "http/form.hpp"

namespace comptoir::catalog {
namespace {

using core::Locale;
using core::lower_ascii;
using core::upper_ascii;

constexpr std::size_t kColumns = std::size(kExportColumns);

std::optional<std::int64_t> integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "24.50", "24,5", "1 234,50" (spaces, no-break spaces and narrow no-break spaces between the
// digits, as French spreadsheets write them), "24" → cents. No sign, at most two decimals.
std::optional<std::int64_t> decimal_cents(std::string_view text) {
  std::string digits;
  std::optional<std::size_t> point;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if ((c == '.' || c == ',') && !point) {
      point = digits.size();
    } else if (c == ' ') {
      continue;
    } else if (text.substr(i).starts_with("\u00A0")) {
      i += 1;
    } else if (text.substr(i).starts_with("\u202F")) {
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  std::size_t decimals = point ? digits.size() - *point : 0;
  if (decimals > 2 || (point && *point == 0)) return std::nullopt;
  auto value = integer(digits);
  if (!value) return std::nullopt;
  for (; decimals < 2; ++decimals) *value *= 10;
  return value;
}

std::optional<bool> boolean(std::string_view text) {
  auto word = lower_ascii(text);
  if (word == "true" || word == "1" || word == "yes" || word == "oui" || word == "vrai")
    return true;
  if (word == "false" || word == "0" || word == "no" || word == "non" || word == "faux")
    return false;
  return std::nullopt;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != ',') ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

// The cells of one record by column, through the header's positions.
class Cells {
 public:
  Cells(const std::array<std::optional<std::size_t>, kColumns>& positions,
        const core::CsvRecord& record, ImportLine& line)
      : positions_(positions), record_(record), line_(line) {}

  // The cell of `column` (formula guard taken off), nullopt when the column is absent.
  std::optional<std::string_view> raw(std::string_view column) const {
    auto index = static_cast<std::size_t>(std::ranges::find(kExportColumns, column) -
                                          std::begin(kExportColumns));
    const auto& position = positions_.at(index);
    if (!position) return std::nullopt;
    if (*position >= record_.cells.size()) return std::string_view{};
    return core::without_formula_guard(record_.cells[*position]);
  }
  // Trimmed; nullopt when absent or empty.
  std::optional<std::string_view> word(std::string_view column) const {
    auto cell = raw(column);
    if (!cell) return std::nullopt;
    auto trimmed = core::trim_blanks(*cell);
    if (trimmed.empty()) return std::nullopt;
    return trimmed;
  }
  std::optional<std::string> text(std::string_view column) const {
    auto cell = raw(column);
    return cell ? std::optional<std::string>(*cell) : std::nullopt;
  }
  template <class T, class Parse>
  std::optional<T> parsed(std::string_view column, std::string_view key, Parse parse) const {
    auto cell = word(column);
    if (!cell) return std::nullopt;
    auto value = parse(*cell);
    if (!value) line_.errors.push_back({std::string(column), std::string(key), std::string(*cell)});
    return value;
  }

 private:
  const std::array<std::optional<std::size_t>, kColumns>& positions_;
  const core::CsvRecord& record_;
  ImportLine& line_;
};

ImportLine read_line(const std::array<std::optional<std::size_t>, kColumns>& positions,
                     const core::CsvRecord& record) {
  ImportLine line;
  line.line = record.line;
  Cells cells(positions, record, line);
  auto positive = [](std::string_view text) -> std::optional<std::int64_t> {
    auto value = integer(text);
    return value && *value > 0 ? value : std::nullopt;
  };
  auto count = [](std::string_view text) { return integer(text); };
  line.product_id = cells.parsed<std::int64_t>("product_id", "catalog.import.error.id", positive);
  line.status = cells.parsed<ProductStatus>(
      "status", "catalog.import.error.status",
      [](std::string_view text) { return parse_product_status(lower_ascii(text)); });
  line.fulfillment = cells.parsed<FulfillmentType>(
      "fulfillment", "catalog.import.error.fulfillment",
      [](std::string_view text) { return parse_fulfillment_type(upper_ascii(text)); });
  for (auto locale : core::kLocales) {
    auto prefix = std::string(core::code(locale)) + "_";
    if (auto slug = cells.word(prefix + "slug")) line.slug[locale] = lower_ascii(*slug);
    if (auto name = cells.word(prefix + "name")) line.name[locale] = std::string(*name);
    line.short_description[locale] = cells.text(prefix + "short_description");
    line.description[locale] = cells.text(prefix + "description");
    line.meta_title[locale] = cells.text(prefix + "meta_title");
    line.meta_description[locale] = cells.text(prefix + "meta_description");
    line.variant_label[locale] = cells.text(prefix + "variant");
  }
  line.brand = cells.text("brand");
  if (auto primary = cells.raw("primary_category"))
    line.primary_category = lower_ascii(core::trim_blanks(*primary));
  if (auto categories = cells.raw("categories")) line.categories = words(lower_ascii(*categories));
  line.featured = cells.parsed<bool>("featured", "catalog.import.error.boolean", boolean);
  line.weight_grams =
      cells.parsed<std::int64_t>("weight_grams", "catalog.import.error.number", count);
  line.variant_id = cells.parsed<std::int64_t>("variant_id", "catalog.import.error.id", positive);
  line.sku = std::string(cells.word("sku").value_or(""));
  if (line.sku.empty()) line.errors.push_back({"sku", "catalog.import.error.sku_required", {}});
  if (auto gtin = cells.raw("gtin")) line.gtin = gtin_from_spreadsheet(core::trim_blanks(*gtin));
  line.price_cents =
      cells.parsed<std::int64_t>("price", "catalog.import.error.price", decimal_cents);
  if (auto compare = cells.raw("compare_at_price")) {
    line.compare_at_cents = std::optional<std::int64_t>{};
    if (!core::trim_blanks(*compare).empty())
      line.compare_at_cents = cells.parsed<std::int64_t>(
          "compare_at_price", "catalog.import.error.price", decimal_cents);
  }
  if (auto currency = cells.word("currency")) line.currency = upper_ascii(*currency);
  line.stock = cells.parsed<std::int64_t>("stock", "catalog.import.error.number", count);
  line.track_inventory =
      cells.parsed<bool>("track_inventory", "catalog.import.error.boolean", boolean);
  return line;
}

// Refuses `later`'s product field when it gives a value other than the group's first line's.
class SameProduct {
 public:
  SameProduct(const ImportLine& first, ImportLine& later) : first_(first), later_(later) {}

  template <class T>
  void check(std::string_view column, const std::optional<T>& first, const std::optional<T>& later,
             bool empty_is_same = false) {
    if (!later || first == later) return;
    if constexpr (std::is_same_v<T, std::string>)
      if (empty_is_same && later->empty()) return;
    later_.errors.push_back(
        {std::string(column), "catalog.import.error.differs", std::to_string(first_.line)});
  }

 private:
  const ImportLine& first_;
  ImportLine& later_;
};

void check_same_product(const ImportLine& first, ImportLine& later) {
  SameProduct same(first, later);
  same.check("product_id", first.product_id, later.product_id);
  same.check("status", first.status, later.status);
  same.check("fulfillment", first.fulfillment, later.fulfillment);
  for (auto locale : core::kLocales) {
    auto prefix = std::string(core::code(locale)) + "_";
    same.check(prefix + "slug", first.slug[locale], later.slug[locale]);
    same.check(prefix + "name", first.name[locale], later.name[locale], true);
    same.check(prefix + "short_description", first.short_description[locale],
               later.short_description[locale], true);
    same.check(prefix + "description", first.description[locale], later.description[locale], true);
    same.check(prefix + "meta_title", first.meta_title[locale], later.meta_title[locale], true);
    same.check(prefix + "meta_description", first.meta_description[locale],
               later.meta_description[locale], true);
  }
  same.check("brand", first.brand, later.brand, true);
  same.check("primary_category", first.primary_category, later.primary_category, true);
  if (later.categories && !later.categories->empty() && later.categories != first.categories)
    later.errors.push_back(
        {"categories", "catalog.import.error.differs", std::to_string(first.line)});
  same.check("featured", first.featured, later.featured);
  same.check("weight_grams", first.weight_grams, later.weight_grams);
}

}  // namespace

std::expected<ImportFile, ImportFileProblem> read_import_file(std::string_view text) {
  if (text.size() > kMaxImportBytes) return std::unexpected(ImportFileProblem{.code = "too_large"});
  if (!http::is_clean_text(text)) return std::unexpected(ImportFileProblem{.code = "not_utf8"});
  auto records = core::read_csv(text, {.max_records = kMaxImportLines + 1, .max_cells = 200});
  if (!records) {
    using Code = core::CsvError::Code;
    auto code = records.error().code;
    return std::unexpected(
        ImportFileProblem{.code = code == Code::too_many_records ? "too_many_lines"
                                  : code == Code::too_many_cells ? "too_many_cells"
                                                                 : "malformed",
                          .line = records.error().line});
  }
  if (records->size() < 2) return std::unexpected(ImportFileProblem{.code = "empty"});

  ImportFile file;
  std::array<std::optional<std::size_t>, kColumns> positions{};
  const auto& header = records->front().cells;
  for (std::size_t i = 0; i < header.size(); ++i) {
    auto name = lower_ascii(core::trim_blanks(header[i]));
    auto known = std::ranges::find(kExportColumns, name);
    if (known == std::end(kExportColumns)) {
      if (!name.empty()) file.ignored_columns.push_back(name);
      continue;
    }
    auto& position = positions.at(static_cast<std::size_t>(known - std::begin(kExportColumns)));
    if (position)
      return std::unexpected(
          ImportFileProblem{.code = "duplicate_column", .line = 1, .detail = name});
    position = i;
  }
  constexpr auto kSku = static_cast<std::size_t>(
      std::ranges::find(kExportColumns, std::string_view("sku")) - std::begin(kExportColumns));
  if (!positions.at(kSku))
    return std::unexpected(ImportFileProblem{.code = "no_sku_column", .line = 1});

  file.lines.reserve(records->size() - 1);
  for (std::size_t i = 1; i < records->size(); ++i)
    file.lines.push_back(read_line(positions, (*records)[i]));
  return file;
}

std::vector<ImportGroup> group_import_lines(std::vector<ImportLine> lines) {
  std::vector<ImportGroup> groups;
  std::map<std::string, std::size_t> group_of;
  std::map<std::string, std::size_t> sku_line;
  std::map<std::int64_t, std::size_t> variant_line;
  for (auto& line : lines) {
    if (!line.sku.empty()) {
      auto [at, fresh] = sku_line.emplace(upper_ascii(line.sku), line.line);
      if (!fresh)
        line.errors.push_back(
            {"sku", "catalog.import.error.duplicate_sku", std::to_string(at->second)});
    }
    if (line.variant_id) {
      auto [at, fresh] = variant_line.emplace(*line.variant_id, line.line);
      if (!fresh)
        line.errors.push_back(
            {"variant_id", "catalog.import.error.duplicate_variant", std::to_string(at->second)});
    }

    ImportGroup group;
    std::string key;
    const auto& slug = line.slug[Locale::fr];
    const auto& name = line.name[Locale::fr];
    if (line.product_id) {
      group.key = ImportGroup::Key::product_id;
      group.product_id = line.product_id;
      key = fmt::format("id:{}", *line.product_id);
    } else if (slug || (name && !slugify(*name).empty())) {
      group.key = ImportGroup::Key::slug;
      group.slug = slug ? *slug : slugify(*name);
      key = "slug:" + group.slug;
    } else {
      group.key = ImportGroup::Key::sku;
      key = fmt::format("sku:{}", upper_ascii(line.sku));
    }
    auto [at, fresh] = group_of.emplace(key, groups.size());
    if (fresh)
      groups.push_back(std::move(group));
    else
      check_same_product(groups[at->second].lines.front(), line);
    groups[at->second].lines.push_back(std::move(line));
  }
  return groups;
}

std::string import_column(std::string_view field) {
  if (field.starts_with("variants[")) {
    auto close = field.find("].");
    field = close == std::string_view::npos ? std::string_view("sku") : field.substr(close + 2);
  }
  if (field.starts_with("text.") && field.size() > 8)  // text.fr.name → fr_name
    return fmt::format("{}_{}", field.substr(5, 2), field.substr(8));
  if (field.starts_with("text.") && field.size() == 7)  // text.fr: the text itself, its name
    return fmt::format("{}_name", field.substr(5, 2));
  if (field.starts_with("option_values") || field.starts_with("options"))
    return field.ends_with(".en") ? "en_variant" : "fr_variant";
  if (field.starts_with("category_ids")) return "categories";
  static const std::map<std::string_view, std::string_view> kNames{
      {"price_cents", "price"},
      {"compare_at_cents", "compare_at_price"},
      {"stock_on_hand", "stock"},
      {"primary_category_id", "primary_category"},
      {"fulfillment_type", "fulfillment"},
      {"position", "sku"},
      {"variants", "sku"}};
  if (auto known = kNames.find(field); known != kNames.end()) return std::string(known->second);
  return std::string(field);
}

}  // namespace comptoir::catalog
