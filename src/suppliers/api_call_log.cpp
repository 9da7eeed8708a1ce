#include "suppliers/api_call_log.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "db/connection.hpp"
#include "observe/log.hpp"
#include "suppliers/supplier_repository.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
constexpr std::size_t kBatch = 100;

constexpr db::Query kInsert{
    "supplier_api_calls_insert",
    "INSERT INTO supplier_api_calls (supplier_id, connector, method, path, status, latency_ms, "
    "attempt, request_id, request_body, response_body, error) "
    "SELECT x.supplier_id, x.connector, x.method, x.path, x.status, x.latency_ms, x.attempt, "
    "x.request_id, x.request_body, x.response_body, x.error FROM jsonb_to_recordset($1::jsonb) "
    "AS x(supplier_id bigint, connector text, method text, path text, status int, "
    "latency_ms int, attempt int, request_id text, request_body text, response_body text, "
    "error text) WHERE x.supplier_id IS NULL OR EXISTS (SELECT 1 FROM suppliers s WHERE s.id = "
    "x.supplier_id)"};

constexpr db::Query kPurge{
    "supplier_api_calls_purge",
    "DELETE FROM supplier_api_calls WHERE id IN (SELECT id FROM supplier_api_calls "
    "WHERE created_at < now() - make_interval(days => $1::int) ORDER BY id LIMIT 5000)"};

}  // namespace

ApiCallLog::ApiCallLog(std::string database_url) : database_url_(std::move(database_url)) {}

ApiCallLog::~ApiCallLog() {
  try {
    flush();
  } catch (const std::exception& e) {
    observe::warn("supplier API calls could not be recorded", {{"error", e.what()}});
  }
}

ApiCallSink ApiCallLog::sink(std::optional<std::int64_t> supplier_id) {
  return [this, supplier_id](const ApiCallRecord& call) { record(supplier_id, call); };
}

void ApiCallLog::record(std::optional<std::int64_t> supplier_id, const ApiCallRecord& call) {
  std::vector<Pending> batch;
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(Pending{supplier_id, call});
    if (pending_.size() < kBatch) return;
    batch.swap(pending_);
  }
  write(std::move(batch));
}

void ApiCallLog::flush() {
  std::vector<Pending> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  if (!batch.empty()) write(std::move(batch));
}

void ApiCallLog::write(std::vector<Pending> batch) {
  json::array rows;
  rows.reserve(batch.size());
  for (const auto& [supplier_id, c] : batch) {
    json::object row{{"connector", c.connector},
                     {"method", c.method},
                     {"path", c.path},
                     {"status", c.status},
                     {"latency_ms", c.latency_ms},
                     {"attempt", c.attempt},
                     {"request_id", c.request_id},
                     {"request_body", c.request_body},
                     {"response_body", c.response_body},
                     {"error", c.error}};
    row["supplier_id"] = supplier_id ? json::value(*supplier_id) : json::value(nullptr);
    rows.push_back(std::move(row));
  }
  auto payload = json::serialize(rows);
  std::lock_guard lock(mutex_);
  try {
    connection().exec(kInsert, payload);
  } catch (const std::exception& e) {
    // The log is for people reading what happened: losing a batch must not stop a sync.
    observe::warn("supplier API calls could not be recorded",
                  {{"calls", batch.size()}, {"error", e.what()}});
    conn_.reset();
  }
}

db::Connection& ApiCallLog::connection() {
  if (!conn_ || conn_->broken())
    conn_ = std::make_unique<db::Connection>(db::Connection::open(
        database_url_, db::ConnectOptions{.application_name = "comptoir-supplier-calls"}));
  return *conn_;
}

void ApiCallLog::store_session(std::int64_t supplier_id, const std::string& sealed) {
  std::lock_guard lock(mutex_);
  SupplierRepository(connection()).set_session(supplier_id, sealed);
}

std::int64_t ApiCallLog::purge(db::Connection& conn, int days) {
  std::int64_t total = 0;
  for (;;) {
    auto deleted = static_cast<std::int64_t>(conn.exec(kPurge, days).affected_rows());
    total += deleted;
    if (deleted < 5000) return total;
  }
}

}  // namespace comptoir::suppliers
