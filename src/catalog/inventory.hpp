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
  int from_suppliers = 0;  // of the units taken, how many came from the suppliers' share
};

// Units of one variant going back to stock; `from_suppliers` of them go back to the suppliers'
// share (supplier_stock), the rest to the shop's own stock.
struct StockUnits {
  std::int64_t variant_id = 0;
  int quantity = 0;
  int from_suppliers = 0;
};

// A variant's shelf price, for the supplier engine's margin checks.
struct VariantPrice {
  std::int64_t variant_id = 0;
  std::string sku{};
  std::int64_t price = 0;  // minor units of `currency`
  std::string currency{};
};

// What an order would take a variant at, read without a lock (an active product's variant).
struct VariantOffer {
  std::int64_t variant_id = 0;
  std::string sku{};
  std::int64_t price = 0;  // minor units of `currency`
  std::string currency{};
  bool track_inventory = true;
};

// How many units of a variant can be sold now (its own and its suppliers'), -1 when it does not
// count its stock.
struct VariantUnits {
  std::int64_t variant_id = 0;
  int units = 0;
};

// What the supplier engine says its suppliers have of a shop variant.
struct SupplierStock {
  std::int64_t variant_id = 0;
  int units = 0;
};

// A variant found by its SKU (case-insensitive, as SKUs are unique).
struct SkuMatch {
  std::string sku{};  // as asked
  std::int64_t variant_id = 0;
};

// A variant found by its GTIN, in the 14-digit form (catalog/gtin.hpp).
struct GtinMatch {
  std::string gtin14{};
  std::int64_t variant_id = 0;
};

// The stock of variants, for the modules that take or give back units inside their own
// transaction (orders, when placing, cancelling and receiving a return; the supplier engine, after
// a sync): all run on the caller's connection, so the units move only if the caller's transaction
// commits. A variant's sellable stock is its own stock_on_hand plus supplier_stock, the units its
// mapped suppliers have.
class Inventory {
 public:
  // Takes `quantity` units of an active product's variant, from its own stock first and then from
  // the suppliers' share, in one statement that locks the row: of two transactions wanting the
  // last unit, the second waits for the first's row lock and then finds the stock gone. The lock
  // is FOR NO KEY UPDATE (what the UPDATE takes anyway): rows that reference the variant (an
  // order line inserted earlier in the same or another transaction) hold a key-share lock, which
  // it does not wait for. A caller
  // taking several variants takes them in variant id order, so that two transactions lock the same
  // rows in the same order and never deadlock.
  static Reservation reserve(db::Connection& conn, std::int64_t variant_id, int quantity);
  // Puts the units back where they came from, in one UPDATE (a variant named twice gets both
  // quantities).
  static void release(db::Connection& conn, const std::vector<StockUnits>& units);
  // Puts returned units back on sale: only variants that track their stock now count them (an
  // untracked variant has no count to raise), in one UPDATE.
  static void restock(db::Connection& conn, const std::vector<StockUnits>& units);
  // Sets the suppliers' share of every variant: the listed ones to their units, every other one to
  // 0 (a variant no supplier has any more), in one UPDATE that writes only what changed.
  static void set_supplier_stock(db::Connection& conn, const std::vector<SupplierStock>& stock);
  // What these variants (of active products) sell at now, without locking them: what an order
  // is built from before reserve() locks each row, which then says whether it still holds.
  static std::vector<VariantOffer> offers(db::Connection& conn,
                                          const std::vector<std::int64_t>& variant_ids);
  // What is left of these variants now, in one statement without a lock: the counts the catalog's
  // cache holds stay as they were while a sale changes nothing a page shows.
  static std::vector<VariantUnits> units(db::Connection& conn,
                                         const std::vector<std::int64_t>& variant_ids);
  // The prices of these variants (of active products), in one statement.
  static std::vector<VariantPrice> prices(db::Connection& conn,
                                          const std::vector<std::int64_t>& variant_ids);
  // Of these products, the ones the shop does not ship itself (fulfilment DROPSHIPPING or
  // PRINT_ON_DEMAND): all their units go to suppliers, whatever stock they came from.
  static std::vector<std::int64_t> supplier_fulfilled(db::Connection& conn,
                                                      const std::vector<std::int64_t>& product_ids);
  // The variants that carry these SKUs, in one statement (the supplier engine maps its
  // suppliers' variants to the shop's by SKU).
  static std::vector<SkuMatch> variants_by_sku(db::Connection& conn,
                                               const std::vector<std::string>& skus);
  // The variants that carry these GTINs (given in their 14-digit form), in one statement (the
  // engine's second way to map, for suppliers whose SKUs are not the shop's).
  static std::vector<GtinMatch> variants_by_gtin(db::Connection& conn,
                                                 const std::vector<std::string>& gtins14);
};

}  // namespace comptoir::catalog
