#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <stdexcept>
#include <vector>

#include "http/error_reports.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "observe/error_report.hpp"
#include "observe/trail.hpp"

namespace comptoir::http {
namespace {

// Keeps what it is told, and the request's trail as it was when the report came.
class Recorder final : public observe::ErrorReporter {
 public:
  void report(observe::ErrorReport report) noexcept override {
    trails.push_back(observe::request_trails().lines(report.request_id));
    reports.push_back(std::move(report));
  }
  std::vector<observe::ErrorReport> reports;
  std::vector<std::vector<std::string>> trails;
};

Response run(Recorder& recorder, Handler handler, Request req) {
  net::io_context ioc;
  std::string_view target = req.target();
  auto q = target.find('?');
  Context ctx{req, ioc.get_executor(), target.substr(0, q),
              q == std::string_view::npos ? std::string_view{} : target.substr(q + 1)};
  ctx.route_pattern = "/fr/compte/{id}";
  std::vector<Middleware> middleware{
      request_id(),
      error_reports(recorder, [](const Context&) { return std::optional<std::int64_t>{42}; }),
      error_boundary([](Context& c, const HttpError& error) {
        return problem(c, error, "title", error.detail());
      })};
  auto chained = chain(middleware, std::move(handler));
  auto future = net::co_spawn(ioc, chained(ctx), net::use_future);
  ioc.run();
  return future.get();
}

TEST(ErrorReports, AnUnhandledExceptionIsReportedOnceWithItsTypeAndTheRequestsLines) {
  Recorder recorder;
  Request req{Method::get, "/fr/compte/12?tri=recent", 11};
  req.set(Field::user_agent, "tests/1");
  req.set("X-Request-Id", "report-test-1");
  auto res = run(
      recorder,
      [](Context& ctx) -> net::awaitable<Response> {
        observe::info("reading", {{"request_id", ctx.request_id}});
        throw std::out_of_range("no such row");
      },
      std::move(req));
  EXPECT_EQ(res.result(), Status::internal_server_error);
  ASSERT_EQ(recorder.reports.size(), 1U);
  const auto& report = recorder.reports[0];
  EXPECT_EQ(report.logger, "http");
  EXPECT_EQ(report.exception_type, "std::out_of_range");
  EXPECT_EQ(report.exception_value, "no such row");
  EXPECT_EQ(report.request_id, "report-test-1");
  EXPECT_EQ(report.route, "/fr/compte/{id}");
  EXPECT_EQ(report.transaction, "GET /fr/compte/{id}");
  EXPECT_EQ(report.url, "/fr/compte/12?tri=recent");
  EXPECT_EQ(report.user_agent, "tests/1");
  EXPECT_EQ(report.status, 500U);
  EXPECT_EQ(report.user_id, 42);
  // The handler's line and the boundary's are on the trail; it is forgotten once answered.
  ASSERT_EQ(recorder.trails[0].size(), 2U);
  EXPECT_NE(recorder.trails[0][0].find("reading"), std::string::npos);
  EXPECT_NE(recorder.trails[0][1].find("unhandled exception"), std::string::npos);
  EXPECT_TRUE(observe::request_trails().lines("report-test-1").empty());
}

TEST(ErrorReports, A503IsReportedWithoutExceptionAndA4xxIsNot) {
  Recorder recorder;
  run(
      recorder,
      [](Context&) -> net::awaitable<Response> { throw HttpError(Status::service_unavailable); },
      Request{Method::post, "/fr/compte/3", 11});
  ASSERT_EQ(recorder.reports.size(), 1U);
  EXPECT_EQ(recorder.reports[0].message, "HTTP 503 answered");
  EXPECT_TRUE(recorder.reports[0].exception_type.empty());
  EXPECT_EQ(recorder.reports[0].status, 503U);
  run(
      recorder, [](Context&) -> net::awaitable<Response> { throw HttpError(Status::not_found); },
      Request{Method::get, "/fr/compte/3", 11});
  run(
      recorder, [](Context&) -> net::awaitable<Response> { co_return text(Status::ok, "fine"); },
      Request{Method::get, "/fr/compte/3", 11});
  EXPECT_EQ(recorder.reports.size(), 1U);
}

}  // namespace
}  // namespace comptoir::http
