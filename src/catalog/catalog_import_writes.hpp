#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/author.hpp"
#include "catalog/catalog_error.hpp"
#include "catalog/catalog_import_file.hpp"
#include "catalog/model.hpp"

// Internal to the catalog's imports (catalog_imports.hpp): one product of an import file, checked
// or written, on the caller's transaction.
namespace comptoir::catalog {

class CatalogRepository;

enum class ImportOutcome { created, changed, unchanged, refused };
std::string_view to_string(ImportOutcome outcome);
std::optional<ImportOutcome> parse_import_outcome(std::string_view text);  // to_string's inverse

// What one line of the file did (or would do, in a check).
struct ImportLineResult {
  std::size_t line = 0;
  std::string sku{};
  std::optional<std::int64_t> product_id{};  // nullopt: a product to create
  std::string product_name{};                // French name, else English
  ImportOutcome outcome = ImportOutcome::unchanged;
  boost::json::object changes{};     // changed: {field: {before, after}}, as the audit log says it
  std::vector<FieldError> errors{};  // refused: field = the file's column
};

// Checks the group's product against the catalog as this transaction sees it and, when `write`,
// writes it: the product is created, or changed where the file differs from it (nothing written,
// no version bumped, no audit entry when nothing differs: importing a file twice changes nothing
// the second time). A product is all or nothing: when one of its lines is refused, the others
// are refused too (naming the line at fault). Never deletes: a variant the file does not name
// stays as it is. With an author, each write appends product.created or product.updated in the
// same transaction. A rule that only the write can find (a SKU taken meanwhile) throws
// writes::Rejected or db::DbError after writing has begun: the caller rolls the transaction
// back and reports the group with refused_group().
std::vector<ImportLineResult> import_group(CatalogRepository& repo, const CategoryTree& tree,
                                           const ImportGroup& group, bool write,
                                           const std::optional<Author>& author);

// Every line of `group` refused by `error` (on its first line; the others name that line).
std::vector<ImportLineResult> refused_group(const ImportGroup& group, const CatalogError& error);

}  // namespace comptoir::catalog
