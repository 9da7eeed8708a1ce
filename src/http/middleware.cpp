#include "http/middleware.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <exception>

#include "core/unique_id.hpp"
#include "observe/access_log.hpp"
#include "observe/error_report.hpp"
#include "observe/log.hpp"
#include "observe/metrics.hpp"

namespace comptoir::http {

bool valid_request_id(std::string_view id) {
  return !id.empty() && id.size() <= 128 && std::ranges::all_of(id, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
  });
}

Middleware request_id() {
  return [](Context& ctx, const Handler& next) -> net::awaitable<Response> {
    auto incoming = ctx.request["X-Request-Id"];
    ctx.request_id = valid_request_id(incoming) ? std::string(incoming) : core::unique_hex(12);
    auto res = co_await next(ctx);
    res.set("X-Request-Id", ctx.request_id);
    co_return res;
  };
}

Middleware access_log(observe::Metrics& metrics) {
  return [&metrics](Context& ctx, const Handler& next) -> net::awaitable<Response> {
    auto res = co_await next(ctx);
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.started);
    auto method = bhttp::to_string(ctx.request.method());
    auto status = res.result_int();
    metrics.observe_request(method, ctx.route_pattern, status, elapsed.count());
    const observe::RequestLine line{.method = method,
                                    .route = ctx.route_pattern,
                                    .path = ctx.path,
                                    .status = status,
                                    .bytes = res.body().size(),
                                    .latency_ms = elapsed.count() * 1000.0,
                                    .client = ctx.client_ip,
                                    .request_id = ctx.request_id};
    observe::log_request(line);
    co_return res;
  };
}

Middleware security_headers(SecurityPolicy policy) {
  return
      [policy = std::move(policy)](Context& ctx, const Handler& next) -> net::awaitable<Response> {
        auto res = co_await next(ctx);
        // No route sets these: inserted without looking up their names or an earlier value.
        res.insert(Field::unknown, "X-Content-Type-Options", "nosniff");
        res.insert(Field::unknown, "Referrer-Policy", "strict-origin-when-cross-origin");
        res.insert(Field::x_frame_options, "X-Frame-Options", "DENY");
        // A page may carry its own policy (the checkout's form goes on to the payment provider).
        if (res.find("Content-Security-Policy") == res.end())
          res.insert(Field::unknown, "Content-Security-Policy", policy.content_security_policy);
        if (std::ranges::find(policy.shared_opener_routes, ctx.route_pattern) ==
            policy.shared_opener_routes.end())
          res.set("Cross-Origin-Opener-Policy", "same-origin");
        res.insert(Field::unknown, "Permissions-Policy",
                   "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        if (policy.hsts)
          res.insert(Field::strict_transport_security, "Strict-Transport-Security",
                     "max-age=31536000; includeSubDomains");
        co_return res;
      };
}

namespace {

net::awaitable<Response> cors_api(const std::vector<std::string>& origins, Context& ctx,
                                  const Handler& next) {
  auto origin = ctx.request[Field::origin];
  bool allowed = !origin.empty() && std::ranges::find(origins, origin) != origins.end();
  bool preflight = ctx.request.method() == Method::options &&
                   !ctx.request[Field::access_control_request_method].empty();
  if (preflight && allowed) {
    Response res{Status::no_content, ctx.request.version()};
    res.set(Field::access_control_allow_origin, origin);
    res.set(Field::access_control_allow_methods, "GET, HEAD, POST, PUT, PATCH, DELETE");
    res.set(Field::access_control_allow_headers,
            "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id");
    res.set(Field::access_control_max_age, "600");
    add_vary(res, "Origin");
    co_return res;
  }
  auto res = co_await next(ctx);
  if (allowed) {
    res.set(Field::access_control_allow_origin, origin);
    res.set(Field::access_control_expose_headers, "ETag, Location, X-Request-Id");
  }
  // The answer depends on Origin whether or not this origin is allowed.
  if (!origins.empty()) add_vary(res, "Origin");
  co_return res;
}

}  // namespace

Middleware cors(std::vector<std::string> allowed_origins) {
  // Not a coroutine: outside /api/ it hands on next's own awaitable, without a frame of its own.
  return [origins = std::move(allowed_origins)](Context& ctx,
                                                const Handler& next) -> net::awaitable<Response> {
    if (!ctx.path.starts_with("/api/")) return next(ctx);
    return cors_api(origins, ctx, next);
  };
}

void add_vary(Response& res, std::string_view field) {
  auto current = res[Field::vary];
  if (current.empty()) {
    res.set(Field::vary, field);
    return;
  }
  if (std::string_view(current).find(field) != std::string_view::npos) return;
  res.set(Field::vary, std::string(current) + ", " + std::string(field));
}

namespace {

// `error` rendered, with the headers it carries (Allow, Retry-After…).
Response answered(const ErrorRenderer& render, Context& ctx, const HttpError& error) {
  auto res = render(ctx, error);
  for (const auto& [field, value] : error.headers) res.set(field, value);
  return res;
}

}  // namespace

Middleware error_boundary(ErrorRenderer render, ExceptionClassifier classify) {
  return [render = std::move(render), classify = std::move(classify)](
             Context& ctx, const Handler& next) -> net::awaitable<Response> {
    std::exception_ptr failure;
    try {
      co_return co_await next(ctx);
    } catch (...) {
      failure = std::current_exception();
    }
    // Rendering happens outside the catch block: a coroutine cannot co_await inside a handler,
    // and rendering itself must not run while the failed exception is still active.
    std::optional<HttpError> answer;  // what an exception that is not an HttpError answers
    try {
      std::rethrow_exception(failure);
    } catch (const HttpError& error) {
      co_return answered(render, ctx, error);
    } catch (const std::exception& e) {
      ctx.failure_type = observe::exception_type(e);
      ctx.failure_what = e.what();
      if (classify) answer = classify(e);
      boost::json::object fields{{"request_id", ctx.request_id},
                                 {"route", ctx.route_pattern},
                                 {"type", ctx.failure_type},
                                 {"what", e.what()}};
      if (answer)
        observe::warn("request failed", std::move(fields));
      else
        observe::error("unhandled exception", std::move(fields));
    } catch (...) {
      ctx.failure_type = "(not a std::exception)";
      observe::error("unhandled non-standard exception", {{"request_id", ctx.request_id}});
    }
    if (!answer) answer.emplace(Status::internal_server_error);
    co_return answered(render, ctx, *answer);
  };
}

Response problem(const Context& ctx, const HttpError& error, std::string_view title,
                 std::string_view detail) {
  boost::json::object body;
  if (error.extra().is_object()) body = error.extra().as_object();
  body["type"] = "about:blank";
  body["title"] = title;
  body["status"] = static_cast<int>(error.status());
  body["detail"] = detail;
  body["instance"] = ctx.path;
  body["request_id"] = ctx.request_id;
  return text(error.status(), boost::json::serialize(body), "application/problem+json");
}

}  // namespace comptoir::http
