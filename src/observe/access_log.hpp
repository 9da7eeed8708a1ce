#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "observe/log.hpp"

namespace comptoir::observe {

// One answered request, as the access log (http::access_log) tells it.
struct RequestLine {
  std::string_view method;
  std::string_view route;
  std::string_view path;
  unsigned status = 0;
  std::size_t bytes = 0;
  double latency_ms = 0;
  std::string_view client;
  std::string_view request_id;
};

// The access log's line, at info: byte for byte what log(Level::info, "request", {{"method", …},
// {"route", …}, {"path", …}, {"status", …}, {"bytes", …}, {"latency_ms", …}, {"client", …},
// {"request_id", …}}) writes, but formatted into a buffer this thread keeps (no JSON object, no
// allocation once the buffer has grown), the time's text worked out once per second.
void log_request(const RequestLine& request);

// The JSON text of log()'s and log_request()'s lines before redaction, with `ts` as their time
// ("2026-12-04T16:21:08.123Z"): what the tests compare.
std::string format_line(Level level, std::string_view msg, boost::json::object fields,
                        std::string_view ts);
void format_request_line(const RequestLine& request, std::string_view ts, std::string& out);

}  // namespace comptoir::observe
