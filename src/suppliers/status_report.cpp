#include "suppliers/status_report.hpp"

#include <chrono>
#include <future>

#include <fmt/format.h>

#include "db/connection.hpp"
#include "db/migration_set.hpp"

#include <boost/json/array.hpp>

namespace comptoir::suppliers {
namespace {

constexpr db::Query kSuppliers{
    "supplier_status_suppliers",
    "SELECT type, count(*) FROM suppliers WHERE active GROUP BY type ORDER BY type"};
constexpr db::Query kVariants{
    "supplier_status_variants",
    "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM supplier_mappings m "
    "WHERE m.supplier_variant_id = v.id)) FROM supplier_variants v WHERE v.sync_status = 'OK'"};
constexpr db::Query kOrders{
    "supplier_status_orders",
    "SELECT state, count(*) FROM supplier_orders WHERE state NOT IN ('DELIVERED', 'CANCELLED') "
    "GROUP BY state ORDER BY state"};
constexpr db::Query kErrors{
    "supplier_status_errors",
    "SELECT (SELECT count(*) FROM supplier_products WHERE sync_status = 'ERROR') + "
    "(SELECT count(*) FROM supplier_sync_runs WHERE status = 'FAILED' "
    "AND started_at > now() - interval '24 hours'), "
    "(SELECT count(*) FROM supplier_alerts WHERE resolved_at IS NULL), "
    "coalesce((SELECT to_char(max(finished_at) AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM supplier_sync_runs WHERE status = 'DONE'), '')"};

constexpr db::Query kDays{
    "supplier_status_days",
    "WITH days AS (SELECT d::date AS day, d AT TIME ZONE 'UTC' AS from_at "
    "  FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - ($1 - 1) * "
    "  interval '1 day', date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') AS d), "
    "made AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n "
    "  FROM supplier_orders WHERE created_at >= (SELECT min(from_at) FROM days) GROUP BY 1), "
    "failing AS (SELECT (started_at AT TIME ZONE 'UTC')::date AS day, "
    "  sum(error_count) + count(*) FILTER (WHERE status = 'FAILED') AS n "
    "  FROM supplier_sync_runs WHERE started_at >= (SELECT min(from_at) FROM days) GROUP BY 1) "
    "SELECT to_char(days.day, 'YYYY-MM-DD'), coalesce(made.n, 0), coalesce(failing.n, 0)::bigint "
    "FROM days LEFT JOIN made USING (day) LEFT JOIN failing USING (day) ORDER BY days.day"};

constexpr db::Query kApiHealth{
    "supplier_status_api_health",
    "SELECT connector, count(*), count(*) FILTER (WHERE supplier_api_call_failed(status)), "
    "coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms), 0) "
    "FROM supplier_api_calls WHERE created_at > now() - interval '24 hours' "
    "GROUP BY connector ORDER BY connector"};

}  // namespace

ShopStatus read_status(db::Connection& conn) {
  ShopStatus status;
  auto suppliers = conn.exec(kSuppliers);
  for (std::size_t i = 0; i < suppliers.size(); ++i)
    status.active_suppliers_by_type[suppliers.get<std::string>(i, 0)] =
        suppliers.get<std::int64_t>(i, 1);
  auto variants = conn.exec(kVariants);
  status.synced_variants = variants.get<std::int64_t>(0, 0);
  status.unmapped_variants = variants.get<std::int64_t>(0, 1);
  auto orders = conn.exec(kOrders);
  for (std::size_t i = 0; i < orders.size(); ++i)
    status.open_orders_by_state[orders.get<std::string>(i, 0)] = orders.get<std::int64_t>(i, 1);
  auto errors = conn.exec(kErrors);
  status.sync_errors = errors.get<std::int64_t>(0, 0);
  status.open_alerts = errors.get<std::int64_t>(0, 1);
  status.last_sync_at = errors.get<std::string>(0, 2);
  auto health = conn.exec(kApiHealth);
  for (std::size_t i = 0; i < health.size(); ++i)
    status.api_health.push_back({.connector = health.get<std::string>(i, 0),
                                 .calls = health.get<std::int64_t>(i, 1),
                                 .failed = health.get<std::int64_t>(i, 2),
                                 .median_latency_ms = health.get<std::int32_t>(i, 3)});
  auto days = conn.exec(kDays, kStatusDays);
  for (std::size_t i = 0; i < days.size(); ++i)
    status.days.push_back({.day = days.get<std::string>(i, 0),
                           .orders = days.get<std::int64_t>(i, 1),
                           .sync_errors = days.get<std::int64_t>(i, 2)});
  status.reachable = true;
  return status;
}

std::string_view to_string(SchemaState state) {
  switch (state) {
    case SchemaState::current:
      return "current";
    case SchemaState::needs_migrate:
      return "needs_migrate";
    case SchemaState::newer_than_app:
      return "newer_than_app";
    case SchemaState::unchecked:
      break;
  }
  return "unchecked";
}

std::vector<ShopStatus> consolidated_status(const std::vector<Shop>& shops,
                                            const db::MigrationSet* migrations) {
  std::vector<std::future<ShopStatus>> pending;
  pending.reserve(shops.size());
  for (const auto& shop : shops)
    pending.push_back(std::async(std::launch::async, [&shop, migrations] {
      ShopStatus status;
      auto started = std::chrono::steady_clock::now();
      try {
        auto conn = db::Connection::open(
            shop.database_url,
            db::ConnectOptions{.statement_timeout = std::chrono::milliseconds{10'000},
                               .application_name = "comptoir-suppliers-status",
                               .connect_timeout = std::chrono::seconds{3}});
        auto schema = SchemaState::unchecked;
        int behind = 0;
        if (migrations) {
          auto compared = migrations->status(conn);
          behind = static_cast<int>(compared.pending.size());
          schema = behind > 0                ? SchemaState::needs_migrate
                   : !compared.newer.empty() ? SchemaState::newer_than_app
                                             : SchemaState::current;
        }
        if (schema == SchemaState::needs_migrate) {
          status.error = fmt::format(
              "the shop's database needs `comptoir migrate` ({} migration(s) pending)", behind);
        } else {
          status = read_status(conn);
          if (schema == SchemaState::newer_than_app)
            status.error = "the shop's database is newer than this program: update it";
        }
        status.schema = schema;
        status.pending_migrations = behind;
      } catch (const std::exception& e) {
        status.reachable = false;
        status.error = e.what();
      }
      status.shop_id = shop.id;
      status.shop_name = shop.name;
      status.color = shop.color;
      status.latency_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - started)
                                               .count());
      return status;
    }));
  std::vector<ShopStatus> out;
  out.reserve(pending.size());
  for (auto& future : pending) out.push_back(future.get());
  return out;
}

