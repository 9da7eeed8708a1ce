#include "catalog/catalog_imports.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "accounts/audit_log.hpp"
#include "catalog/catalog_repository.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/write_support.hpp"
#include "db/database.hpp"
#include "db/error.hpp"
#include "observe/log.hpp"

namespace comptoir::catalog {
namespace json = boost::json;
namespace {

constexpr db::Query kInsert{
    "catalog_import_insert",
    "INSERT INTO catalog_imports (created_by, created_by_email, file_name, content, rows_total) "
    "VALUES ($1, $5, $2, $3, $4) RETURNING id"};
// The columns summaries() reads, in its order.
#define COMPTOIR_IMPORT_SUMMARY                                                             \
  "SELECT i.id, i.file_name, i.status, i.rows_total, i.rows_done, i.created_count, "        \
  "i.changed_count, i.unchanged_count, i.refused_count, coalesce(i.error, ''), i.version, " \
  "extract(epoch FROM i.created_at)::bigint, i.created_by_email FROM catalog_imports i "
constexpr db::Query kFind{"catalog_import_find", COMPTOIR_IMPORT_SUMMARY "WHERE i.id = $1"};
constexpr db::Query kRecent{"catalog_import_recent",
                            COMPTOIR_IMPORT_SUMMARY "ORDER BY i.id DESC LIMIT $1"};
#undef COMPTOIR_IMPORT_SUMMARY
constexpr db::Query kRows{
    "catalog_import_rows",
    "SELECT line, sku, product_id, product_name, outcome, details::text FROM catalog_import_rows "
    "WHERE import_id = $1 AND ($2::text IS NULL OR outcome = $2) ORDER BY line "
    "OFFSET $3 LIMIT $4"};
constexpr db::Query kApply{
    "catalog_import_apply",
    "UPDATE catalog_imports SET status = 'applying', version = version + 1, rows_done = 0, "
    "heartbeat_at = NULL, applied_by = $3, applied_ip = $4 "
    "WHERE id = $1 AND version = $2 AND status = 'checked' "
    "AND created_count + changed_count > 0 RETURNING id"};
constexpr db::Query kState{
    "catalog_import_state",
    "SELECT status, version, created_count + changed_count FROM catalog_imports WHERE id = $1"};
// A pass that waits, or whose process stopped renewing its heartbeat.
constexpr db::Query kClaim{
    "catalog_import_claim",
    "UPDATE catalog_imports SET heartbeat_at = now(), rows_done = 0, created_count = 0, "
    "changed_count = 0, unchanged_count = 0, refused_count = 0, error = NULL "
    "WHERE id = (SELECT id FROM catalog_imports WHERE status IN ('checking', 'applying') "
    "AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $1)) "
    "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
    "RETURNING id, status, content, applied_by, coalesce(applied_ip, '')"};
constexpr db::Query kClearRows{"catalog_import_clear_rows",
                               "DELETE FROM catalog_import_rows WHERE import_id = $1"};
// One batch of lines' outcomes, with the counts and the heartbeat; nothing when the pass is no
// longer this one's (the import was forgotten).
constexpr db::Query kSaveRows{
    "catalog_import_save_rows",
    "WITH saved AS (INSERT INTO catalog_import_rows "
    "(import_id, line, sku, product_id, product_name, outcome, details) "
    "SELECT $1, (r->>'line')::int, r->>'sku', (r->>'product_id')::bigint, r->>'product_name', "
    "r->>'outcome', r->'details' FROM jsonb_array_elements($2::jsonb) r "
    "ON CONFLICT (import_id, line) DO UPDATE SET outcome = excluded.outcome, "
    "details = excluded.details RETURNING 1) "
    "UPDATE catalog_imports SET rows_done = rows_done + $3, created_count = created_count + $4, "
    "changed_count = changed_count + $5, unchanged_count = unchanged_count + $6, "
    "refused_count = refused_count + $7, heartbeat_at = now() "
    "WHERE id = $1 AND status = $8 RETURNING (SELECT count(*) FROM saved)"};
constexpr db::Query kFinish{"catalog_import_finish",
                            "UPDATE catalog_imports SET status = $2, heartbeat_at = NULL, "
                            "checked_at = CASE WHEN $2 = 'checked' THEN now() ELSE checked_at END, "
                            "applied_at = CASE WHEN $2 = 'applied' THEN now() ELSE applied_at END, "
                            "version = version + 1 WHERE id = $1 AND status = $3"};
constexpr db::Query kFail{
    "catalog_import_fail",
    "UPDATE catalog_imports SET status = 'failed', error = $2, heartbeat_at = NULL, "
    "version = version + 1 WHERE id = $1"};
constexpr db::Query kRelease{"catalog_import_release",
                             "UPDATE catalog_imports SET heartbeat_at = NULL WHERE id = $1"};
constexpr db::Query kTotal{"catalog_import_total",
                           "UPDATE catalog_imports SET rows_total = $2 WHERE id = $1"};
constexpr db::Query kForget{
    "catalog_import_forget",
    "DELETE FROM catalog_imports WHERE created_at < now() - interval '30 days'"};

constexpr std::size_t kSaveEvery = 250;  // lines per progress save

std::optional<ImportStatus> parse_status(std::string_view text) {
  for (auto status : {ImportStatus::checking, ImportStatus::checked, ImportStatus::applying,
                      ImportStatus::applied, ImportStatus::failed})
    if (to_string(status) == text) return status;
  return std::nullopt;
}

std::vector<ImportSummary> summaries(const db::Result& rows) {
  std::vector<ImportSummary> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ImportSummary s;
    s.id = rows.get<std::int64_t>(i, 0);
    s.file_name = rows.get<std::string>(i, 1);
    s.status = parse_status(rows.get<std::string_view>(i, 2)).value_or(ImportStatus::failed);
    s.rows_total = rows.get<std::int32_t>(i, 3);
    s.rows_done = rows.get<std::int32_t>(i, 4);
    s.created = rows.get<std::int32_t>(i, 5);
    s.changed = rows.get<std::int32_t>(i, 6);
    s.unchanged = rows.get<std::int32_t>(i, 7);
    s.refused = rows.get<std::int32_t>(i, 8);
    s.error = rows.get<std::string>(i, 9);
    s.version = rows.get<std::int32_t>(i, 10);
    s.created_at = std::chrono::sys_seconds{std::chrono::seconds{rows.get<std::int64_t>(i, 11)}};
    s.created_by = rows.get<std::string>(i, 12);
    out.push_back(std::move(s));
  }
  return out;
}

json::object details_of(const ImportLineResult& result) {
  if (result.outcome == ImportOutcome::refused) {
    json::array errors;
    for (const auto& error : result.errors)
      errors.push_back(
          json::object{{"field", error.field}, {"key", error.message_key}, {"value", error.value}});
    return {{"errors", std::move(errors)}};
  }
  if (result.changes.empty()) return {};
  return {{"changes", result.changes}};
}

// The outcomes of a pass not yet saved, and their counts.
struct Batch {
  json::array rows;
  int lines = 0, created = 0, changed = 0, unchanged = 0, refused = 0;

