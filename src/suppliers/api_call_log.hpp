#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "suppliers/connectors/api_client.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// Keeps every connector call in `supplier_api_calls`, on a connection of its own (a call made in
// a transaction that rolls back is still recorded). Calls are written in batches; `flush` (and
// the destructor) write what is left. Thread-safe.
class ApiCallLog {
 public:
  explicit ApiCallLog(std::string database_url);
  ~ApiCallLog();
  ApiCallLog(const ApiCallLog&) = delete;
  ApiCallLog& operator=(const ApiCallLog&) = delete;

  // The sink for one supplier's connector.
  ApiCallSink sink(std::optional<std::int64_t> supplier_id);
  void record(std::optional<std::int64_t> supplier_id, const ApiCallRecord& call);
  void flush();
  // Seals nothing itself: stores a connector's sealed session (a rotated refresh token) at once,
  // on the log's own connection, so it survives whatever transaction the caller is in. Throws
  // when the database cannot be reached (a token that cannot be kept must not be used silently).
  void store_session(std::int64_t supplier_id, const std::string& sealed);

  // Deletes the calls older than `days` days (the log's retention), in batches; how many.
  static std::int64_t purge(db::Connection& conn, int days);

 private:
  struct Pending {
    std::optional<std::int64_t> supplier_id;
    ApiCallRecord call;
  };
  void write(std::vector<Pending> batch);
  db::Connection& connection();  // under mutex_

  std::string database_url_;
  std::mutex mutex_;
  std::vector<Pending> pending_;
  std::unique_ptr<db::Connection> conn_;
};

}  // namespace comptoir::suppliers
