#include "suppliers/supplier_stock.hpp"

#include <cstdint>
#include <vector>

#include "catalog/inventory.hpp"
#include "db/connection.hpp"
#include "settings/settings_store.hpp"
#include "suppliers/price_conflicts.hpp"

namespace comptoir::suppliers {
namespace {

constexpr db::Query kShares{
    "supplier_stock_shares",
    "SELECT m.variant_id, least(sum(CASE WHEN sv.stock IS NULL THEN $1::int ELSE "
    "greatest(sv.stock - coalesce(p.units, 0), 0) END), $1::int)::int "
    "FROM supplier_mappings m JOIN supplier_variants sv ON sv.id = m.supplier_variant_id "
    "JOIN suppliers s ON s.id = sv.supplier_id "
    "LEFT JOIN (SELECT i.supplier_variant_id, sum(i.quantity) AS units FROM supplier_order_items i "
    "JOIN supplier_orders o ON o.id = i.supplier_order_id WHERE o.state = 'PENDING' "
    "GROUP BY i.supplier_variant_id) p ON p.supplier_variant_id = sv.id "
    "WHERE s.active AND s.type <> 'LOCAL_STOCK' AND sv.available AND sv.sync_status = 'OK' "
    "GROUP BY m.variant_id"};
// LOW_STOCK: one open alert per mapped supplier variant at or under the threshold (its SKU, or its
// id at the platform, as the subject); the ones no longer low are resolved.
constexpr db::Query kRaiseLow{
    "supplier_stock_raise_low",
    "INSERT INTO supplier_alerts (supplier_id, kind, subject, message) "
    "SELECT sv.supplier_id, 'LOW_STOCK', coalesce(nullif(sv.sku, ''), sv.external_id), "
    "format('%s units left of %s', sv.stock, coalesce(nullif(sv.title, ''), sv.external_id)) "
    "FROM supplier_variants sv JOIN supplier_mappings m ON m.supplier_variant_id = sv.id "
    "JOIN suppliers s ON s.id = sv.supplier_id WHERE s.active AND sv.sync_status = 'OK' "
    "AND sv.stock IS NOT NULL AND sv.stock <= $1 "
    "ON CONFLICT (kind, coalesce(supplier_id, 0), subject) WHERE resolved_at IS NULL "
    "DO UPDATE SET message = EXCLUDED.message, seen_at = now() RETURNING id"};
constexpr db::Query kResolveLow{
    "supplier_stock_resolve_low",
    "UPDATE supplier_alerts a SET resolved_at = now() WHERE a.kind = 'LOW_STOCK' "
    "AND a.resolved_at IS NULL AND NOT EXISTS (SELECT 1 FROM supplier_variants sv "
    "JOIN supplier_mappings m ON m.supplier_variant_id = sv.id JOIN suppliers s "
    "ON s.id = sv.supplier_id WHERE s.active AND sv.sync_status = 'OK' AND sv.stock IS NOT NULL "
    "AND sv.stock <= $1 AND sv.supplier_id = a.supplier_id "
    "AND coalesce(nullif(sv.sku, ''), sv.external_id) = a.subject)"};

}  // namespace

StockRefresh refresh_supplier_stock(db::Connection& conn) {
  auto r = conn.exec(kShares, kUncountedStock);
  std::vector<catalog::SupplierStock> shares;
  shares.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    shares.push_back({.variant_id = r.get<std::int64_t>(i, 0), .units = r.get<std::int32_t>(i, 1)});
  catalog::Inventory::set_supplier_stock(conn, shares);
  int threshold = settings::current(conn).low_stock_threshold;
  conn.exec(kResolveLow, threshold);
  auto low = conn.exec(kRaiseLow, threshold);
  auto conflicts = settle_price_conflicts(conn);
  return {.variants = static_cast<int>(shares.size()),
          .low = static_cast<int>(low.size()),
          .price_conflicts = conflicts.open,
          .repriced = conflicts.repriced};
}

}  // namespace comptoir::suppliers
