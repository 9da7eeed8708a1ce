#include "catalog/stock_report.hpp"

#include <algorithm>

#include "db/connection.hpp"

namespace comptoir::catalog {
namespace {

// variants_low_stock (migration 0012) orders tracked variants by stock, so both walk only the
// low end of it however large the catalog.
constexpr db::Query kLowStockCount{
    "stock_report_low_count",
    "SELECT count(*) FROM (SELECT 1 FROM variants v JOIN products p ON p.id = v.product_id "
    "WHERE v.track_inventory AND v.stock_on_hand <= $1 AND v.stock_on_hand + v.supplier_stock <= "
    "$1 "
    "AND p.status = 'active' LIMIT $2) c"};
constexpr db::Query kLowStock{
    "stock_report_low",
    "SELECT v.product_id, v.id, v.sku, "
    "coalesce((SELECT name FROM product_translations t WHERE t.product_id = v.product_id "
    "AND t.locale = 'fr'), ''), "
    "coalesce((SELECT name FROM product_translations t WHERE t.product_id = v.product_id "
    "AND t.locale = 'en'), ''), v.stock_on_hand + v.supplier_stock "
    "FROM variants v JOIN products p ON p.id = v.product_id "
    "WHERE v.track_inventory AND v.stock_on_hand <= $1 AND v.stock_on_hand + v.supplier_stock <= "
    "$1 "
    "AND p.status = 'active' "
    "ORDER BY v.stock_on_hand, v.id LIMIT $2"};

}  // namespace

LowStock low_stock(db::Connection& conn, int threshold, int limit) {
  LowStock out;
  auto counted = conn.exec(kLowStockCount, threshold, LowStock::kCountCap + 1).one<std::int64_t>();
  out.capped = counted > LowStock::kCountCap;
  out.count = std::min(counted, LowStock::kCountCap);
  auto rows = conn.exec(kLowStock, threshold, std::clamp(limit, 1, 100));
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.lowest.push_back({.product_id = rows.get<std::int64_t>(i, 0),
                          .variant_id = rows.get<std::int64_t>(i, 1),
                          .sku = rows.get<std::string>(i, 2),
                          .name_fr = rows.get<std::string>(i, 3),
                          .name_en = rows.get<std::string>(i, 4),
                          .stock = rows.get<std::int32_t>(i, 5)});
  return out;
}

}  // namespace comptoir::catalog
