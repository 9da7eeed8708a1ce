#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cart/totals.hpp"

// A cart as stored, and the rules of a destination: the types the cart module shares with checkout
// and orders. No SQL here; other modules reach carts through CartService.
namespace comptoir::cart {

// Whose cart: a signed-in user's (by account) or a guest's (by session).
struct CartOwner {
  std::optional<std::int64_t> user_id{};
  std::string session_id_hash{};
};

struct StoredItem {
  std::int64_t variant_id = 0;
  std::int64_t product_id = 0;
  int quantity = 0;
  std::int64_t price_seen = 0;
};

struct StoredCart {
  std::int64_t id = 0;
  std::string region_code{};
  std::vector<StoredItem> items{};  // oldest first
};

inline constexpr int kMaxQuantity = 99;

// Where goods go decides their taxes and shipping (migrations/0004_tax_regions.sql).
struct RegionRules {
  TaxRegion region{};
  ShippingRule shipping{};
  std::vector<Fee> fees{};  // the shop's fixed fees (settings), the same at every destination
};

}  // namespace comptoir::cart
