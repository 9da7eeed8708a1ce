#include "http/error_reports.hpp"

#include <fmt/format.h>

#include "observe/error_report.hpp"
#include "observe/trail.hpp"

namespace comptoir::http {
namespace {

// Built outside the coroutine: GCC 12 mishandles designated initializers in coroutine frames.
observe::ErrorReport report_of(const Context& ctx, unsigned status, const UserOf& user_of) {
  const bool exception = !ctx.failure_type.empty();
  const auto method = std::string(bhttp::to_string(ctx.request.method()));
  return {
      .level = observe::Level::error,
      .logger = "http",
      .message =
          exception ? std::string("unhandled exception") : fmt::format("HTTP {} answered", status),
      .exception_type = ctx.failure_type,
      .exception_value = ctx.failure_what,
      .request_id = ctx.request_id,
      .route = std::string(ctx.route_pattern),
      .transaction = fmt::format("{} {}", method, ctx.route_pattern),
      .method = method,
      .url = ctx.query.empty() ? std::string(ctx.path) : fmt::format("{}?{}", ctx.path, ctx.query),
      .user_agent = std::string(ctx.request[Field::user_agent]),
      .status = status,
      .user_id = user_of ? user_of(ctx) : std::nullopt,
  };
}

}  // namespace

Middleware error_reports(observe::ErrorReporter& reporter, UserOf user_of) {
  return [&reporter, user_of = std::move(user_of)](
             Context& ctx, const Handler& next) -> net::awaitable<Response> {
    observe::TrailScope trail(ctx.request_id);
    auto res = co_await next(ctx);
    if (res.result_int() >= 500) reporter.report(report_of(ctx, res.result_int(), user_of));
    co_return res;
  };
}

}  // namespace comptoir::http
