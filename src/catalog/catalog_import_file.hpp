#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_error.hpp"
#include "catalog/model.hpp"

// A product import file read and grouped, before the database is asked anything: the columns of
// the catalog's CSV export (catalog_export.hpp), in any order and any subset that has `sku`.
//
// What a cell means:
// - A column absent from the file leaves its field as it is: a file of `sku,price` only changes
//   prices.
// - An empty cell leaves its field as it is too, except where empty is a value: descriptions,
//   meta texts and the brand (an empty one clears it), `compare_at_price` (none), `categories`
//   and `primary_category` (none), `fr_variant`/`en_variant` (no option, on a new variant). An
//   empty name or slug keeps the product's (a new product needs its names; its slugs are made
//   from them).
// - Prices are decimals in the currency's units, with a point or a comma ("24.50", "24,50");
//   booleans are true/false (also 1/0, yes/no, oui/non); categories are French slugs separated by
//   spaces; a variant's label is its option values in axis order joined by " / ".
// - A text cell that the export protected against formula injection ("'=…") is read without the
//   apostrophe.
namespace comptoir::catalog {

inline constexpr std::size_t kMaxImportLines = 50'000;
inline constexpr std::size_t kMaxImportBytes = 20 * 1024 * 1024;

// One line of the file, its cells read: nullopt where the column is absent or the cell empty
// (see above), the errors of cells that could not be read in `errors` (field = the column).
struct ImportLine {
  std::size_t line = 0;  // in the file, 1 = the header
  std::optional<std::int64_t> product_id{};
  std::optional<ProductStatus> status{};
  std::optional<FulfillmentType> fulfillment{};
  PerLocale<std::optional<std::string>> slug{}, name{}, short_description{}, description{},
      meta_title{}, meta_description{};
  std::optional<std::string> brand{};
  std::optional<std::string> primary_category{};  // French slug; "" = none
  std::optional<std::vector<std::string>> categories{};
  std::optional<bool> featured{};
  std::optional<std::int64_t> weight_grams{};
  std::optional<std::int64_t> variant_id{};
  std::string sku{};
  std::optional<std::string> gtin{};  // "" removes the variant's; absent column: kept
  PerLocale<std::optional<std::string>> variant_label{};
  std::optional<std::int64_t> price_cents{};
  std::optional<std::optional<std::int64_t>> compare_at_cents{};
  std::optional<std::string> currency{};
  std::optional<std::int64_t> stock{};
  std::optional<bool> track_inventory{};
  std::vector<FieldError> errors{};
};

// What makes a whole file unreadable; `line` where it applies, `detail` a column name.
struct ImportFileProblem {
  // not_utf8, malformed (quoting), too_large, too_many_lines, empty, no_sku_column,
  // duplicate_column, too_many_cells
  std::string code;
  std::size_t line = 0;
  std::string detail{};
};

struct ImportFile {
  std::vector<ImportLine> lines;
  std::vector<std::string> ignored_columns;  // headers that are not the export's, left out
};

std::expected<ImportFile, ImportFileProblem> read_import_file(std::string_view text);

// The lines about one product, in file order. Lines are grouped by product_id, else by French
// slug, else by the slug of the French name, else (a line that names no product) by SKU: that
// line's variant's product. A product's fields are read from its first line; a later line may
// leave them empty, and one that gives another value is refused (`differs`, with the first
// line's number). A SKU or a variant id that two lines give is refused on the second line.
struct ImportGroup {
  enum class Key { product_id, slug, sku } key = Key::sku;
  std::optional<std::int64_t> product_id{};  // Key::product_id
  std::string slug{};                        // Key::slug: the French slug the product has
  std::vector<ImportLine> lines;
};

std::vector<ImportGroup> group_import_lines(std::vector<ImportLine> lines);

// The file's column for a field name of the catalog's rules ("text.fr.name" → "fr_name",
// "variants[2].price_cents" → "price", "stock_on_hand" → "stock"), for messages staff read
// against their spreadsheet.
std::string import_column(std::string_view field);

}  // namespace comptoir::catalog
