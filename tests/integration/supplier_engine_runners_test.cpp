#include <gtest/gtest.h>

#include <string>

#include "core/secret_keys.hpp"
#include "db/connection.hpp"
#include "migrated_database_test.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/api_call_query.hpp"
#include "suppliers/engine_heartbeat.hpp"
#include "suppliers/engine_pass.hpp"
#include "suppliers/sync_repository.hpp"

namespace comptoir::suppliers {
namespace {

// Who runs the engine's jobs on a shop (the heartbeat comptoir-suppliers shows), and the sync
// history and the API call log it lists, against PostgreSQL.
class SupplierEngineRunners : public db::test::MigratedDatabaseTest {};

TEST_F(SupplierEngineRunners, APassBeatsAndACleanStopLeaves) {
  auto conn = connect();
  EXPECT_TRUE(engine_runners(conn).empty());
  // A runner not seen for two days is forgotten by the next beat.
  sql("INSERT INTO supplier_engine_runners (runner, mode, beat_at) "
      "VALUES ('old-host:1', 'HEADLESS', now() - interval '2 days')");
  ApiCallLog log(url());
  auto keys = core::parse_secret_keys("k1:" + std::string(43, 'A') + "=");
  ASSERT_TRUE(keys.has_value());
  EngineOptions options;  // field by field: see desktop/engine_host.cpp on GCC 12
  options.version = "1.2.3";
  run_pass(conn, *keys, log, options);
  auto runners = engine_runners(conn, std::chrono::hours{72});
  ASSERT_EQ(runners.size(), 1U);
  EXPECT_EQ(runners[0].runner, this_runner());
  EXPECT_EQ(runners[0].mode, RunnerMode::headless);
  EXPECT_EQ(runners[0].version, "1.2.3");
  EXPECT_LE(runners[0].seconds_since_beat, 5);

  // The same process turned into the app's runner keeps one row.
  beat(conn, RunnerMode::app, "1.2.4");
  runners = engine_runners(conn);
  ASSERT_EQ(runners.size(), 1U);
  EXPECT_EQ(runners[0].mode, RunnerMode::app);
  EXPECT_EQ(runners[0].version, "1.2.4");

  // Seen long ago: listed with a wide window only.
  sql("UPDATE supplier_engine_runners SET beat_at = now() - interval '2 hours'");
  EXPECT_TRUE(engine_runners(conn, std::chrono::hours{1}).empty());
  ASSERT_EQ(engine_runners(conn, std::chrono::hours{3}).size(), 1U);
  EXPECT_GE(engine_runners(conn, std::chrono::hours{3})[0].seconds_since_beat, 7199);

  leave(conn);
  EXPECT_TRUE(engine_runners(conn, std::chrono::hours{72}).empty());
}

TEST_F(SupplierEngineRunners, TheSyncHistoryIsNewestFirstPerSupplierOrAll) {
  sql(R"(
    INSERT INTO suppliers (name, type, fulfillment_type) VALUES
      ('A', 'PRINTIFY', 'PRINT_ON_DEMAND'), ('B', 'ETSY', 'DROPSHIPPING');
    INSERT INTO supplier_sync_runs (supplier_id, status, errors, started_at, finished_at) VALUES
      (1, 'DONE', '', now() - interval '3 hours', now() - interval '3 hours'),
      (2, 'FAILED', 'HTTP 401', now() - interval '2 hours', now() - interval '2 hours'),
      (1, 'CANCELLED', '', now() - interval '1 hour', now() - interval '1 hour');
  )");
  auto conn = connect();
  SyncRepository runs(conn);
  auto all = runs.recent(std::nullopt, 10);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].status, "CANCELLED");
  EXPECT_EQ(all[1].errors, "HTTP 401");
  EXPECT_EQ(all[2].status, "DONE");
  auto of_a = runs.recent(1, 10);
  ASSERT_EQ(of_a.size(), 2U);
  EXPECT_EQ(of_a[0].supplier_id, 1);
  EXPECT_EQ(runs.recent(std::nullopt, 1).size(), 1U);
}

TEST_F(SupplierEngineRunners, TheCallLogIsReadBySupplierOutcomeAndDate) {
  sql(R"(
    INSERT INTO suppliers (name, type, fulfillment_type) VALUES
      ('A', 'PRINTIFY', 'PRINT_ON_DEMAND'), ('B', 'ETSY', 'DROPSHIPPING');
    INSERT INTO supplier_api_calls (supplier_id, connector, method, path, status, request_body,
                                    created_at) VALUES
      (1, 'printify', 'GET', '/v1/shops.json', 200, '', '2026-11-30 12:00+00'),
      (1, 'printify', 'POST', '/v1/orders.json', 500, '{"token":"[redacted]"}', '2026-12-01 12:00+00'),
      (2, 'etsy', 'GET', '/v3/listings', 0, '', '2026-12-02 23:59+00');
  )");
  auto conn = connect();
  using Outcome = ApiCallQuery::Outcome;
  auto all = api_calls(conn, {});
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].supplier_name, "B");
  EXPECT_EQ(all[1].call.request_body, R"({"token":"[redacted]"})");
  EXPECT_TRUE(all[0].failed);   // no answer
  EXPECT_TRUE(all[1].failed);   // 500
  EXPECT_FALSE(all[2].failed);  // 200
  EXPECT_EQ(api_calls(conn, {.outcome = Outcome::failed}).size(), 2U);
  EXPECT_EQ(api_calls(conn, {.outcome = Outcome::succeeded}).size(), 1U);
  EXPECT_EQ(api_calls(conn, {.supplier_id = 1}).size(), 2U);
  auto days = api_calls(conn, {.from = "2026-12-01", .to = "2026-12-02"});
  EXPECT_EQ(days.size(), 2U);
  EXPECT_EQ(api_calls(conn, {.to = "2026-11-30"}).size(), 1U);
  EXPECT_EQ(api_calls(conn, {.from = "pas une date"}).size(), 3U);
  EXPECT_EQ(api_calls(conn, {.limit = 1}).size(), 1U);
}

}  // namespace
}  // namespace comptoir::suppliers
