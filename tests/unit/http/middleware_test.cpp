#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include "http/middleware.hpp"
#include "http/router.hpp"

namespace comptoir::http {
namespace {

struct Call {
  Request request;
  std::string request_id;
};

Response run(const std::vector<Middleware>& middleware, Handler handler, Request req,
             std::string* request_id = nullptr) {
  net::io_context ioc;
  std::string_view target = req.target();
  Context ctx{req, ioc.get_executor(), target.substr(0, target.find('?')), {}};
  auto chained = chain(middleware, std::move(handler));
  auto future = net::co_spawn(ioc, chained(ctx), net::use_future);
  ioc.run();
  if (request_id) *request_id = ctx.request_id;
  return future.get();
}

Handler fails_with(std::string what) {
  return [what](Context&) -> net::awaitable<Response> { throw std::runtime_error(what); };
}

Handler ok() {
  return [](Context&) -> net::awaitable<Response> { co_return text(Status::ok, "ok"); };
}

// The renderer the app uses is tested end to end; here a minimal one shows what reaches it.
ErrorRenderer plain_renderer() {
  return [](Context& ctx, const HttpError& error) {
    return problem(ctx, error, bhttp::obsolete_reason(error.status()), error.detail());
  };
}

TEST(ErrorBoundary, UnexpectedExceptionBecomes500WithoutInternals) {
  std::string id;
  auto res = run({request_id(), error_boundary(plain_renderer())},
                 fails_with("pq: password authentication failed for user shop"),
                 Request{Method::get, "/api/v1/x", 11}, &id);
  EXPECT_EQ(res.result(), Status::internal_server_error);
  EXPECT_EQ(res.body().find("password"), std::string::npos);
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("status").as_int64(), 500);
  EXPECT_EQ(body.at("request_id").as_string(), id);
  EXPECT_EQ(res[Field::content_type], "application/problem+json");
}

TEST(ErrorBoundary, HttpErrorKeepsStatusDetailAndHeaders) {
  Handler handler = [](Context&) -> net::awaitable<Response> {
    HttpError error(Status::unprocessable_entity, "name is required",
                    boost::json::object{{"errors", boost::json::array{"name"}}});
    error.headers.emplace_back(Field::retry_after, "5");
    throw error;
  };
  auto res =
      run({error_boundary(plain_renderer())}, handler, Request{Method::post, "/api/v1/x", 11});
  EXPECT_EQ(res.result(), Status::unprocessable_entity);
  EXPECT_EQ(res[Field::retry_after], "5");
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("detail").as_string(), "name is required");
  EXPECT_EQ(body.at("errors").as_array().size(), 1U);
}

TEST(ErrorBoundary, AClassifiedExceptionGetsTheAnswerItWasGiven) {
  ExceptionClassifier busy = [](const std::exception& e) -> std::optional<HttpError> {
    if (std::string_view(e.what()) != "timed out") return std::nullopt;
    HttpError error(Status::service_unavailable, {}, boost::json::object{{"code", "busy"}});
    error.headers.emplace_back(Field::retry_after, "5");
    return error;
  };
  auto classified = run({error_boundary(plain_renderer(), busy)}, fails_with("timed out"),
                        Request{Method::get, "/api/v1/x", 11});
  EXPECT_EQ(classified.result(), Status::service_unavailable);
  EXPECT_EQ(classified[Field::retry_after], "5");
  auto body = boost::json::parse(classified.body()).as_object();
  EXPECT_EQ(body.at("code").as_string(), "busy");
  EXPECT_EQ(classified.body().find("timed out"), std::string::npos);

  auto other = run({error_boundary(plain_renderer(), busy)}, fails_with("boom"),
                   Request{Method::get, "/api/v1/x", 11});
  EXPECT_EQ(other.result(), Status::internal_server_error);
}

TEST(RequestIdMiddleware, EchoesWellFormedAndReplacesMalformed) {
  Request good{Method::get, "/", 11};
  good.set("X-Request-Id", "trace-me-1");
  EXPECT_EQ(run({request_id()}, ok(), good)["X-Request-Id"], "trace-me-1");
  Request bad{Method::get, "/", 11};
  bad.set("X-Request-Id", "<script>alert(1)</script>");
  auto replaced = std::string(run({request_id()}, ok(), bad)["X-Request-Id"]);
  EXPECT_TRUE(valid_request_id(replaced));
  EXPECT_NE(replaced.find_first_not_of("0123456789abcdef"), 0U);
  auto first =
      std::string(run({request_id()}, ok(), Request{Method::get, "/", 11})["X-Request-Id"]);
  auto second =
      std::string(run({request_id()}, ok(), Request{Method::get, "/", 11})["X-Request-Id"]);
  EXPECT_NE(first, second);
}

