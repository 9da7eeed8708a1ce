#include "suppliers/price_conflicts.hpp"

#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "catalog/inventory.hpp"
#include "catalog/price_raises.hpp"
#include "db/connection.hpp"
#include "settings/settings_store.hpp"
#include "suppliers/alerts.hpp"
#include "suppliers/routing_policy.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::suppliers {
namespace {

constexpr db::Query kOpen{"supplier_price_conflicts_open",
                          "SELECT subject FROM supplier_alerts WHERE kind = 'PRICE_CONFLICT' "
                          "AND resolved_at IS NULL"};

// The engine, as the activity log names who raised a price.
const catalog::Author kEngine{.request_id = "suppliers-price-policy"};

}  // namespace

PriceConflicts settle_price_conflicts(db::Connection& conn) {
  SupplierOrderRepository repository(conn);
  auto variants = repository.mapped_variants();
  auto candidates = repository.candidates(variants);
  auto shop = settings::current(conn);
  int floor = shop.supplier_margin_floor;
  std::set<std::string> in_conflict;
  std::vector<catalog::PriceRaise> raises;
  for (const auto& variant : catalog::Inventory::prices(conn, variants)) {
    const auto& mine = candidates[variant.variant_id];
    LineDemand one{.units = 1, .net_unit_price = variant.price, .currency = variant.currency};
    if (mine.empty() || choose_supplier(one, mine, floor)) continue;
    // Someone has it, no one at a cost the floor allows: the cheapest comparable one says how far.
    const Candidate* cheapest = nullptr;
    for (const auto& c : mine)
      if ((!c.stock || *c.stock > 0) && c.cost && c.currency == variant.currency &&
          (!cheapest || *c.cost < *cheapest->cost))
        cheapest = &c;
    if (!cheapest) continue;
    if (auto to = repriced(variant.price, *cheapest->cost, floor, shop.supplier_reprice_limit)) {
      raises.push_back({.variant_id = variant.variant_id, .from = variant.price, .to = *to});
      continue;
    }
    auto margin = variant.price > 0 ? (variant.price - *cheapest->cost) * 100 / variant.price : 0;
    in_conflict.insert(variant.sku);
    Alerts::raise(conn, AlertKind::price_conflict, std::nullopt, variant.sku,
                  fmt::format("{} sells at {}; the cheapest supplier in stock costs {} ({} % "
                              "margin, under the floor of {} %)",
                              variant.sku, plain_amount(variant.price, variant.currency),
                              plain_amount(*cheapest->cost, cheapest->currency), margin, floor));
  }
  auto raised = catalog::raise_prices(conn, raises, kEngine);
  // A price staff changed since it was read is theirs: its conflict, if any, is for the next pass.
  auto open = conn.exec(kOpen);
  for (std::size_t i = 0; i < open.size(); ++i) {
    auto subject = open.get<std::string>(i, 0);
    if (!in_conflict.contains(subject))
      Alerts::resolve(conn, AlertKind::price_conflict, std::nullopt, subject);
  }
  return {.open = static_cast<int>(in_conflict.size()),
          .repriced = static_cast<int>(raised.size())};
}

}  // namespace comptoir::suppliers