  void add(const ImportLineResult& result) {
    json::object row{{"line", result.line},
                     {"sku", result.sku},
                     {"product_name", result.product_name},
                     {"outcome", to_string(result.outcome)},
                     {"details", details_of(result)}};
    if (result.product_id) row["product_id"] = *result.product_id;
    rows.push_back(std::move(row));
    ++lines;
    switch (result.outcome) {
      case ImportOutcome::created:
        ++created;
        break;
      case ImportOutcome::changed:
        ++changed;
        break;
      case ImportOutcome::unchanged:
        ++unchanged;
        break;
      case ImportOutcome::refused:
        ++refused;
        break;
    }
  }
};

}  // namespace

std::string_view to_string(ImportStatus status) {
  switch (status) {
    case ImportStatus::checking:
      return "checking";
    case ImportStatus::checked:
      return "checked";
    case ImportStatus::applying:
      return "applying";
    case ImportStatus::applied:
      return "applied";
    case ImportStatus::failed:
      return "failed";
  }
  return "failed";
}

struct CatalogImports::Claim {
  std::int64_t id = 0;
  bool write = false;
  std::string content;
  std::optional<Author> author;
};

CatalogImports::CatalogImports(db::Database& db, CatalogService& catalog,
                               std::chrono::seconds stale_after)
    : db_(db),
      catalog_(catalog),
      stale_after_(stale_after.count() > 0 ? stale_after : std::chrono::seconds{120}) {}

