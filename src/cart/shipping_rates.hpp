#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "cart/totals.hpp"

namespace comptoir::db {
class Connection;
}

// What shipping costs at each destination (tax_regions' flat fee, free-shipping threshold and
// whether it is taxed), as staff edit it in the back office's settings. On the caller's
// connection: a change joins its transaction, with its audit row.
namespace comptoir::cart {

struct RegionShipping {
  std::string code{};  // "CA-QC"
  ShippingRule rule{};
};

// Bounds staff may set: 1 000,00 of shipping, free from at most 100 000,00.
inline constexpr std::int64_t kMaxShippingFee = 100'000;
inline constexpr std::int64_t kMaxFreeShippingFrom = 10'000'000;

// One destination's new rule, and the rule the staff member's page showed.
struct ShippingUpdate {
  std::string code{};
  ShippingRule expected{};
  ShippingRule wanted{};
};

struct ShippingChange {
  std::string code{};
  ShippingRule before{};
  ShippingRule after{};
};

enum class ShippingError { unknown_region, invalid, stale };

struct ShippingRefusal {
  ShippingError error = ShippingError::invalid;
  std::string code{};  // the destination concerned
};

// Whether `rule` may be stored: amounts within the bounds above.
bool valid_rule(const ShippingRule& rule);

// The active destinations' rules, in code order.
std::vector<RegionShipping> shipping_rates(db::Connection& conn);

// Applies every update whose rule changes, all or nothing: each destination must be active, its
// new rule valid, and its stored rule still the one the page showed (else stale, nothing
// written). Answers what changed, in the order of `updates`.
std::expected<std::vector<ShippingChange>, ShippingRefusal> set_shipping_rates(
    db::Connection& conn, const std::vector<ShippingUpdate>& updates);

}  // namespace comptoir::cart
