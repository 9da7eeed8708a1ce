#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cart/cart.hpp"
#include "cart/totals.hpp"
#include "catalog/inventory.hpp"
#include "orders/order.hpp"

// An order as far as it can be built before any stock is locked (OrderService::place): its lines
// snapshot the variants as read without a lock, and its totals follow. Placing then locks each
// variant's row last, and keeps the quote only if every row still says what it was built from.
namespace comptoir::orders {

// A cart line with what the catalog calls it in the order's language.
struct QuoteItem {
  std::int64_t variant_id = 0;
  std::int64_t product_id = 0;
  int quantity = 0;
  std::string name{};  // empty: the SKU stands for it
  std::string variant_label{};
};

struct Quote {
  std::vector<OrderLine> lines;         // one per item, in item order, amounts and taxes set
  std::vector<bool> tracked;            // whether each line's variant counts its stock
  std::vector<std::string> currencies;  // each line's
  cart::Totals totals;
  std::string currency;   // the order's: its last line's
  bool complete = false;  // every item's variant was offered (an active product's)
};

// The quote of `items` at `offers` (Inventory::offers, any order) for a destination's `rules`.
// Incomplete when a variant has no offer: nothing is priced then.
Quote quote(const std::vector<QuoteItem>& items, const std::vector<catalog::VariantOffer>& offers,
            const cart::RegionRules& rules);

// Whether what reserve() took for line `i` under the row lock is what the quote priced: the same
// SKU, price and currency, and stock counted (or not) as the quote said.
bool still_quoted(const Quote& quote, std::size_t i, const catalog::Reservation& taken);

}  // namespace comptoir::orders
