#include "suppliers/sync_repository.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <set>

#include "db/connection.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;

#define COMPTOIR_RUN_COLUMNS                                                              \
  "id, supplier_id, status, cursor, pages, products_seen, variants_seen, created_count, " \
  "updated_count, error_count, mapped_count, errors, "                                    \
  "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "            \
  "to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "          \
  "coalesce(to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '')"

constexpr db::Query kStart{"supplier_sync_start",
                           "INSERT INTO supplier_sync_runs (supplier_id) VALUES ($1) "
                           "ON CONFLICT (supplier_id) WHERE status = 'RUNNING' DO NOTHING "
                           "RETURNING " COMPTOIR_RUN_COLUMNS};
constexpr db::Query kRunning{"supplier_sync_running",
                             "SELECT " COMPTOIR_RUN_COLUMNS
                             " FROM supplier_sync_runs "
                             "WHERE supplier_id = $1 AND status = 'RUNNING'"};
constexpr db::Query kAdvance{
    "supplier_sync_advance",
    "UPDATE supplier_sync_runs SET cursor = $2, pages = pages + 1, "
    "products_seen = products_seen + $3, variants_seen = variants_seen + $4, "
    "created_count = created_count + $5, updated_count = updated_count + $6, "
    "error_count = error_count + $7, errors = left(errors || $8, 20000), heartbeat_at = now() "
    "WHERE id = $1 RETURNING " COMPTOIR_RUN_COLUMNS};
constexpr db::Query kFinish{
    "supplier_sync_finish",
    "UPDATE supplier_sync_runs SET status = $2, mapped_count = $3, "
    "errors = left(errors || $4, 20000), finished_at = now(), heartbeat_at = now() WHERE id = $1 "
    "RETURNING " COMPTOIR_RUN_COLUMNS};

constexpr db::Query kStoreProducts{
    "supplier_sync_store_products",
    "INSERT INTO supplier_products AS p (supplier_id, external_id, title, raw, last_sync_at, "
    "sync_status, sync_errors) "
    "SELECT $1, x.external_id, x.title, coalesce(x.raw, '{}')::jsonb, now(), x.status, x.errors "
    "FROM jsonb_to_recordset($2::jsonb) AS x(external_id text, title text, raw text, "
    "status text, errors text) "
    "ON CONFLICT (supplier_id, external_id) DO UPDATE SET "
    "title = CASE WHEN EXCLUDED.sync_status = 'OK' THEN EXCLUDED.title ELSE p.title END, "
    "raw = CASE WHEN EXCLUDED.sync_status = 'OK' THEN EXCLUDED.raw ELSE p.raw END, "
    "last_sync_at = now(), sync_status = EXCLUDED.sync_status, "
    "sync_errors = EXCLUDED.sync_errors"};
constexpr db::Query kStoreVariants{
    "supplier_sync_store_variants",
    "WITH stored AS (INSERT INTO supplier_variants AS v (supplier_id, supplier_product_id, "
    "external_id, sku, gtin, title, cost, currency, stock, suggested_price, available, raw, "
    "last_sync_at, sync_status, sync_errors) "
    "SELECT $1, p.id, x.external_id, x.sku, x.gtin, x.title, x.cost, x.currency, x.stock, "
    "x.suggested_price, x.available, coalesce(x.raw, '{}')::jsonb, now(), 'OK', '' "
    "FROM jsonb_to_recordset($2::jsonb) AS x(product text, external_id text, sku text, "
    "gtin text, title text, cost bigint, currency text, stock int, suggested_price bigint, "
    "available boolean, raw text) "
    "JOIN supplier_products p ON p.supplier_id = $1 AND p.external_id = x.product "
    "ON CONFLICT (supplier_id, external_id) DO UPDATE SET "
    "supplier_product_id = EXCLUDED.supplier_product_id, sku = EXCLUDED.sku, "
    "gtin = EXCLUDED.gtin, title = EXCLUDED.title, cost = EXCLUDED.cost, "
    "currency = EXCLUDED.currency, stock = EXCLUDED.stock, "
    "suggested_price = EXCLUDED.suggested_price, available = EXCLUDED.available, "
    "raw = EXCLUDED.raw, last_sync_at = now(), sync_status = 'OK', sync_errors = '' "
    "RETURNING (xmax = 0) AS created) "
    "SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM stored"};
constexpr db::Query kGoneProducts{
    "supplier_sync_gone_products",
    "UPDATE supplier_products SET sync_status = 'GONE' WHERE supplier_id = $1 "
    "AND sync_status <> 'GONE' AND last_sync_at < "
    "(SELECT started_at FROM supplier_sync_runs WHERE id = $2)"};
