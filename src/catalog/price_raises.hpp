#pragma once

#include <cstdint>
#include <vector>

#include "catalog/author.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::catalog {

// A variant's price to raise, and the price the decision was made on.
struct PriceRaise {
  std::int64_t variant_id = 0;
  std::int64_t from = 0;  // minor units
  std::int64_t to = 0;
};

// Raises variants' prices for another module (the supplier engine's price policy), on the
// caller's connection and inside its transaction, each as a product write like staff's: the
// product row locked, the variant's price set only if it still is `from` (someone changed it
// meanwhile: left alone) and `to` is higher, a compare-at price no longer above the new price
// dropped (the price it was compared with is gone), the product's version bumped (an edit form
// open on the old version is stale) and the change audited as "product.repriced" with the fields'
// before and after, by `author`. Every process's catalog cache follows through the catalog's
// change notification. Returns the variants raised.
std::vector<std::int64_t> raise_prices(db::Connection& conn, const std::vector<PriceRaise>& raises,
                                       const Author& author);

}  // namespace comptoir::catalog
