#include "suppliers/engine_pass.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/catalog_sync.hpp"
#include "suppliers/session_lock.hpp"
#include "suppliers/supplier_service.hpp"
#include "suppliers/sync_repository.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::suppliers {
namespace {

// Runs fn() while holding the shop's session lock for `job`; false when another process has it.
template <class F>
bool with_job_lock(db::Connection& conn, std::string_view job, F fn) {
  auto lock = SessionLock::try_take(conn, fmt::format("comptoir.suppliers.{}", job));
  if (!lock) return false;
  fn();
  return true;
}

}  // namespace

PassReport run_pass(db::Connection& conn, const core::SecretKeys& keys, ApiCallLog& log,
                    const EngineOptions& options) {
  PassReport report;
  auto alive = [&] { beat(conn, options.mode, options.version); };
  alive();
  auto dispatch_options = options.dispatch;
  dispatch_options.stop = options.stop;
  report.dispatch = dispatch(conn, keys, log, dispatch_options);
  alive();

  with_job_lock(conn, "sync", [&] {
    for (const auto& supplier : SupplierService(conn, keys).list()) {
      if (options.stop.stop_requested()) return;
      if (!reads_catalog_api(supplier)) continue;
      auto since = SyncRepository(conn).seconds_since_last_run(supplier.id);
      if (since && std::chrono::seconds{*since} < options.sync_every) continue;
      auto outcome = sync_catalog(conn, keys, supplier.id, log, {.stop = options.stop});
      alive();
      if (!outcome) {
        report.errors.push_back(fmt::format("{}: {}", supplier.name, outcome.error()));
      } else if (!outcome->error.empty()) {
        ++report.sync_failed;
        report.errors.push_back(fmt::format("{}: sync failed: {}", supplier.name, outcome->error));
      } else if (outcome->run.status == "DONE") {
        ++report.synced;
      }
    }
  });
  with_job_lock(conn, "housekeeping", [&] {
    report.stock =
        in_transaction(conn, [](db::Connection& c) { return refresh_supplier_stock(c); });
    report.purged = ApiCallLog::purge(conn, options.api_log_days);
  });
  log.flush();
  return report;
}

}  // namespace comptoir::suppliers
