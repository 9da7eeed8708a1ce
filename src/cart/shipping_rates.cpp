#include "cart/shipping_rates.hpp"

#include "cart/tax_rules.hpp"
#include "db/connection.hpp"

namespace comptoir::cart {

bool valid_rule(const ShippingRule& rule) {
  return rule.flat_fee >= 0 && rule.flat_fee <= kMaxShippingFee &&
         (!rule.free_from || (*rule.free_from >= 0 && *rule.free_from <= kMaxFreeShippingFrom));
}

std::vector<RegionShipping> shipping_rates(db::Connection& conn) {
  std::vector<RegionShipping> out;
  for (auto& [code, rule] : TaxRulesRepository(conn).shipping_rules())
    out.push_back({.code = std::move(code), .rule = rule});
  return out;
}

std::expected<std::vector<ShippingChange>, ShippingRefusal> set_shipping_rates(
    db::Connection& conn, const std::vector<ShippingUpdate>& updates) {
  TaxRulesRepository rules(conn);
  std::vector<ShippingChange> changes;
  for (const auto& update : updates) {
    if (!valid_rule(update.wanted))
      return std::unexpected(ShippingRefusal{ShippingError::invalid, update.code});
    auto stored = rules.lock_shipping_rule(update.code);
    if (!stored)
      return std::unexpected(ShippingRefusal{ShippingError::unknown_region, update.code});
    if (*stored != update.expected)
      return std::unexpected(ShippingRefusal{ShippingError::stale, update.code});
    if (*stored != update.wanted)
      changes.push_back({.code = update.code, .before = *stored, .after = update.wanted});
  }
  // Written once every update was checked: a refusal above leaves nothing behind even outside a
  // transaction.
  for (const auto& change : changes) rules.set_shipping_rule(change.code, change.after);
  return changes;
}

}  // namespace comptoir::cart