net::awaitable<std::expected<std::int64_t, ImportFileProblem>> CatalogImports::submit(
    std::string file_name, std::string content, Author author, std::string email) {
  auto file = read_import_file(content);
  if (!file) co_return std::unexpected(file.error());
  const auto lines = static_cast<std::int64_t>(file->lines.size());
  if (file_name.size() > 255) file_name.resize(255);
  auto id = co_await db_.transact([&](db::Connection& conn) {
    auto made =
        conn.exec(kInsert, author.actor.id, file_name, content, lines, email).one<std::int64_t>();
    accounts::append_audit(conn, {.actor = author.actor,
                                  .action = "catalog.import_submitted",
                                  .target_kind = "catalog_import",
                                  .target_id = std::to_string(made),
                                  .ip = author.ip,
                                  .request_id = author.request_id,
                                  .details = {{"file", file_name}, {"lines", lines}}});
    return made;
  });
  co_return id;
}

net::awaitable<std::optional<ImportSummary>> CatalogImports::find(std::int64_t id) const {
  auto found =
      co_await db_.transact([&](db::Connection& conn) { return summaries(conn.exec(kFind, id)); });
  if (found.empty()) co_return std::nullopt;
  co_return std::move(found.front());
}

net::awaitable<std::vector<ImportSummary>> CatalogImports::recent(int limit) const {
  co_return co_await db_.transact(
      [&](db::Connection& conn) { return summaries(conn.exec(kRecent, limit)); });
}

net::awaitable<std::vector<ImportRowView>> CatalogImports::rows(
    std::int64_t id, std::optional<ImportOutcome> outcome, int offset, int limit) const {
  std::optional<std::string> wanted;
  if (outcome) wanted = std::string(to_string(*outcome));
  co_return co_await db_.transact([&](db::Connection& conn) {
    auto rows = conn.exec(kRows, id, wanted, std::max(offset, 0), std::clamp(limit, 1, 1000));
    std::vector<ImportRowView> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
      out.push_back({.line = rows.get<std::int32_t>(i, 0),
                     .sku = rows.get<std::string>(i, 1),
                     .product_id = rows.get<std::optional<std::int64_t>>(i, 2),
                     .product_name = rows.get<std::string>(i, 3),
                     .outcome = parse_import_outcome(rows.get<std::string_view>(i, 4))
                                    .value_or(ImportOutcome::refused),
                     .details = rows.get<std::string>(i, 5)});
    return out;
  });
}

net::awaitable<std::expected<void, ApplyRefusal>> CatalogImports::apply(std::int64_t id,
                                                                        int version,
                                                                        Author author) {
  co_return co_await db_.transact([&](db::Connection& conn) -> std::expected<void, ApplyRefusal> {
    if (conn.exec(kApply, id, version, author.actor.id, author.ip).empty()) {
      auto state = conn.exec(kState, id);
      if (state.empty()) return std::unexpected(ApplyRefusal::not_found);
      if (state.get<std::int32_t>(0, 1) != version) return std::unexpected(ApplyRefusal::stale);
      if (state.get<std::string_view>(0, 0) != "checked")
        return std::unexpected(ApplyRefusal::not_checked);
      return std::unexpected(ApplyRefusal::nothing_to_apply);
    }
    accounts::append_audit(conn, {.actor = author.actor,
                                  .action = "catalog.import_applied",
                                  .target_kind = "catalog_import",
                                  .target_id = std::to_string(id),
                                  .ip = author.ip,
                                  .request_id = author.request_id});
    return {};
  });
}

