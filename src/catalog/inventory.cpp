#include "catalog/inventory.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "db/connection.hpp"

namespace comptoir::catalog {
namespace {

// The row is locked by the CTE (a transaction that waited re-reads it), then what comes from the
// shop's own stock and what from the suppliers' share is known before the UPDATE.
constexpr db::Query kReserve{
    "inventory_reserve",
    "WITH cur AS (SELECT v.id, CASE WHEN v.track_inventory THEN greatest($2::int - "
    "greatest(v.stock_on_hand, 0), 0) ELSE 0 END AS from_suppliers FROM variants v JOIN products "
    "p ON p.id = v.product_id WHERE v.id = $1 AND p.status = 'active' AND (NOT v.track_inventory "
    "OR v.stock_on_hand + v.supplier_stock >= $2::int) FOR NO KEY UPDATE OF v) "
    "UPDATE variants v SET stock_on_hand = v.stock_on_hand - CASE WHEN v.track_inventory THEN "
    "$2::int - cur.from_suppliers ELSE 0 END, supplier_stock = v.supplier_stock - "
    "cur.from_suppliers, updated_at = now() FROM cur WHERE v.id = cur.id "
    "RETURNING v.sku, v.price_cents, v.currency, v.track_inventory, cur.from_suppliers"};
constexpr db::Query kVariantState{
    "inventory_variant_state",
    "SELECT p.status = 'active' FROM variants v JOIN products p ON p.id = v.product_id "
    "WHERE v.id = $1"};
constexpr db::Query kRelease{
    "inventory_release",
    "UPDATE variants v SET stock_on_hand = v.stock_on_hand + r.quantity - r.from_suppliers, "
    "supplier_stock = v.supplier_stock + r.from_suppliers, updated_at = now() "
    "FROM (SELECT id, sum(quantity)::int AS quantity, sum(from_suppliers)::int AS from_suppliers "
    "FROM unnest($1::bigint[], $2::int[], $3::int[]) AS u(id, quantity, from_suppliers) "
    "GROUP BY id) r WHERE v.id = r.id"};
constexpr db::Query kRestock{
    "inventory_restock",
    "UPDATE variants v SET stock_on_hand = v.stock_on_hand + r.quantity, updated_at = now() "
    "FROM (SELECT id, sum(quantity)::int AS quantity FROM unnest($1::bigint[], $2::int[]) "
    "AS u(id, quantity) GROUP BY id) r WHERE v.id = r.id AND v.track_inventory"};

constexpr db::Query kSetSupplierStock{
    "inventory_set_supplier_stock",
    "UPDATE variants v SET supplier_stock = coalesce(s.units, 0), updated_at = now() "
    "FROM variants w LEFT JOIN unnest($1::bigint[], $2::int[]) AS s(id, units) ON s.id = w.id "
    "WHERE v.id = w.id AND (s.id IS NOT NULL OR w.supplier_stock <> 0) "
    "AND v.supplier_stock IS DISTINCT FROM coalesce(s.units, 0)"};

constexpr db::Query kSupplierFulfilled{
    "inventory_supplier_fulfilled",
    "SELECT id FROM products WHERE id = ANY ($1::bigint[]) AND fulfillment_type IN "
    "('DROPSHIPPING', 'PRINT_ON_DEMAND') ORDER BY id"};

constexpr db::Query kOffers{
    "inventory_offers",
    "SELECT v.id, v.sku, v.price_cents, v.currency, v.track_inventory FROM variants v JOIN "
    "products "
    "p ON p.id = v.product_id WHERE v.id = ANY ($1::bigint[]) AND p.status = 'active' "
    "ORDER BY v.id"};
constexpr db::Query kUnits{
    "inventory_units",
    "SELECT v.id, CASE WHEN v.track_inventory THEN greatest(v.stock_on_hand, 0) + v.supplier_stock "
    "ELSE -1 END FROM variants v WHERE v.id = ANY ($1::bigint[]) ORDER BY v.id"};
constexpr db::Query kPrices{
    "inventory_prices",
    "SELECT v.id, v.sku, v.price_cents, v.currency FROM variants v JOIN products p "
    "ON p.id = v.product_id WHERE v.id = ANY ($1::bigint[]) AND p.status = 'active' ORDER BY v.id"};

constexpr db::Query kBySku{"inventory_variants_by_sku",
                           "SELECT s.sku, v.id FROM jsonb_array_elements_text($1::jsonb) AS s(sku) "
                           "JOIN variants v ON upper(v.sku) = upper(s.sku)"};
constexpr db::Query kByGtin{"inventory_variants_by_gtin",
                            "SELECT lpad(v.gtin, 14, '0'), v.id FROM variants v "
                            "WHERE v.gtin <> '' AND lpad(v.gtin, 14, '0') = "
                            "ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))"};

// A list of texts as the JSON array the lookups above read with jsonb_array_elements_text.
std::string json_array(const std::vector<std::string>& texts) {
  boost::json::array list;
  list.reserve(texts.size());
  for (const auto& text : texts) list.emplace_back(text);
  return boost::json::serialize(list);
}

// Splits units into the three arrays the statements above unnest.
struct UnitArrays {
  std::vector<std::int64_t> ids;
  std::vector<int> quantities;
  std::vector<int> from_suppliers;
};
UnitArrays arrays_of(const std::vector<StockUnits>& units) {
  UnitArrays out;
  out.ids.reserve(units.size());
  out.quantities.reserve(units.size());
  out.from_suppliers.reserve(units.size());
  for (const auto& unit : units) {
    out.ids.push_back(unit.variant_id);
    out.quantities.push_back(unit.quantity);
    out.from_suppliers.push_back(unit.from_suppliers);
  }
  return out;
}

}  // namespace

Reservation Inventory::reserve(db::Connection& conn, std::int64_t variant_id, int quantity) {
  auto taken = conn.exec(kReserve, variant_id, quantity);
  if (taken.empty()) {
    auto state = conn.exec(kVariantState, variant_id);
    bool active = !state.empty() && state.get<bool>(0, 0);
    return {.outcome =
                active ? Reservation::Outcome::short_of_stock : Reservation::Outcome::unavailable};
  }
  return {.outcome = taken.get<bool>(0, 3) ? Reservation::Outcome::reserved
                                           : Reservation::Outcome::not_tracked,
          .sku = taken.get<std::string>(0, 0),
          .unit_price = taken.get<std::int64_t>(0, 1),
          .currency = taken.get<std::string>(0, 2),
          .from_suppliers = taken.get<std::int32_t>(0, 4)};
}

void Inventory::release(db::Connection& conn, const std::vector<StockUnits>& units) {
  if (units.empty()) return;
  auto a = arrays_of(units);
  conn.exec(kRelease, a.ids, a.quantities, a.from_suppliers);
}

// Returned goods are at the shop: they all count in its own stock.
void Inventory::restock(db::Connection& conn, const std::vector<StockUnits>& units) {
  if (units.empty()) return;
  auto a = arrays_of(units);
  conn.exec(kRestock, a.ids, a.quantities);
}

void Inventory::set_supplier_stock(db::Connection& conn, const std::vector<SupplierStock>& stock) {
  std::vector<std::int64_t> ids;
  std::vector<int> units;
  ids.reserve(stock.size());
  units.reserve(stock.size());
  for (const auto& s : stock) {
    ids.push_back(s.variant_id);
    units.push_back(std::max(0, s.units));
  }
  conn.exec(kSetSupplierStock, ids, units);
}

std::vector<VariantOffer> Inventory::offers(db::Connection& conn,
                                            const std::vector<std::int64_t>& variant_ids) {
  if (variant_ids.empty()) return {};
  auto r = conn.exec(kOffers, variant_ids);
  std::vector<VariantOffer> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.variant_id = r.get<std::int64_t>(i, 0),
                   .sku = r.get<std::string>(i, 1),
                   .price = r.get<std::int64_t>(i, 2),
                   .currency = r.get<std::string>(i, 3),
                   .track_inventory = r.get<bool>(i, 4)});
  return out;
}

