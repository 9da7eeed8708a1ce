#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "catalog/author.hpp"
#include "catalog/catalog_import_file.hpp"
#include "catalog/catalog_import_writes.hpp"
#include "jobs/job.hpp"

namespace comptoir::db {
class Database;
}

// Product imports from a spreadsheet (the back office's CSV import). A file is submitted (its
// shape checked at once: UTF-8, CSV, a `sku` column…), then checked by the catalog.imports job —
// the dry run: every line gets the outcome it would have (created, changed with what changes,
// unchanged, refused with why), nothing written. Staff then ask for it to be applied, and the job
// writes it the same way, product by product, each in its own transaction and audited
// (product.created, product.updated, request id "import-{id}"); a product whose line is refused
// is left out, the others are written. Progress (lines done of the total) is saved as the job
// goes. Applying is idempotent: a pass cut short by a crash or a stop is run again from the start
// once its heartbeat is old, and a file imported twice changes nothing the second time. Imports
// are kept 30 days.
namespace comptoir::catalog {

namespace net = boost::asio;
class CatalogService;

enum class ImportStatus { checking, checked, applying, applied, failed };
std::string_view to_string(ImportStatus status);

struct ImportSummary {
  std::int64_t id = 0;
  std::string file_name{};
  ImportStatus status = ImportStatus::checking;
  int rows_total = 0;
  int rows_done = 0;
  int created = 0, changed = 0, unchanged = 0, refused = 0;
  std::string error{};
  int version = 1;
  std::chrono::sys_seconds created_at{};
  std::string created_by{};  // the staff member's email, "" when gone
};

struct ImportRowView {
  int line = 0;
  std::string sku{};
  std::optional<std::int64_t> product_id{};
  std::string product_name{};
  ImportOutcome outcome = ImportOutcome::unchanged;
  std::string details{};  // JSON: {"changes": {…}} or {"errors": [{field, key, value}]}
};

enum class ApplyRefusal { not_found, stale, not_checked, nothing_to_apply };

class CatalogImports {
 public:
  CatalogImports(db::Database& db, CatalogService& catalog, std::chrono::seconds stale_after = {});

  // Stores the file for its check, audited (catalog.import_submitted); else what is wrong with it.
  // `email` is the author's, shown with the import.
  net::awaitable<std::expected<std::int64_t, ImportFileProblem>> submit(std::string file_name,
                                                                        std::string content,
                                                                        Author author,
                                                                        std::string email = {});
  net::awaitable<std::optional<ImportSummary>> find(std::int64_t id) const;
  net::awaitable<std::vector<ImportSummary>> recent(int limit) const;
  // The lines of the last pass, by line number, of one outcome or all.
  net::awaitable<std::vector<ImportRowView>> rows(std::int64_t id,
                                                  std::optional<ImportOutcome> outcome, int offset,
                                                  int limit) const;
  // A checked import, at the version the page showed, queued to be applied by `author`
  // (catalog.import_applied in the log).
  net::awaitable<std::expected<void, ApplyRefusal>> apply(std::int64_t id, int version,
                                                          Author author);

  // The job's work: the passes that wait, one after the other, until none is left or `stop`.
  void run_pending(std::stop_token stop) const;

 private:
  struct Claim;
  std::optional<Claim> claim() const;
  void run_pass(const Claim& claim, std::stop_token stop) const;

  db::Database& db_;
  CatalogService& catalog_;
  std::chrono::seconds stale_after_;
};

// catalog.imports: runs the waiting passes every `every`, in every process (a pass is claimed
// with FOR UPDATE SKIP LOCKED and a heartbeat), and forgets imports older than 30 days.
jobs::Job imports_job(const CatalogImports& imports, std::chrono::milliseconds every);

}  // namespace comptoir::catalog
