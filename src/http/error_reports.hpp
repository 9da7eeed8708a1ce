#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "http/types.hpp"

namespace comptoir::observe {
class ErrorReporter;
}

namespace comptoir::http {

// The signed-in user a request acts for, by id (app reads the accounts session); none for a
// visitor. Never an email or a name.
using UserOf = std::function<std::optional<std::int64_t>(const Context&)>;

// Reports every 5xx answer to `reporter`, once: an unhandled exception with its type and what()
// (the error boundary leaves them on the context), a deliberate 5xx with its status. The report
// carries the request id, the route pattern, the method, the user's id and the request's last
// log lines: the middleware follows the request's trail (observe/trail.hpp) from here on, so it
// goes right after request_id(), outside the access log and the error boundary.
Middleware error_reports(observe::ErrorReporter& reporter, UserOf user_of);

}  // namespace comptoir::http