boost::json::object to_json(const ShopStatus& s) {
  boost::json::object by_type;
  for (const auto& [type, count] : s.active_suppliers_by_type) by_type[type] = count;
  boost::json::object by_state;
  for (const auto& [state, count] : s.open_orders_by_state) by_state[state] = count;
  boost::json::object out{
      {"shop", s.shop_id},        {"name", s.shop_name},           {"color", s.color},
      {"reachable", s.reachable}, {"schema", to_string(s.schema)}, {"latency_ms", s.latency_ms}};
  if (!s.reachable) {
    out["error"] = s.error;
    return out;
  }
  out["active_suppliers"] = std::move(by_type);
  out["synced_variants"] = s.synced_variants;
  out["unmapped_variants"] = s.unmapped_variants;
  out["open_supplier_orders"] = std::move(by_state);
  out["sync_errors"] = s.sync_errors;
  out["open_alerts"] = s.open_alerts;
  out["last_sync_at"] =
      s.last_sync_at.empty() ? boost::json::value(nullptr) : boost::json::value(s.last_sync_at);
  boost::json::array days;
  for (const auto& day : s.days)
    days.push_back(boost::json::object{
        {"day", day.day}, {"orders", day.orders}, {"sync_errors", day.sync_errors}});
  out["days"] = std::move(days);
  boost::json::array health;
  for (const auto& c : s.api_health)
    health.push_back(boost::json::object{{"connector", c.connector},
                                         {"calls", c.calls},
                                         {"failed", c.failed},
                                         {"median_latency_ms", c.median_latency_ms}});
  out["api_health"] = std::move(health);
  return out;
}

}  // namespace comptoir::suppliers
