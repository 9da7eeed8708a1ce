#pragma once

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// A supplier that does not count its stock (print on demand) counts as this many units.
inline constexpr int kUncountedStock = 1'000'000;

struct StockRefresh {
  int variants = 0;         // shop variants with a supplier's share
  int low = 0;              // mapped supplier variants at or under the low-stock threshold
  int price_conflicts = 0;  // shop variants no supplier in stock can serve above the floor
  int repriced = 0;         // shop variants whose price the price policy raised
};

// Hands the catalog what the mapped suppliers have of each shop variant (catalog::Inventory::
// set_supplier_stock): per supplier variant that is available and listed, its stock less the units
// of PENDING supplier orders not yet sent (the supplier does not know of them), summed over the
// shop variant's active suppliers, uncounted stock as kUncountedStock. Raises LOW_STOCK for each
// mapped supplier variant at or under the shop's low-stock threshold, and resolves the others;
// then settles price conflicts (suppliers/price_conflicts.hpp). On the caller's connection (after a
// sync, in its last transaction; and by `suppliers run`).
StockRefresh refresh_supplier_stock(db::Connection& conn);

}  // namespace comptoir::suppliers
