#include "suppliers/order_routing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog/inventory.hpp"
#include "settings/settings_store.hpp"
#include "suppliers/alerts.hpp"
#include "suppliers/routing_policy.hpp"
#include "suppliers/supplier_order_repository.hpp"

namespace comptoir::suppliers {
namespace {

using orders::OrderStatus;

// The units of each line that go to suppliers.
std::vector<std::pair<const orders::OrderLine*, int>> supplier_units(db::Connection& conn,
                                                                     const orders::Order& order) {
  std::vector<std::int64_t> products;
  for (const auto& line : order.lines)
    if (line.product_id) products.push_back(*line.product_id);
  auto shipped_by_suppliers = catalog::Inventory::supplier_fulfilled(conn, products);
  std::set<std::int64_t> all(shipped_by_suppliers.begin(), shipped_by_suppliers.end());
  std::vector<std::pair<const orders::OrderLine*, int>> out;
  for (const auto& line : order.lines) {
    if (!line.variant_id) continue;
    int units =
        line.product_id && all.contains(*line.product_id) ? line.quantity : line.supplier_units;
    if (units > 0) out.emplace_back(&line, units);
  }
  return out;
}

// The line's price per unit before tax, in minor units.
std::int64_t net_unit_price(const orders::Order& order, const orders::OrderLine& line) {
  auto net = order.totals.tax_included ? line.amount - line.tax : line.amount;
  return line.quantity > 0 ? net / line.quantity : 0;
}

}  // namespace

std::string supplier_order_external_id(std::string_view number, std::int64_t supplier_id) {
  return fmt::format("{}-S{}", number, supplier_id);
}

void OrderRouting::changed(db::Connection& conn, const orders::StatusChange& change) {
  if (change.to == OrderStatus::paid) {
    route(conn, change.order);
  } else if (change.to == OrderStatus::cancelled || change.to == OrderStatus::refunded) {
    cancel(conn, change.order,
           change.to == OrderStatus::cancelled ? "the shop's order was cancelled"
                                               : "the shop's order was refunded");
  }
}

RoutingOutcome OrderRouting::route(db::Connection& conn, const orders::Order& order) {
  RoutingOutcome outcome;
  auto wanted = supplier_units(conn, order);
  if (wanted.empty()) return outcome;
  std::vector<std::int64_t> variants;
  for (const auto& [line, units] : wanted) variants.push_back(*line->variant_id);
  SupplierOrderRepository repository(conn);
  auto candidates = repository.candidates(variants);
  int floor = settings::current(conn).supplier_margin_floor;
  std::map<std::int64_t, NewSupplierOrder> by_supplier;
  for (const auto& [line, units] : wanted) {
    const auto& mine = candidates[*line->variant_id];
    auto chosen = choose_supplier({.units = units,
                                   .net_unit_price = net_unit_price(order, *line),
                                   .currency = order.currency},
                                  mine, floor);
    if (!chosen) {
      outcome.unrouted.push_back(line->position);
      continue;
    }
    auto& supplier_order = by_supplier[chosen->supplier_id];
    if (supplier_order.items.empty()) {
      supplier_order.supplier_id = chosen->supplier_id;
      supplier_order.order_id = order.id;
      supplier_order.external_id = supplier_order_external_id(order.number, chosen->supplier_id);
      supplier_order.currency = chosen->currency;
    }
    supplier_order.items.push_back({.line_position = line->position,
                                    .supplier_variant_id = chosen->supplier_variant_id,
                                    .quantity = units,
                                    .unit_cost = chosen->cost.value_or(0)});
  }
  for (auto& [supplier_id, supplier_order] : by_supplier)
    if (repository.insert(supplier_order)) outcome.created.push_back(supplier_order.external_id);
  if (!outcome.unrouted.empty()) {
    std::string lines;
    for (const auto& [line, units] : wanted)
      if (std::ranges::find(outcome.unrouted, line->position) != outcome.unrouted.end())
        lines += fmt::format("{}{} × {}", lines.empty() ? "" : ", ", units, line->sku);
    Alerts::raise(conn, AlertKind::order_unrouted, std::nullopt, order.number,
                  fmt::format("no supplier has {} in stock above the margin floor of {} %; ship "
                              "it or map a supplier, then dispatch by hand",
                              lines, floor));
  }
  return outcome;
}

void OrderRouting::cancel(db::Connection& conn, const orders::Order& order,
                          std::string_view reason) {
  SupplierOrderRepository repository(conn);
  repository.cancel_pending(order.id, reason);
  for (const auto& sent : repository.for_order(order.id)) {
    using enum SupplierOrderState;
    if (sent.state != sent_to_supplier && sent.state != confirmed && sent.state != in_production)
      continue;
    Alerts::raise(conn, AlertKind::cancel_at_supplier, sent.supplier_id, sent.external_id,
                  fmt::format("{}, but supplier order {} ({}) was already sent: the dispatcher "
                              "asks the supplier to cancel it",
                              reason, sent.external_id, sent.supplier_order_number));
  }
}

}  // namespace comptoir::suppliers
