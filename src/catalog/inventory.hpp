#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::catalog {

// What taking units of a variant from stock found.
struct Reservation {
  enum class Outcome { reserved, not_tracked, short_of_stock, unavailable } outcome;
  std::string sku{};
  std::int64_t unit_price = 0;
  std::string currency{};
};

// Units of one variant going back to stock.
struct StockUnits {
  std::int64_t variant_id = 0;
  int quantity = 0;
};

// A variant found by its SKU (case-insensitive, as SKUs are unique).
struct SkuMatch {
  std::string sku{};  // as asked
  std::int64_t variant_id = 0;
};

// The stock of variants, for the modules that take or give back units inside their own
// transaction (orders, when placing, cancelling and receiving a return): all run on the caller's
// connection, so the units move only if the caller's transaction commits.
class Inventory {
 public:
  // Takes `quantity` units of an active product's variant in one conditional UPDATE: of two
  // transactions wanting the last unit, the second waits for the first's row lock and then finds
  // the stock gone. A caller taking several variants takes them in variant id order, so that two
  // transactions lock the same rows in the same order and never deadlock.
  static Reservation reserve(db::Connection& conn, std::int64_t variant_id, int quantity);
  // Puts the units back, in one UPDATE (a variant named twice gets both quantities).
  static void release(db::Connection& conn, const std::vector<StockUnits>& units);
  // Puts returned units back on sale: only variants that track their stock now count them (an
  // untracked variant has no count to raise), in one UPDATE.
  static void restock(db::Connection& conn, const std::vector<StockUnits>& units);
  // The variants that carry these SKUs, in one statement (the supplier engine maps its
  // suppliers' variants to the shop's by SKU).
  static std::vector<SkuMatch> variants_by_sku(db::Connection& conn,
                                               const std::vector<std::string>& skus);
};

}  // namespace comptoir::catalog
