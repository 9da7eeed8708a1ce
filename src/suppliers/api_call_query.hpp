#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "suppliers/connectors/api_client.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::suppliers {

// Which calls of the log (supplier_api_calls) to read.
struct ApiCallQuery {
  std::optional<std::int64_t> supplier_id{};
  enum class Outcome {
    all,
    failed,
    succeeded
  } outcome = Outcome::all;  // failed: no answer or ≥ 400
  std::string from{};        // a date, YYYY-MM-DD (UTC), inclusive; "" for no bound
  std::string to{};          // inclusive
  int limit = 200;
};

// One call as logged: what the connector sent and received, secrets already redacted when it
// was written.
struct LoggedCall {
  std::int64_t id = 0;
  std::optional<std::int64_t> supplier_id{};
  std::string supplier_name{};
  std::string created_at{};  // ISO 8601, UTC
  ApiCallRecord call{};
  bool failed = false;  // no answer, or an HTTP status of 400 or more (what Outcome::failed keeps)
};

// The calls, the newest first, on the caller's connection. Dates that are not YYYY-MM-DD are
// ignored rather than refused.
std::vector<LoggedCall> api_calls(db::Connection& conn, const ApiCallQuery& query);

}  // namespace comptoir::suppliers
