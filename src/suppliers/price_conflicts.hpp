#pragma once

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// Raises PRICE_CONFLICT for each mapped shop variant of an active product that some supplier could
// ship (in stock, or not counted) but none at a cost that leaves the margin floor of the shop's
// settings at the variant's price — a supplier's cost rose, or the price was cut — so staff
// reprice it or map another supplier before an order comes in unrouted; resolves the alerts of
// variants no longer in conflict. Costs in another currency than the price's are not compared.
// The price is the shelf price (taxes included where the shop shows them so). On the caller's
// connection; returns how many variants are in conflict.
int report_price_conflicts(db::Connection& conn);

}  // namespace comptoir::suppliers