TEST(SecurityHeaders, AreSetEvenOnErrors) {
  auto res = run({security_headers({}), error_boundary(plain_renderer())}, fails_with("boom"),
                 Request{Method::get, "/fr/", 11});
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(res["X-Frame-Options"], "DENY");
  auto csp = std::string(res["Content-Security-Policy"]);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_FALSE(res["Referrer-Policy"].empty());
  EXPECT_EQ(res.count(Field::strict_transport_security), 0U);
  SecurityPolicy production;
  production.hsts = true;
  auto hsts = run({security_headers(production)}, ok(), Request{Method::get, "/", 11});
  EXPECT_EQ(hsts.count(Field::strict_transport_security), 1U);
}

// Opener isolation on every page but the routes the policy names, errors included.
TEST(SecurityHeaders, IsolateTheOpenerExceptOnTheNamedRoutes) {
  auto routed = [](std::string_view pattern) -> Handler {
    return [pattern](Context& ctx) -> net::awaitable<Response> {
      ctx.route_pattern = pattern;
      co_return text(Status::ok, "ok");
    };
  };
  const SecurityPolicy policy{.shared_opener_routes = {"/fr/produit/{slug}"}};
  auto product = run({security_headers(policy)}, routed("/fr/produit/{slug}"),
                     Request{Method::get, "/fr/produit/theiere", 11});
  EXPECT_EQ(product.count("Cross-Origin-Opener-Policy"), 0U);
  EXPECT_EQ(product["X-Frame-Options"], "DENY");
  for (std::string_view pattern : {"/fr/compte", "/admin/orders", "(unmatched)"}) {
    auto res = run({security_headers(policy)}, routed(pattern), Request{Method::get, "/x", 11});
    EXPECT_EQ(res["Cross-Origin-Opener-Policy"], "same-origin") << pattern;
  }
  auto failed = run({security_headers(policy), error_boundary(plain_renderer())},
                    fails_with("boom"), Request{Method::get, "/fr/compte", 11});
  EXPECT_EQ(failed["Cross-Origin-Opener-Policy"], "same-origin");
}

TEST(Cors, AllowedOriginGetsHeadersOnApiErrorsToo) {
  Request req{Method::get, "/api/v1/missing", 11};
  req.set(Field::origin, "https://shop.example");
  Handler missing = [](Context&) -> net::awaitable<Response> {
    throw HttpError(Status::not_found);
  };
  auto res = run({cors({"https://shop.example"}), error_boundary(plain_renderer())}, missing, req);
  EXPECT_EQ(res.result(), Status::not_found);
  EXPECT_EQ(res[Field::access_control_allow_origin], "https://shop.example");
  EXPECT_EQ(res[Field::vary], "Origin");
}

TEST(Cors, OtherOriginsAndNonApiPathsGetNone) {
  Request other{Method::get, "/api/v1/x", 11};
  other.set(Field::origin, "https://evil.example");
  EXPECT_EQ(
      run({cors({"https://shop.example"})}, ok(), other).count(Field::access_control_allow_origin),
      0U);
  Request page{Method::get, "/fr/", 11};
  page.set(Field::origin, "https://shop.example");
  auto res = run({cors({"https://shop.example"})}, ok(), page);
  EXPECT_EQ(res.count(Field::access_control_allow_origin), 0U);
  EXPECT_EQ(res.count(Field::vary), 0U);
}

TEST(Cors, PreflightIsAnsweredWithoutReachingTheHandler) {
  Request req{Method::options, "/api/v1/products", 11};
  req.set(Field::origin, "https://shop.example");
  req.set(Field::access_control_request_method, "PATCH");
  auto res = run({cors({"https://shop.example"})}, fails_with("handler must not run"), req);
  EXPECT_EQ(res.result(), Status::no_content);
  EXPECT_NE(std::string(res[Field::access_control_allow_methods]).find("PATCH"), std::string::npos);
}

TEST(Vary, AppendsWithoutDuplicating) {
  Response res{Status::ok, 11};
  add_vary(res, "Accept-Encoding");
  add_vary(res, "Origin");
  add_vary(res, "Origin");
  EXPECT_EQ(res[Field::vary], "Accept-Encoding, Origin");
}

}  // namespace
}  // namespace comptoir::http
