#pragma once

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

struct PriceConflicts {
  int open = 0;      // variants left in conflict, for staff
  int repriced = 0;  // variants whose price the policy raised
};

// Settles the shop variants of active products that some mapped supplier could ship (in stock, or
// not counted) but none at a cost that leaves the margin floor of the shop's settings at the
// variant's price — a supplier's cost rose, or the price was cut. By the shop's price policy
// (settings: suppliers.reprice_limit), a variant whose least price keeping the floor over its
// cheapest such supplier is within the limit is raised to it (catalog::raise_prices, audited as
// the engine's); the others raise PRICE_CONFLICT, so staff reprice or map another supplier before
// an order comes in unrouted. Alerts of variants no longer in conflict are resolved. Costs in
// another currency than the price's are not compared. The price is the shelf price (taxes
// included where the shop shows them so). On the caller's connection, in its transaction.
PriceConflicts settle_price_conflicts(db::Connection& conn);

}  // namespace comptoir::suppliers