std::optional<CatalogImports::Claim> CatalogImports::claim() const {
  return db_.transact_sync([&](db::Connection& conn) -> std::optional<Claim> {
    auto rows = conn.exec(kClaim, static_cast<std::int64_t>(stale_after_.count()));
    if (rows.empty()) return std::nullopt;
    Claim claim{.id = rows.get<std::int64_t>(0, 0),
                .write = rows.get<std::string_view>(0, 1) == "applying",
                .content = rows.get<std::string>(0, 2),
                .author = std::nullopt};
    if (claim.write) {
      auto by = rows.get<std::optional<std::int64_t>>(0, 3);
      claim.author = Author{.actor = by ? accounts::Actor::user(*by) : accounts::Actor::system(),
                            .ip = rows.get<std::string>(0, 4),
                            .request_id = fmt::format("import-{}", claim.id)};
    }
    conn.exec(kClearRows, claim.id);
    return claim;
  });
}

void CatalogImports::run_pass(const Claim& claim, std::stop_token stop) const {
  const std::string_view status = claim.write ? "applying" : "checking";
  auto file = read_import_file(claim.content);
  if (!file) {  // checked when submitted; only a change of the rules since could do this
    db_.transact_sync([&](db::Connection& conn) { conn.exec(kFail, claim.id, file.error().code); });
    return;
  }
  const auto lines = static_cast<std::int64_t>(file->lines.size());
  auto groups = group_import_lines(std::move(file->lines));
  auto tree = db_.transact_sync([&](db::Connection& conn) {
    conn.exec(kTotal, claim.id, lines);
    return CatalogRepository(conn).categories();
  });

  Batch batch;
  bool ours = true;
  auto save = [&] {
    auto saved = db_.transact_sync([&](db::Connection& conn) {
      return !conn.exec(kSaveRows, claim.id, json::serialize(batch.rows), batch.lines,
                        batch.created, batch.changed, batch.unchanged, batch.refused, status)
                  .empty();
    });
    if (claim.write) catalog_.invalidate();
    batch = Batch{};
    return saved;
  };
  for (const auto& group : groups) {
    if (stop.stop_requested()) {
      db_.transact_sync([&](db::Connection& conn) { conn.exec(kRelease, claim.id); });
      return;  // another process (or this one, restarted) takes it up from the start
    }
    std::vector<ImportLineResult> results;
    try {
      results = db_.transact_sync([&](db::Connection& conn) {
        CatalogRepository repo(conn);
        return import_group(repo, tree, group, claim.write, claim.author);
      });
    } catch (const writes::Rejected& rejected) {
      results = refused_group(group, rejected.error);
    } catch (const db::DbError& error) {
      auto client = writes::client_error(error);
      if (!client) throw;
      results = refused_group(group, *client);
    }
    for (const auto& result : results) batch.add(result);
    if (static_cast<std::size_t>(batch.lines) >= kSaveEvery) ours = save();
    if (!ours) return;
  }
  if (batch.lines > 0 && !save()) return;
  db_.transact_sync([&](db::Connection& conn) {
    conn.exec(kFinish, claim.id, claim.write ? "applied" : "checked", status);
  });
  observe::info(
      "catalog import pass done",
      {{"import", claim.id}, {"pass", claim.write ? "apply" : "check"}, {"lines", lines}});
}

void CatalogImports::run_pending(std::stop_token stop) const {
  db_.transact_sync([&](db::Connection& conn) { conn.exec(kForget); });
  while (!stop.stop_requested()) {
    auto claimed = claim();
    if (!claimed) return;
    try {
      run_pass(*claimed, stop);
    } catch (const std::exception& e) {
      observe::error("catalog import failed", {{"import", claimed->id}, {"error", e.what()}});
      db_.transact_sync([&](db::Connection& conn) {
        conn.exec(kFail, claimed->id, std::string(e.what()).substr(0, 500));
      });
      if (claimed->write) catalog_.invalidate();
    }
  }
}

jobs::Job imports_job(const CatalogImports& imports, std::chrono::milliseconds every) {
  return {.name = "catalog.imports",
          .every = every,
          .jitter = every / 5,
          .exclusive = false,
          .run = [&imports](std::stop_token stop) { imports.run_pending(stop); }};
}

}  // namespace comptoir::catalog
