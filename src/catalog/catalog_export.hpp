#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"

namespace comptoir::db {
class Connection;
}

// The catalog as rows for a spreadsheet (the back office's CSV export): one row per variant with
// its product's fields in both languages, on the caller's connection, in pages by a keyset
// (product id, variant id) so a large catalog is read in bounded steps.
namespace comptoir::catalog {

struct ExportFilter {
  std::optional<ProductStatus> status{};      // any status when empty
  std::optional<std::int64_t> category_id{};  // its subcategories' products included
  // Rows after this (product id, variant id), in that order.
  std::int64_t after_product_id = 0;
  std::int64_t after_variant_id = 0;
  int limit = 1000;
};

struct ExportRow {
  std::int64_t product_id = 0;
  std::string status{};
  std::string fulfillment{};
  PerLocale<std::string> slug{}, name{}, short_description{}, description{}, meta_title{},
      meta_description{};
  std::string brand{};
  std::string primary_category{};  // its French slug, or ""
  std::string categories{};        // the French slugs of all its categories, space-separated
  bool featured = false;
  std::int64_t weight_grams = 0;
  std::int64_t variant_id = 0;
  std::string sku{};
  std::string gtin{};
  PerLocale<std::string> variant_label{};  // "Grand / Bleu": the option values in axis order
  std::int64_t price_cents = 0;
  std::optional<std::int64_t> compare_at_cents{};
  std::string currency{};
  std::int64_t stock = 0;
  bool track_inventory = true;
};

// The file's columns, in order; the import reads files with these names (catalog_import_file.hpp).
inline constexpr std::string_view kExportColumns[] = {"product_id",
                                                      "status",
                                                      "fulfillment",
                                                      "fr_slug",
                                                      "en_slug",
                                                      "fr_name",
                                                      "en_name",
                                                      "fr_short_description",
                                                      "en_short_description",
                                                      "fr_description",
                                                      "en_description",
                                                      "fr_meta_title",
                                                      "en_meta_title",
                                                      "fr_meta_description",
                                                      "en_meta_description",
                                                      "brand",
                                                      "primary_category",
                                                      "categories",
                                                      "featured",
                                                      "weight_grams",
                                                      "variant_id",
                                                      "sku",
                                                      "gtin",
                                                      "fr_variant",
                                                      "en_variant",
                                                      "price",
                                                      "compare_at_price",
                                                      "currency",
                                                      "stock",
                                                      "track_inventory"};

std::vector<ExportRow> export_rows(db::Connection& conn, const ExportFilter& filter);

}  // namespace comptoir::catalog
