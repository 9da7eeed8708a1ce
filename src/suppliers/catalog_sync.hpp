#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/secret_keys.hpp"
#include "suppliers/sync_repository.hpp"

#include "suppliers/model.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

class ApiCallLog;

struct SyncOptions {
  std::function<void(const SyncRun&, std::int64_t total)> progress{};  // after each page
  std::stop_token stop{};  // between pages: the run ends CANCELLED
  // The supplier's price list (CSV, connectors/price_list.hpp) to read instead of its platform:
  // for suppliers without a catalog API (a generic dropshipper, a wholesaler).
  std::optional<std::string> price_list{};
};

struct SyncOutcome {
  SyncRun run{};
  bool resumed = false;       // continued a run whose process died
  std::int64_t unmapped = 0;  // supplier variants no shop variant is mapped to
  int mapped_by_gtin = 0;     // of run.mapped, those mapped by GTIN (the rest by SKU)
  std::int64_t gone = 0;      // variants no longer listed
  std::string error{};        // why the run FAILED ("" when DONE or CANCELLED)
};

// Reads a supplier's whole catalog page by page into supplier_products and supplier_variants:
// each page in one transaction with the run's cursor, so a run whose process died continues from
// its last stored page (a session advisory lock per supplier says whether its process is alive). At
// the end, what was not seen is GONE, and variants whose SKU or GTIN is a shop variant's are mapped
// to it (auto_map).
// Failures end the run FAILED with the reason and raise an alert; nothing half-written stays
// behind. Errors before a run exists (unknown supplier, no credentials, a run alive in another
// process) are the unexpected value.
std::expected<SyncOutcome, std::string> sync_catalog(db::Connection& conn,
                                                     const core::SecretKeys& keys,
                                                     std::int64_t supplier_id, ApiCallLog& log,
                                                     const SyncOptions& options = {});

// Whether the engine reads the supplier's catalog from its platform (an active Printify, Amazon,
// Etsy or eBay supplier); the others (a generic dropshipper, local stock) sync from a price list.
bool reads_catalog_api(const Supplier& supplier);

// Maps the supplier's unmapped variants to the shop's variants: by SKU (whatever its case), then,
// for those still unmapped, by GTIN (a UPC-A finds its EAN-13; a supplier's GTIN with a wrong
// check digit maps nothing). A mapping made here never replaces one staff made.
struct AutoMapped {
  int by_sku = 0;
  int by_gtin = 0;
};
AutoMapped auto_map(db::Connection& conn, std::int64_t supplier_id);

// What auto_map would map, without mapping it, for staff to review (the desktop app's mapping
// editor): each unmapped variant once, by SKU before GTIN.
struct MatchProposal {
  std::int64_t supplier_variant_id = 0;
  std::int64_t variant_id = 0;
  std::string source{};  // SKU or GTIN
};
std::vector<MatchProposal> propose_matches(db::Connection& conn, std::int64_t supplier_id);
// Maps the proposals staff kept (those whose supplier variant got mapped meanwhile are skipped);
// how many were mapped.
int accept_matches(db::Connection& conn, const std::vector<MatchProposal>& proposals);

}  // namespace comptoir::suppliers
