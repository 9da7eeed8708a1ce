#include "catalog/variant_lookup.hpp"

#include "db/connection.hpp"

namespace comptoir::catalog {
namespace {

#define COMPTOIR_LABEL_COLUMNS                                                              \
  "v.id, v.product_id, v.sku, v.gtin, coalesce((SELECT t.name FROM product_translations t " \
  "WHERE t.product_id = v.product_id ORDER BY t.locale = $2 DESC, t.locale LIMIT 1), ''), " \
  "v.price_cents, v.currency"

// LIKE's own characters in the text are taken as themselves.
constexpr db::Query kFind{
    "catalog_find_variants",
    "SELECT " COMPTOIR_LABEL_COLUMNS
    " FROM variants v WHERE upper(v.sku) LIKE upper($1) || '%' ESCAPE '\\' "
    "OR (v.gtin <> '' AND v.gtin LIKE $1 || '%' ESCAPE '\\') OR EXISTS (SELECT 1 FROM "
    "product_translations t WHERE t.product_id = v.product_id AND t.name ILIKE '%' || $1 || '%' "
    "ESCAPE '\\') ORDER BY v.sku, v.id LIMIT $3"};
constexpr db::Query kLabels{"catalog_variant_labels",
                            "SELECT " COMPTOIR_LABEL_COLUMNS
                            " FROM variants v WHERE v.id = ANY ($1::bigint[]) ORDER BY v.id"};

#undef COMPTOIR_LABEL_COLUMNS

std::vector<VariantLabel> labels_of(const db::Result& r) {
  std::vector<VariantLabel> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.variant_id = r.get<std::int64_t>(i, 0),
                   .product_id = r.get<std::int64_t>(i, 1),
                   .sku = r.get<std::string>(i, 2),
                   .gtin = r.get<std::string>(i, 3),
                   .name = r.get<std::string>(i, 4),
                   .price_cents = r.get<std::int64_t>(i, 5),
                   .currency = r.get<std::string>(i, 6)});
  return out;
}

}  // namespace

std::vector<VariantLabel> find_variants(db::Connection& conn, std::string_view text,
                                        std::string_view locale, int limit) {
  return labels_of(conn.exec(kFind, db::escape_like(text), std::string(locale),
                             static_cast<std::int64_t>(limit)));
}

std::vector<VariantLabel> variant_labels(db::Connection& conn, const std::vector<std::int64_t>& ids,
                                         std::string_view locale) {
  if (ids.empty()) return {};
  return labels_of(conn.exec(kLabels, ids, std::string(locale)));
}

}  // namespace comptoir::catalog
