#include "cart/tax_rules.hpp"

#include "db/connection.hpp"

namespace comptoir::cart {
namespace {

// The region and its rates in one statement (every cart view and every checkout reads them): a
// row per rate, or one row with no rate.
constexpr db::Query kSelectRegion{
    "cart_select_tax_region_and_rates",
    "SELECT r.prices_include_tax, r.shipping_fee, r.free_shipping_from, r.shipping_taxable, "
    "t.code, t.millionths FROM tax_regions r LEFT JOIN tax_rates t ON t.region_code = r.code "
    "WHERE r.code = $1 AND r.active ORDER BY t.position, t.code"};
constexpr db::Query kActiveRegions{"cart_active_tax_regions",
                                   "SELECT code FROM tax_regions WHERE active ORDER BY code"};
constexpr db::Query kShippingRules{
    "cart_shipping_rules",
    "SELECT code, shipping_fee, free_shipping_from, shipping_taxable FROM tax_regions "
    "WHERE active ORDER BY code"};
constexpr db::Query kLockShippingRule{
    "cart_lock_shipping_rule",
    "SELECT shipping_fee, free_shipping_from, shipping_taxable FROM tax_regions "
    "WHERE code = $1 AND active FOR UPDATE"};
constexpr db::Query kSetShippingRule{
    "cart_set_shipping_rule",
    "UPDATE tax_regions SET shipping_fee = $2, free_shipping_from = $3, shipping_taxable = $4 "
    "WHERE code = $1"};

}  // namespace

std::optional<RegionRules> TaxRulesRepository::find(std::string_view code) {
  auto region = conn_.exec(kSelectRegion, code);
  if (region.empty()) return std::nullopt;
  RegionRules out;
  out.region.code = std::string(code);
  out.region.prices_include_tax = region.get<bool>(0, 0);
  out.shipping.flat_fee = region.get<std::int64_t>(0, 1);
  out.shipping.free_from = region.get<std::optional<std::int64_t>>(0, 2);
  out.shipping.taxable = region.get<bool>(0, 3);
  for (std::size_t i = 0; i < region.size(); ++i)
    if (!region.is_null(i, 4))
      out.region.taxes.push_back(
          {.code = region.get<std::string>(i, 4), .millionths = region.get<std::int64_t>(i, 5)});
  return out;
}

std::vector<std::string> TaxRulesRepository::active_codes() {
  auto rows = conn_.exec(kActiveRegions);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.get<std::string>(i, 0));
  return out;
}

std::vector<std::pair<std::string, ShippingRule>> TaxRulesRepository::shipping_rules() {
  auto rows = conn_.exec(kShippingRules);
  std::vector<std::pair<std::string, ShippingRule>> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.emplace_back(rows.get<std::string>(i, 0),
                     ShippingRule{.flat_fee = rows.get<std::int64_t>(i, 1),
                                  .free_from = rows.get<std::optional<std::int64_t>>(i, 2),
                                  .taxable = rows.get<bool>(i, 3)});
  return out;
}

std::optional<ShippingRule> TaxRulesRepository::lock_shipping_rule(std::string_view code) {
  auto rows = conn_.exec(kLockShippingRule, code);
  if (rows.size() == 0) return std::nullopt;
  return ShippingRule{.flat_fee = rows.get<std::int64_t>(0, 0),
                      .free_from = rows.get<std::optional<std::int64_t>>(0, 1),
                      .taxable = rows.get<bool>(0, 2)};
}

void TaxRulesRepository::set_shipping_rule(std::string_view code, const ShippingRule& rule) {
  conn_.exec(kSetShippingRule, code, rule.flat_fee, rule.free_from, rule.taxable);
}

}  // namespace comptoir::cart
