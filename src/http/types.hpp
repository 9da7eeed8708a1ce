#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/locale.hpp"
#include "core/waiter.hpp"

namespace comptoir::accounts {
struct Session;
}

namespace comptoir::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;
using Status = bhttp::status;
using Method = bhttp::verb;
using Field = bhttp::field;

// Named values captured from a route pattern such as /fr/produit/{slug}.
class Params {
 public:
  void add(std::string_view name, std::string value) {
    items_.emplace_back(name, std::move(value));
  }
  std::optional<std::string_view> find(std::string_view name) const {
    for (const auto& [key, value] : items_)
      if (key == name) return value;
    return std::nullopt;
  }
  void clear() { items_.clear(); }

 private:
  std::vector<std::pair<std::string_view, std::string>> items_;
};

// Who a request acts for, once an authorization middleware has settled it: a user (a staff
// session) or an API token, by id. Handlers read it to say who did what in the audit log.
struct Caller {
  enum class Kind { user, api_token };
  Kind kind = Kind::user;
  std::int64_t id = 0;
};

// One request as it travels through middleware and into a handler.
struct Context {
  Context(Request& req, net::any_io_executor exec, std::string_view target_path,
          std::string_view target_query)
      : request(req), executor(std::move(exec)), path(target_path), query(target_query) {}

  Request& request;
  net::any_io_executor executor;
  std::string_view path;   // target without the query string, still percent-encoded
  std::string_view query;  // without the '?'
  std::string_view route_pattern = "(unmatched)";
  Params params;
  std::string request_id;
  // The client's address: the TCP peer's, or the one a trusted proxy names
  // (http/client_address.hpp); rate limits, sessions, the audit and access logs use it.
  std::string client_ip;
  std::string peer_ip;                         // the TCP peer's address; empty when unknown
  core::Locale locale = core::kDefaultLocale;  // from the path prefix, else the default
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  // The visitor's session, set by the accounts module's session middleware on the routes that
  // use one (pages and cookie-authenticated API calls); null elsewhere.
  std::shared_ptr<accounts::Session> session;
  // Set by accounts::Authorizer::require_scope on the routes it guards; empty elsewhere.
  std::optional<Caller> caller;
  // The client waiting for this response, for work queued on another pool (see ClientProbe); null
  // when there is no connection to ask (tests, requests refused before routing).
  std::shared_ptr<const core::Waiter> waiter;
  // What escaped the handler when the error boundary turned it into a 500 (its demangled type and
  // what()), for the error report (http/error_reports.hpp); empty otherwise.
  std::string failure_type;
  std::string failure_what;

  std::string_view param(std::string_view name) const {
    auto value = params.find(name);
    return value ? *value : std::string_view{};
  }
  std::string_view header(Field field) const { return request[field]; }
  bool wants_json() const;  // /api/ and /webhooks/ paths, or an Accept that prefers JSON
};

using Handler = std::function<net::awaitable<Response>(Context&)>;
using Middleware = std::function<net::awaitable<Response>(Context&, const Handler& next)>;

// A client mistake that becomes a 4xx (or a deliberate 5xx such as 503); the error boundary renders
// it as a translated page or RFC 9457 problem+json. `detail` must be safe to show to the visitor.
class HttpError : public std::runtime_error {
 public:
  HttpError(Status status, std::string detail = {}, boost::json::value extra = {})
      : std::runtime_error(std::string(bhttp::obsolete_reason(status))),
        status_(status),
        detail_(std::move(detail)),
        extra_(std::move(extra)) {}
  Status status() const { return status_; }
  const std::string& detail() const { return detail_; }
  // Extra problem members, e.g. {"errors": [...]} for validation failures; null when none.
  const boost::json::value& extra() const { return extra_; }
  std::vector<std::pair<Field, std::string>> headers;  // e.g. Allow for 405

 private:
  Status status_;
  std::string detail_;
  boost::json::value extra_;
};

// Response builders. Each sets Content-Type and the body; the server computes Content-Length.
Response text(Status status, std::string body,
              std::string_view content_type = "text/plain; charset=utf-8");
Response html(Status status, std::string body);
Response json(Status status, const boost::json::value& body);
Response redirect(Status status, std::string_view location);

}  // namespace comptoir::http
