#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cart/cart.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::cart {

// SQL for the tax and shipping rules, nothing else; runs on the caller's connection.
class TaxRulesRepository {
 public:
  explicit TaxRulesRepository(db::Connection& conn) : conn_(conn) {}

  // The active region `code` ("CA-QC") with its taxes in order; nullopt when unknown or inactive.
  std::optional<RegionRules> find(std::string_view code);
  // Codes of the active regions, in order: the destinations a visitor may choose.
  std::vector<std::string> active_codes();
  // The shipping rule of each active region, in the order of active_codes.
  std::vector<std::pair<std::string, ShippingRule>> shipping_rules();
  // The active region's rule, its row locked until the transaction ends; nullopt when unknown.
  std::optional<ShippingRule> lock_shipping_rule(std::string_view code);
  void set_shipping_rule(std::string_view code, const ShippingRule& rule);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::cart
