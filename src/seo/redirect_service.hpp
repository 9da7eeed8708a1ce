#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "accounts/audit_log.hpp"
#include "http/types.hpp"
#include "seo/redirect_import.hpp"
#include "seo/redirect_rules.hpp"

namespace comptoir::db {
class Connection;
class Database;
}  // namespace comptoir::db

namespace comptoir::catalog {
class ChangeListener;
}

namespace comptoir::seo {

// One import of a CSV file of redirects (docs/seo.md, "Moving from another site").
struct RedirectImport {
  std::string csv{};
  bool dry_run = false;  // plan only: nothing is written, nothing audited
  bool replace = false;  // the file becomes the whole table: stored redirects it lacks are removed
  accounts::Actor actor{};
  std::string source{};  // the file's name, for the audit log
  std::string ip{};
  std::string request_id{};
};

// Plans the import against the stored redirects (the table locked against other imports) and,
// unless it is a dry run or a line is refused, writes it and its audit row
// ("redirects.imported"): all or nothing, in the caller's transaction.
ImportPlan import_redirects(db::Connection& conn, const RedirectImport& request,
                            const PathRules& rules);

std::vector<Redirect> list_redirects(db::Connection& conn);

// The redirects as an import file: the header from,to,status, then one line each.
std::string redirects_csv(const std::vector<Redirect>& redirects);

// This process's copy of the redirects, for the router's fallback: loaded at start, then again
// each time PostgreSQL notifies `redirects_changed` (an import in any process). Requests read the
// current index without a lock. While the listener is disconnected the last index keeps serving;
// it is reloaded when the listener is back.
class RedirectTable {
 public:
  explicit RedirectTable(db::Database& database);
  RedirectTable(const RedirectTable&) = delete;
  RedirectTable& operator=(const RedirectTable&) = delete;
  ~RedirectTable();  // stops the listener first

  // Reads every redirect (blocks; throws db::DbError when the database does not answer).
  void load();
  // LISTEN redirects_changed on a connection of its own; reloads when connected and on each
  // notification.
  void start_listening(std::string conninfo);

  std::shared_ptr<const RedirectIndex> current() const { return index_.load(); }
  // How many times the index was loaded (tests and logs).
  std::uint64_t loads() const noexcept { return loads_.load(); }

 private:
  void reload() noexcept;

  db::Database& database_;
  std::mutex load_mutex_;  // a load that read later also stores later
  std::atomic<std::shared_ptr<const RedirectIndex>> index_;
  std::atomic<std::uint64_t> loads_{0};
  std::unique_ptr<catalog::ChangeListener> listener_;
};

// The router's fallback (http::Router::fallback): for a GET or HEAD no route serves, the
// redirect of its path, if any — 301 or 302 to its target (the request's query kept), or the
// 410 page (in the visitor's Accept-Language when the path has no locale prefix); 404 otherwise.
http::Handler redirect_fallback(const RedirectTable& table);

}  // namespace comptoir::seo
