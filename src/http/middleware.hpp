#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/types.hpp"

namespace comptoir::observe {
class Metrics;
}

namespace comptoir::http {

// Accepts a well-formed incoming X-Request-Id (1-128 of [A-Za-z0-9._:-]), otherwise generates one;
// echoes it on the response.
Middleware request_id();
bool valid_request_id(std::string_view id);

// One JSON log line per request (method, route pattern, path, status, bytes, latency, request id)
// and the request metrics.
Middleware access_log(observe::Metrics& metrics);

struct SecurityPolicy {
  bool hsts = false;  // production over https only
  std::string content_security_policy =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
      "form-action 'self'; frame-ancestors 'none'";
  // The route patterns ("/fr/produit/{slug}") whose pages go without
  // `Cross-Origin-Opener-Policy: same-origin` unless their handler sets it; every other response
  // carries it. Such a page opens in the visitor's browsing context group instead of a process of
  // its own (docs/security.md).
  std::vector<std::string> shared_opener_routes;
};
// The policy's headers on every response; a Content-Security-Policy the handler set is kept.
Middleware security_headers(SecurityPolicy policy);

// Adds `field` to Vary, keeping what is there.
void add_vary(Response& res, std::string_view field);

// CORS for /api/ only, for the configured origins (exact match); answers preflights itself.
Middleware cors(std::vector<std::string> allowed_origins);

// Turns every exception into a response: HttpError through `render` (a translated page or
// problem+json), anything else into a 500 that shows the request id and no internals, unless
// `classify` names another answer for it (a database that timed out is a 503, not a bug).
// Either way the exception's type and what() are logged and left on the context for reports.
using ErrorRenderer = std::function<Response(Context&, const HttpError&)>;
using ExceptionClassifier = std::function<std::optional<HttpError>(const std::exception&)>;
Middleware error_boundary(ErrorRenderer render, ExceptionClassifier classify = {});

// RFC 9457 problem+json for `error`, with the request id.
Response problem(const Context& ctx, const HttpError& error, std::string_view title,
                 std::string_view detail);

}  // namespace comptoir::http
