#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "observe/log.hpp"

namespace comptoir::observe {

// One error worth an operator's attention, as the code that met it describes it. The reporter
// adds what is the same for every report (release, environment, server), the request's last log
// lines, and scrubs the whole (observe/sentry_event.hpp): callers pass what they have, and never
// a body, a header other than the request's method and User-Agent, an address or an email.
struct ErrorReport {
  Level level = Level::error;
  std::string logger;   // who reports: "http", "jobs", "checkout"
  std::string message;  // a short fixed sentence: "unhandled exception", "job failed"
  // The exception, when there is one: its C++ type (demangled) and what().
  std::string exception_type{};
  std::string exception_value{};
  std::string request_id{};   // empty outside a request
  std::string route{};        // the matched route pattern, never the raw path
  std::string transaction{};  // "GET /fr/compte" (the pattern), or a job's name
  std::string method{};
  std::string url{};  // scrubbed by the reporter: a path with parameters is replaced by its route
  std::string user_agent{};
  unsigned status = 0;                                      // the answer's status, for HTTP reports
  std::optional<std::int64_t> user_id{};                    // a signed-in user, by id only
  std::vector<std::pair<std::string, std::string>> tags{};  // more: job, reason, event type
  // What makes two reports the same error for sampling and grouping; the reporter derives it
  // (logger, exception type or message, route or transaction) when empty.
  std::vector<std::string> fingerprint{};
};

// Where the hooks of http, jobs and checkout send what went wrong. report() never blocks and
// never throws: the report is queued for sending, or dropped and counted.
class ErrorReporter {
 public:
  virtual ~ErrorReporter() = default;
  virtual void report(ErrorReport report) noexcept = 0;
};

// The demangled type of the exception being handled, e.g. "comptoir::db::DbError".
std::string exception_type(const std::exception& error);

}  // namespace comptoir::observe
