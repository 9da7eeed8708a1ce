#include "cart/tax_rules.hpp"

#include "db/connection.hpp"

namespace comptoir::cart {
namespace {

constexpr db::Query kSelectRegion{
    "cart_select_tax_region",
    "SELECT prices_include_tax, shipping_fee, free_shipping_from, shipping_taxable "
    "FROM tax_regions WHERE code = $1 AND active"};
constexpr db::Query kSelectRates{
    "cart_select_tax_rates",
    "SELECT code, millionths FROM tax_rates WHERE region_code = $1 ORDER BY position, code"};
constexpr db::Query kActiveRegions{"cart_active_tax_regions",
                                   "SELECT code FROM tax_regions WHERE active ORDER BY code"};

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
  auto rates = conn_.exec(kSelectRates, code);
  for (std::size_t i = 0; i < rates.size(); ++i)
    out.region.taxes.push_back(
        {.code = rates.get<std::string>(i, 0), .millionths = rates.get<std::int64_t>(i, 1)});
  return out;
}

std::vector<std::string> TaxRulesRepository::active_codes() {
  auto rows = conn_.exec(kActiveRegions);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.get<std::string>(i, 0));
  return out;
}

}  // namespace comptoir::cart