std::vector<VariantUnits> Inventory::units(db::Connection& conn,
                                           const std::vector<std::int64_t>& variant_ids) {
  if (variant_ids.empty()) return {};
  auto r = conn.exec(kUnits, variant_ids);
  std::vector<VariantUnits> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.variant_id = r.get<std::int64_t>(i, 0), .units = r.get<std::int32_t>(i, 1)});
  return out;
}

std::vector<VariantPrice> Inventory::prices(db::Connection& conn,
                                            const std::vector<std::int64_t>& variant_ids) {
  if (variant_ids.empty()) return {};
  auto r = conn.exec(kPrices, variant_ids);
  std::vector<VariantPrice> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.variant_id = r.get<std::int64_t>(i, 0),
                   .sku = r.get<std::string>(i, 1),
                   .price = r.get<std::int64_t>(i, 2),
                   .currency = r.get<std::string>(i, 3)});
  return out;
}

std::vector<std::int64_t> Inventory::supplier_fulfilled(
    db::Connection& conn, const std::vector<std::int64_t>& product_ids) {
  if (product_ids.empty()) return {};
  auto r = conn.exec(kSupplierFulfilled, product_ids);
  std::vector<std::int64_t> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.get<std::int64_t>(i, 0));
  return out;
}

std::vector<SkuMatch> Inventory::variants_by_sku(db::Connection& conn,
                                                 const std::vector<std::string>& skus) {
  if (skus.empty()) return {};
  auto r = conn.exec(kBySku, json_array(skus));
  std::vector<SkuMatch> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.sku = r.get<std::string>(i, 0), .variant_id = r.get<std::int64_t>(i, 1)});
  return out;
}

std::vector<GtinMatch> Inventory::variants_by_gtin(db::Connection& conn,
                                                   const std::vector<std::string>& gtins14) {
  if (gtins14.empty()) return {};
  auto r = conn.exec(kByGtin, json_array(gtins14));
  std::vector<GtinMatch> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.gtin14 = r.get<std::string>(i, 0), .variant_id = r.get<std::int64_t>(i, 1)});
  return out;
}

}  // namespace comptoir::catalog
