#pragma once

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>
#include <vector>

#include "suppliers/dispatch.hpp"
#include "suppliers/engine_heartbeat.hpp"
#include "suppliers/supplier_stock.hpp"

namespace comptoir::core {
class SecretKeys;
}
namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

class ApiCallLog;

struct EngineOptions {
  DispatchOptions dispatch{};
  // A supplier's catalog is read again once its last sync ended this long ago.
  std::chrono::seconds sync_every{std::chrono::hours{6}};
  int api_log_days = 30;  // supplier_api_calls older than this are deleted
  // Who runs the pass, for the heartbeat the desktop app shows (engine_heartbeat.hpp).
  RunnerMode mode = RunnerMode::headless;
  std::string version{};
  std::stop_token stop{};
};

// What one pass did for one shop.
struct PassReport {
  DispatchReport dispatch{};
  int synced = 0;       // catalog syncs that ended DONE
  int sync_failed = 0;  // that ended FAILED (an alert says why)
  std::vector<std::string> errors{};
  StockRefresh stock{};
  std::int64_t purged = 0;  // API calls past their retention
};

// One pass of the engine's jobs over one shop, on its connection (`comptoir suppliers run`):
// dispatch what is due, sync the catalogs whose last sync is older than sync_every, hand the
// suppliers' stock to the catalog, and purge the API call log. The sync, stock and purge jobs hold
// a session advisory lock per shop and job while they run (a second `suppliers run` on the same
// shop skips them); dispatch needs none (each order is claimed with a lease). The pass beats this
// process's heartbeat (supplier_engine_runners) as it starts and after each job.
PassReport run_pass(db::Connection& conn, const core::SecretKeys& keys, ApiCallLog& log,
                    const EngineOptions& options);

}  // namespace comptoir::suppliers