constexpr db::Query kGoneVariants{
    "supplier_sync_gone_variants",
    "UPDATE supplier_variants SET sync_status = 'GONE', available = false, stock = 0 "
    "WHERE supplier_id = $1 AND sync_status <> 'GONE' AND last_sync_at < "
    "(SELECT started_at FROM supplier_sync_runs WHERE id = $2)"};
constexpr db::Query kUnmapped{
    "supplier_sync_unmapped_with_sku",
    "SELECT v.id, v.sku FROM supplier_variants v WHERE v.supplier_id = $1 AND v.id > $2 "
    "AND v.sku <> '' AND v.sync_status = 'OK' AND NOT EXISTS "
    "(SELECT 1 FROM supplier_mappings m WHERE m.supplier_variant_id = v.id) "
    "ORDER BY v.id LIMIT $3"};
constexpr db::Query kUnmappedGtin{
    "supplier_sync_unmapped_with_gtin",
    "SELECT v.id, v.gtin FROM supplier_variants v WHERE v.supplier_id = $1 AND v.id > $2 "
    "AND v.gtin <> '' AND v.sync_status = 'OK' AND NOT EXISTS "
    "(SELECT 1 FROM supplier_mappings m WHERE m.supplier_variant_id = v.id) "
    "ORDER BY v.id LIMIT $3"};
constexpr db::Query kMap{"supplier_sync_map",
                         "INSERT INTO supplier_mappings (supplier_variant_id, variant_id, source) "
                         "SELECT * , $3 FROM unnest($1::bigint[], $2::bigint[]) "
                         "ON CONFLICT (supplier_variant_id) DO NOTHING"};
constexpr db::Query kUnmappedCount{
    "supplier_sync_unmapped_count",
    "SELECT count(*) FROM supplier_variants v WHERE v.supplier_id = $1 AND v.sync_status = 'OK' "
    "AND NOT EXISTS (SELECT 1 FROM supplier_mappings m WHERE m.supplier_variant_id = v.id)"};

// The latest runs, of one supplier ($1) or of all ($1 NULL), the newest first.
constexpr db::Query kRecent{"supplier_sync_recent", "SELECT " COMPTOIR_RUN_COLUMNS
                                                    " FROM supplier_sync_runs "
                                                    "WHERE $1::bigint IS NULL OR supplier_id = $1 "
                                                    "ORDER BY started_at DESC, id DESC LIMIT $2"};

#undef COMPTOIR_RUN_COLUMNS

SyncRun run_row(const db::Result& r, std::size_t i) {
  return SyncRun{.id = r.get<std::int64_t>(i, 0),
                 .supplier_id = r.get<std::int64_t>(i, 1),
                 .status = r.get<std::string>(i, 2),
                 .cursor = r.get<std::string>(i, 3),
                 .pages = r.get<std::int32_t>(i, 4),
                 .products_seen = r.get<std::int32_t>(i, 5),
                 .variants_seen = r.get<std::int32_t>(i, 6),
                 .created = r.get<std::int32_t>(i, 7),
                 .updated = r.get<std::int32_t>(i, 8),
                 .errors_count = r.get<std::int32_t>(i, 9),
                 .mapped = r.get<std::int32_t>(i, 10),
                 .errors = r.get<std::string>(i, 11),
                 .started_at = r.get<std::string>(i, 12),
                 .heartbeat_at = r.get<std::string>(i, 13),
                 .finished_at = r.get<std::string>(i, 14)};
}

std::optional<SyncRun> first(const db::Result& r) {
  if (r.empty()) return std::nullopt;
  return run_row(r, 0);
}

json::value optional_number(const std::optional<std::int64_t>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

constexpr db::Query kSinceLast{
    "supplier_sync_since_last",
    "SELECT extract(epoch FROM now() - max(finished_at))::bigint FROM supplier_sync_runs "
    "WHERE supplier_id = $1 AND finished_at IS NOT NULL"};

}  // namespace

std::optional<SyncRun> SyncRepository::start(std::int64_t supplier_id) {
  return first(conn_.exec(kStart, supplier_id));
}

std::optional<SyncRun> SyncRepository::running(std::int64_t supplier_id) {
  return first(conn_.exec(kRunning, supplier_id));
}

