#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

// A supplier's price list as a CSV file (a wholesaler's or a generic dropshipper's, which have no
// catalog API), read as a catalog the sync can store like a platform's: one line per variant, with
// a header naming the columns (case-insensitive, in any order; comma or semicolon separated):
//   sku (required) · title · product (groups variants; default: the sku) · cost (12.50 or 12,50,
//   in the currency) · currency (default: the supplier's) · stock (empty: not counted) · gtin ·
//   price (suggested retail) · available (yes/no, 1/0, true/false; default yes)
// A line whose values cannot be read is kept as an unreadable entry with the reason (the sync
// stores it with sync_status ERROR). The whole file is refused when it is not CSV, has no sku
// column, or names a sku twice.
std::expected<std::unique_ptr<Connector>, std::string> make_price_list(std::string_view csv,
                                                                       std::string currency);

}  // namespace comptoir::suppliers
