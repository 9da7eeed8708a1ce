#include "suppliers/mapping_editor.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "catalog/inventory.hpp"
#include "db/connection.hpp"
#include "settings/settings_store.hpp"
#include "suppliers/routing_policy.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::suppliers {
namespace {

// Mapped to a shop variant another listed supplier variant serves at another cost or stock.
#define COMPTOIR_CONFLICT                                                                    \
  "(m.variant_id IS NOT NULL AND EXISTS (SELECT 1 FROM supplier_mappings m2 "                \
  "JOIN supplier_variants v2 ON v2.id = m2.supplier_variant_id WHERE m2.variant_id = "       \
  "m.variant_id AND m2.supplier_variant_id <> sv.id AND v2.sync_status <> 'GONE' AND "       \
  "(v2.cost IS DISTINCT FROM sv.cost OR v2.currency <> sv.currency OR v2.stock IS DISTINCT " \
  "FROM sv.stock)))"

// $1 supplier or NULL, $2 text ('' for any), $3 show (all, unmapped, mapped, conflicts), $4 limit.
constexpr db::Query kRows{
    "supplier_mapping_rows",
    "SELECT sv.id, sv.supplier_id, s.name, sv.external_id, sv.sku, sv.gtin, "
    "coalesce(nullif(sv.title, ''), p.title), sv.cost, sv.currency, sv.stock, sv.available, "
    "sv.sync_status, m.variant_id, coalesce(m.source, ''), coalesce(m.priority, "
    "100), " COMPTOIR_CONFLICT
    " FROM supplier_variants sv JOIN suppliers s ON s.id = sv.supplier_id "
    "JOIN supplier_products p ON p.id = sv.supplier_product_id "
    "LEFT JOIN supplier_mappings m ON m.supplier_variant_id = sv.id "
    "WHERE ($1::bigint IS NULL OR sv.supplier_id = $1) AND ($2 = '' OR sv.sku ILIKE '%' || $2 || "
    "'%' ESCAPE '\\' OR sv.gtin LIKE $2 || '%' ESCAPE '\\' OR sv.title ILIKE '%' || $2 || '%' "
    "ESCAPE '\\' OR p.title ILIKE '%' || $2 || '%' ESCAPE '\\' OR sv.external_id = $2) AND CASE $3 "
    "WHEN 'unmapped' THEN m.id IS NULL AND sv.sync_status <> 'GONE' "
    "WHEN 'mapped' THEN m.id IS NOT NULL WHEN 'conflicts' THEN " COMPTOIR_CONFLICT
    " ELSE true END ORDER BY sv.sku, sv.id LIMIT $4"};
#undef COMPTOIR_CONFLICT
constexpr db::Query kByHand{
    "supplier_mapping_by_hand",
    "INSERT INTO supplier_mappings (supplier_variant_id, variant_id, priority, source) "
    "SELECT $1, $2, $3, 'MANUAL' WHERE EXISTS (SELECT 1 FROM supplier_variants WHERE id = $1) "
    "ON CONFLICT (supplier_variant_id) DO UPDATE SET variant_id = excluded.variant_id, "
    "priority = excluded.priority, source = 'MANUAL'"};
constexpr db::Query kUnmap{"supplier_mapping_unmap",
                           "DELETE FROM supplier_mappings WHERE supplier_variant_id = $1"};

std::string_view show_name(MappingShow show) {
  switch (show) {
    case MappingShow::unmapped:
      return "unmapped";
    case MappingShow::mapped:
      return "mapped";
    case MappingShow::conflicts:
      return "conflicts";
    case MappingShow::all:
      break;
  }
  return "all";
}

// The policy's pick for each shop variant of a row in conflict.
void add_policy(db::Connection& conn, std::vector<MappingRow>& rows) {
  std::set<std::int64_t> variants;
  for (const auto& row : rows)
    if (row.conflict && row.mapped) variants.insert(row.mapped->variant_id);
  if (variants.empty()) return;
  std::vector<std::int64_t> ids(variants.begin(), variants.end());
  auto candidates = SupplierOrderRepository(conn).candidates(ids);
  std::map<std::int64_t, catalog::VariantPrice> prices;
  for (auto& price : catalog::Inventory::prices(conn, ids)) prices[price.variant_id] = price;
  const int floor = settings::current(conn).supplier_margin_floor;
  std::map<std::int64_t, std::string> names;
  for (const auto& row : rows) names[row.supplier_id] = row.supplier_name;
  for (auto& row : rows) {
    if (!row.conflict || !row.mapped) continue;
    auto price = prices.find(row.mapped->variant_id);
    auto found = candidates.find(row.mapped->variant_id);
    if (price == prices.end() || found == candidates.end()) continue;
    auto chosen = choose_supplier(
        {.units = 1, .net_unit_price = price->second.price, .currency = price->second.currency},
        found->second, floor);
    if (!chosen) continue;
    row.policy_supplier_id = chosen->supplier_id;
    auto name = names.find(chosen->supplier_id);
    row.policy_supplier_name =
        name != names.end() ? name->second : fmt::format("#{}", chosen->supplier_id);
  }
}

}  // namespace

