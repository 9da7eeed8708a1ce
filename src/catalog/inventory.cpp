#include "catalog/inventory.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "db/connection.hpp"

namespace comptoir::catalog {
namespace {

constexpr db::Query kReserve{
    "inventory_reserve",
    "UPDATE variants v SET stock_on_hand = stock_on_hand - CASE WHEN track_inventory THEN $2::int "
    "ELSE 0 END, updated_at = now() FROM products p WHERE v.id = $1 AND p.id = v.product_id AND "
    "p.status = 'active' AND (NOT v.track_inventory OR v.stock_on_hand >= $2::int) "
    "RETURNING v.sku, v.price_cents, v.currency, v.track_inventory"};
constexpr db::Query kVariantState{
    "inventory_variant_state",
    "SELECT p.status = 'active' FROM variants v JOIN products p ON p.id = v.product_id "
    "WHERE v.id = $1"};
constexpr db::Query kRelease{
    "inventory_release",
    "UPDATE variants v SET stock_on_hand = v.stock_on_hand + r.quantity, updated_at = now() "
    "FROM (SELECT id, sum(quantity)::int AS quantity FROM unnest($1::bigint[], $2::int[]) "
    "AS u(id, quantity) GROUP BY id) r WHERE v.id = r.id"};
constexpr db::Query kRestock{
    "inventory_restock",
    "UPDATE variants v SET stock_on_hand = v.stock_on_hand + r.quantity, updated_at = now() "
    "FROM (SELECT id, sum(quantity)::int AS quantity FROM unnest($1::bigint[], $2::int[]) "
    "AS u(id, quantity) GROUP BY id) r WHERE v.id = r.id AND v.track_inventory"};

constexpr db::Query kBySku{"inventory_variants_by_sku",
                           "SELECT s.sku, v.id FROM jsonb_array_elements_text($1::jsonb) AS s(sku) "
                           "JOIN variants v ON upper(v.sku) = upper(s.sku)"};

// Adds `units` to stock_on_hand with `query` (one of the two above), in one statement.
void add_units(db::Connection& conn, const db::Query& query, const std::vector<StockUnits>& units) {
  if (units.empty()) return;
  std::vector<std::int64_t> ids;
  std::vector<int> quantities;
  ids.reserve(units.size());
  quantities.reserve(units.size());
  for (const auto& unit : units) {
    ids.push_back(unit.variant_id);
    quantities.push_back(unit.quantity);
  }
  conn.exec(query, ids, quantities);
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
          .currency = taken.get<std::string>(0, 2)};
}

void Inventory::release(db::Connection& conn, const std::vector<StockUnits>& units) {
  add_units(conn, kRelease, units);
}

void Inventory::restock(db::Connection& conn, const std::vector<StockUnits>& units) {
  add_units(conn, kRestock, units);
}

std::vector<SkuMatch> Inventory::variants_by_sku(db::Connection& conn,
                                                 const std::vector<std::string>& skus) {
  if (skus.empty()) return {};
  boost::json::array list;
  list.reserve(skus.size());
  for (const auto& sku : skus) list.emplace_back(sku);
  auto r = conn.exec(kBySku, boost::json::serialize(list));
  std::vector<SkuMatch> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.sku = r.get<std::string>(i, 0), .variant_id = r.get<std::int64_t>(i, 1)});
  return out;
}

}  // namespace comptoir::catalog
