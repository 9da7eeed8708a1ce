#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "suppliers/connectors/connector.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

struct SyncRun {
  std::int64_t id = 0;
  std::int64_t supplier_id = 0;
  std::string status{};  // RUNNING, DONE, FAILED, CANCELLED
  std::string cursor{};
  int pages = 0;
  int products_seen = 0;
  int variants_seen = 0;
  int created = 0;
  int updated = 0;
  int errors_count = 0;
  int mapped = 0;
  std::string errors{};
  std::string started_at{};
  std::string heartbeat_at{};
  std::string finished_at{};
};

// What storing one page did.
struct PageCounts {
  int products = 0;
  int variants = 0;
  int created = 0;  // variants new to the table
  int updated = 0;
  int errors = 0;  // products kept with sync_status ERROR
};

// An unmapped supplier variant and the code it may be mapped by (its SKU or its GTIN).
struct CodeToMap {
  std::int64_t supplier_variant_id = 0;
  std::string code{};
};

// SQL of the sync runs and of the supplier catalog they fill, on the caller's connection.
class SyncRepository {
 public:
  explicit SyncRepository(db::Connection& conn) : conn_(conn) {}

  // A new run, or nullopt when one is already RUNNING for this supplier.
  std::optional<SyncRun> start(std::int64_t supplier_id);
  std::optional<SyncRun> running(std::int64_t supplier_id);

  PageCounts store_page(std::int64_t supplier_id, const ProductPage& page);
  // The page is stored: remember where the next one starts. The run as it now is.
  SyncRun advance(std::int64_t run_id, const std::string& next, const PageCounts& counts,
                  const std::string& errors);
  // The run as it ends.
  SyncRun finish(std::int64_t run_id, std::string_view status, int mapped,
                 const std::string& errors);
  // Products and variants the finished run did not see any more.
  int mark_gone(std::int64_t supplier_id, std::int64_t run_id);

  // The supplier's unmapped variants (synced OK) that have a SKU, resp. a GTIN, in id order.
  std::vector<CodeToMap> unmapped_with_sku(std::int64_t supplier_id, std::int64_t after_id,
                                           int limit);
  std::vector<CodeToMap> unmapped_with_gtin(std::int64_t supplier_id, std::int64_t after_id,
                                            int limit);
  int map(const std::vector<std::pair<std::int64_t, std::int64_t>>& supplier_to_shop,
          std::string_view source);
  std::int64_t unmapped_count(std::int64_t supplier_id);
  // The latest `limit` runs, of one supplier or of every one (nullopt), the newest first: the sync
  // history, with each run's errors.
  std::vector<SyncRun> recent(std::optional<std::int64_t> supplier_id, int limit);
  // Seconds since the supplier's last run ended (DONE, FAILED or CANCELLED); nullopt: never ran.
  std::optional<std::int64_t> seconds_since_last_run(std::int64_t supplier_id);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::suppliers