std::vector<MappingRow> mapping_rows(db::Connection& conn, const MappingQuery& query,
                                     const std::string& locale) {
  auto r = conn.exec(kRows, query.supplier_id, db::escape_like(query.text),
                     std::string(show_name(query.show)), static_cast<std::int64_t>(query.limit));
  std::vector<MappingRow> rows;
  rows.reserve(r.size());
  std::vector<std::int64_t> mapped_ids;
  for (std::size_t i = 0; i < r.size(); ++i) {
    rows.push_back({.supplier_variant_id = r.get<std::int64_t>(i, 0),
                    .supplier_id = r.get<std::int64_t>(i, 1),
                    .supplier_name = r.get<std::string>(i, 2),
                    .external_id = r.get<std::string>(i, 3),
                    .sku = r.get<std::string>(i, 4),
                    .gtin = r.get<std::string>(i, 5),
                    .title = r.get<std::string>(i, 6),
                    .cost = r.get<std::optional<std::int64_t>>(i, 7),
                    .currency = r.get<std::string>(i, 8),
                    .stock = r.get<std::optional<std::int32_t>>(i, 9),
                    .available = r.get<bool>(i, 10),
                    .sync_status = r.get<std::string>(i, 11),
                    .source = r.get<std::string>(i, 13),
                    .priority = r.get<std::int32_t>(i, 14),
                    .conflict = r.get<bool>(i, 15)});
    if (auto variant = r.get<std::optional<std::int64_t>>(i, 12)) {
      rows.back().mapped = catalog::VariantLabel{.variant_id = *variant};
      mapped_ids.push_back(*variant);
    }
  }
  std::map<std::int64_t, catalog::VariantLabel> labels;
  for (auto& label : catalog::variant_labels(conn, mapped_ids, locale))
    labels[label.variant_id] = std::move(label);
  for (auto& row : rows)
    if (row.mapped)
      if (auto label = labels.find(row.mapped->variant_id); label != labels.end())
        row.mapped = label->second;
  add_policy(conn, rows);
  return rows;
}

std::expected<void, MappingRefusal> map_by_hand(db::Connection& conn,
                                                std::int64_t supplier_variant_id,
                                                std::int64_t variant_id, int priority) {
  if (priority < 0 || priority > 10'000)
    return std::unexpected(MappingRefusal{"the priority is from 0 (preferred) to 10000"});
  if (catalog::variant_labels(conn, {variant_id}, "fr").empty())
    return std::unexpected(MappingRefusal{fmt::format("no shop variant {}", variant_id)});
  if (conn.exec(kByHand, supplier_variant_id, variant_id, priority).affected_rows() != 1)
    return std::unexpected(
        MappingRefusal{fmt::format("no supplier variant {}", supplier_variant_id)});
  return {};
}

std::expected<void, MappingRefusal> unmap(db::Connection& conn, std::int64_t supplier_variant_id) {
  if (conn.exec(kUnmap, supplier_variant_id).affected_rows() != 1)
    return std::unexpected(
        MappingRefusal{fmt::format("supplier variant {} is not mapped", supplier_variant_id)});
  return {};
}

}  // namespace comptoir::suppliers