PageCounts SyncRepository::store_page(std::int64_t supplier_id, const ProductPage& page) {
  PageCounts counts;
  json::array products;
  json::array variants;
  std::set<std::string, std::less<>> seen_products;
  std::set<std::string, std::less<>> seen_variants;
  for (const auto& product : page.products) {
    if (product.external_id.empty()) {
      ++counts.errors;  // nothing to keep it under
      continue;
    }
    // A platform listing one id twice on a page: the first wins.
    if (!seen_products.insert(product.external_id).second) continue;
    ++counts.products;
    bool broken = !product.error.empty();
    if (broken) ++counts.errors;
    products.push_back(json::object{{"external_id", product.external_id},
                                    {"title", product.title},
                                    {"raw", product.raw.empty() ? "{}" : product.raw},
                                    {"status", broken ? "ERROR" : "OK"},
                                    {"errors", product.error}});
    if (broken) continue;
    for (const auto& v : product.variants) {
      if (!seen_variants.insert(v.external_id).second) continue;
      ++counts.variants;
      json::object row{{"product", product.external_id},
                       {"external_id", v.external_id},
                       {"sku", v.sku},
                       {"gtin", v.gtin},
                       {"title", v.title},
                       {"currency", v.currency},
                       {"available", v.available},
                       {"raw", v.raw.empty() ? "{}" : v.raw}};
      row["cost"] = optional_number(v.cost);
      row["stock"] = v.stock ? json::value(*v.stock) : json::value(nullptr);
      row["suggested_price"] = optional_number(v.suggested_price);
      variants.push_back(std::move(row));
    }
  }
  if (!products.empty()) conn_.exec(kStoreProducts, supplier_id, json::serialize(products));
  if (!variants.empty()) {
    auto r = conn_.exec(kStoreVariants, supplier_id, json::serialize(variants));
    counts.created = static_cast<int>(r.get<std::int64_t>(0, 0));
    counts.updated = static_cast<int>(r.get<std::int64_t>(0, 1));
  }
  return counts;
}

SyncRun SyncRepository::advance(std::int64_t run_id, const std::string& next,
                                const PageCounts& counts, const std::string& errors) {
  auto r = conn_.exec(kAdvance, run_id, next, counts.products, counts.variants, counts.created,
                      counts.updated, counts.errors, errors);
  return run_row(r, 0);
}

SyncRun SyncRepository::finish(std::int64_t run_id, std::string_view status, int mapped,
                               const std::string& errors) {
  return run_row(conn_.exec(kFinish, run_id, status, mapped, errors), 0);
}

int SyncRepository::mark_gone(std::int64_t supplier_id, std::int64_t run_id) {
  conn_.exec(kGoneProducts, supplier_id, run_id);
  return static_cast<int>(conn_.exec(kGoneVariants, supplier_id, run_id).affected_rows());
}

namespace {

std::vector<CodeToMap> codes_to_map(const db::Result& r) {
  std::vector<CodeToMap> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back(
        {.supplier_variant_id = r.get<std::int64_t>(i, 0), .code = r.get<std::string>(i, 1)});
  return out;
}

}  // namespace

std::vector<CodeToMap> SyncRepository::unmapped_with_sku(std::int64_t supplier_id,
                                                         std::int64_t after_id, int limit) {
  return codes_to_map(conn_.exec(kUnmapped, supplier_id, after_id, limit));
}

std::vector<CodeToMap> SyncRepository::unmapped_with_gtin(std::int64_t supplier_id,
                                                          std::int64_t after_id, int limit) {
  return codes_to_map(conn_.exec(kUnmappedGtin, supplier_id, after_id, limit));
}

int SyncRepository::map(const std::vector<std::pair<std::int64_t, std::int64_t>>& pairs,
                        std::string_view source) {
  if (pairs.empty()) return 0;
  std::vector<std::int64_t> suppliers;
  std::vector<std::int64_t> shop;
  for (const auto& [supplier_variant, variant] : pairs) {
    suppliers.push_back(supplier_variant);
    shop.push_back(variant);
  }
  return static_cast<int>(conn_.exec(kMap, suppliers, shop, source).affected_rows());
}

std::int64_t SyncRepository::unmapped_count(std::int64_t supplier_id) {
  return conn_.exec(kUnmappedCount, supplier_id).one<std::int64_t>();
}

std::vector<SyncRun> SyncRepository::recent(std::optional<std::int64_t> supplier_id, int limit) {
  auto r = conn_.exec(kRecent, supplier_id, static_cast<std::int64_t>(limit));
  std::vector<SyncRun> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(run_row(r, i));
  return out;
}

std::optional<std::int64_t> SyncRepository::seconds_since_last_run(std::int64_t supplier_id) {
  return conn_.exec(kSinceLast, supplier_id).get<std::optional<std::int64_t>>(0, 0);
}

}  // namespace comptoir::suppliers
