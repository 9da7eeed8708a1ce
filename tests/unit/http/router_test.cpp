#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "http/member_routes.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"

namespace comptoir::http {
namespace {

Handler answer(std::string body) {
  return [body](Context&) -> net::awaitable<Response> { co_return text(Status::ok, body); };
}

// Route middleware that marks the responses it wraps with X-Tagged: yes.
Middleware tagging() {
  return [](Context& ctx, const Handler& next) -> net::awaitable<Response> {
    auto res = co_await next(ctx);
    res.set("X-Tagged", "yes");
    co_return res;
  };
}

// Runs the router for one request and returns the response, or the HttpError it raised.
struct Outcome {
  std::optional<Response> response;
  std::optional<HttpError> error;
  Params params;
  std::string route;
};

Outcome dispatch(const Router& router, Method method, std::string target) {
  net::io_context ioc;
  Request req{method, target, 11};
  Context ctx{req, ioc.get_executor(), req.target(), {}};
  Outcome out;
  auto future = net::co_spawn(ioc, router.dispatch(ctx), net::use_future);
  ioc.run();
  try {
    out.response = future.get();
  } catch (const HttpError& e) {
    out.error = e;
  }
  out.params = ctx.params;
  out.route = std::string(ctx.route_pattern);
  return out;
}

Router sample_router() {
  Router r;
  r.get("/fr/produit/{slug}", answer("fr product"));
  r.get("/fr/produit/nouveautes", answer("literal"));
  r.get("/en/product/{slug}", answer("en product"));
  r.post("/api/v1/products", answer("create"), {.max_body = 5 * 1024 * 1024, .middleware = {}});
  r.get("/api/v1/products", answer("list"));
  r.get("/static/{path...}", answer("static"));
  r.get("/shop/{a}/{b}", answer("two"));
  return r;
}

TEST(Router, CapturesNamedParametersAndRoutePattern) {
  auto out = dispatch(sample_router(), Method::get, "/fr/produit/theiere-en-fonte");
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->body(), "fr product");
  EXPECT_EQ(out.params.find("slug").value(), "theiere-en-fonte");
  EXPECT_EQ(out.route, "/fr/produit/{slug}");
}

TEST(Router, LiteralRouteWinsOverPattern) {
  auto out = dispatch(sample_router(), Method::get, "/fr/produit/nouveautes");
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->body(), "literal");
}

TEST(Router, ParametersArePercentDecoded) {
  auto out = dispatch(sample_router(), Method::get, "/shop/th%C3%A9/a%20b");
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.params.find("a").value(), "th\xC3\xA9");
  EXPECT_EQ(out.params.find("b").value(), "a b");
}

TEST(Router, RestParameterTakesTheRemainingPath) {
  auto out = dispatch(sample_router(), Method::get, "/static/css/site.abc.css");
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.params.find("path").value(), "css/site.abc.css");
  EXPECT_TRUE(dispatch(sample_router(), Method::get, "/static/").error);
}

TEST(Router, UnknownPathIs404) {
  for (auto target : {"/nope", "/fr/produit", "/fr/produit/", "/fr/produit/a/b", "/shop/x"}) {
    auto out = dispatch(sample_router(), Method::get, target);
    ASSERT_TRUE(out.error) << target;
    EXPECT_EQ(out.error->status(), Status::not_found) << target;
  }
}

TEST(Router, FallbackAnswersOnlyPathsNoRouteServes) {
  auto r = sample_router();
  int calls = 0;
  r.fallback([&calls](Context& ctx) -> net::awaitable<Response> {
    ++calls;
    if (ctx.path == "/nope") co_return redirect(Status::moved_permanently, "/fr/");
    throw HttpError(Status::not_found);
  });
  auto moved = dispatch(r, Method::get, "/nope");
  ASSERT_TRUE(moved.response);
  EXPECT_EQ(moved.response->result(), Status::moved_permanently);
  EXPECT_EQ(calls, 1);
  auto missing = dispatch(r, Method::get, "/other");
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(missing.error->status(), Status::not_found);
  EXPECT_EQ(calls, 2);
  // A served page, and a path another method serves (405), never reach it.
  EXPECT_EQ(dispatch(r, Method::get, "/fr/produit/x").response->body(), "fr product");
  EXPECT_EQ(dispatch(r, Method::delete_, "/api/v1/products").error->status(),
            Status::method_not_allowed);
  EXPECT_EQ(calls, 2);
}

TEST(Router, WrongMethodIs405WithAllow) {
  auto out = dispatch(sample_router(), Method::delete_, "/api/v1/products");
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->status(), Status::method_not_allowed);
  ASSERT_EQ(out.error->headers.size(), 1U);
  EXPECT_EQ(out.error->headers[0].first, Field::allow);
  auto allow = out.error->headers[0].second;
  EXPECT_NE(allow.find("GET"), std::string::npos);
  EXPECT_NE(allow.find("POST"), std::string::npos);
  EXPECT_NE(allow.find("HEAD"), std::string::npos);
}

TEST(Router, HeadUsesGetRoutes) {
  auto out = dispatch(sample_router(), Method::head, "/en/product/teapot");
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->body(), "en product");
}

TEST(Router, BodyLimitCanBeRaisedPerRoute) {
  auto r = sample_router();
  EXPECT_EQ(r.max_body(Method::post, "/api/v1/products", 1024), 5U * 1024 * 1024);
  EXPECT_EQ(r.max_body(Method::get, "/api/v1/products", 1024), 1024U);
  EXPECT_EQ(r.max_body(Method::post, "/nowhere", 1024), 1024U);
}

TEST(Router, RouteMiddlewareWrapsOnlyItsRoute) {
  Router r;
  r.get("/a", answer("a"), {.max_body = {}, .middleware = {tagging()}});
  r.get("/b", answer("b"));
  EXPECT_EQ(dispatch(r, Method::get, "/a").response->at("X-Tagged"), "yes");
  EXPECT_EQ(dispatch(r, Method::get, "/b").response->count("X-Tagged"), 0U);
}

TEST(Router, RejectsMalformedPatterns) {
  Router r;
  EXPECT_THROW(r.get("no-slash", answer("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{rest...}/b", answer("x")), std::invalid_argument);
}

// A module's pages: handlers are const members of one object shared by the routes.
class Shelf {
 public:
  explicit Shelf(std::string name) : name_(std::move(name)) {}
  net::awaitable<Response> show(Context&, core::Locale locale) const {
    co_return text(Status::ok, name_ + " " + std::string(core::code(locale)));
  }
  net::awaitable<Response> api(Context& ctx) const {
    co_return text(Status::ok, name_ + " api " + std::string(ctx.param("id")));
  }

 private:
  std::string name_;
};

TEST(MemberRoutes, CallTheMemberWithTheRoutesLocaleAndKeepTheObject) {
  Router router;
  {
    const MemberRoutes routes(router, std::make_shared<const Shelf>("shelf"),
                              {.middleware = {tagging()}});
    routes.add(Method::get, core::Localized{"/fr/rayon", "/en/shelf"}, &Shelf::show);
    routes.add(Method::get, "/api/shelf/{id}", &Shelf::api, {});
  }  // the router alone keeps the Shelf now
  auto fr = dispatch(router, Method::get, "/fr/rayon");
  ASSERT_TRUE(fr.response);
  EXPECT_EQ(fr.response->body(), "shelf fr");
  EXPECT_EQ((*fr.response)["X-Tagged"], "yes");
  auto en = dispatch(router, Method::get, "/en/shelf");
  ASSERT_TRUE(en.response);
  EXPECT_EQ(en.response->body(), "shelf en");
  auto api = dispatch(router, Method::get, "/api/shelf/7");
  ASSERT_TRUE(api.response);
  EXPECT_EQ(api.response->body(), "shelf api 7");
  EXPECT_EQ(api.response->count("X-Tagged"), 0U);  // its own options: none
}

TEST(RequestId, AcceptsOnlyWellFormedIds) {
  EXPECT_TRUE(valid_request_id("abc-123_DEF.4"));
  EXPECT_TRUE(valid_request_id(std::string(128, 'a')));
  EXPECT_FALSE(valid_request_id(""));
  EXPECT_FALSE(valid_request_id(std::string(129, 'a')));
  EXPECT_FALSE(valid_request_id("has space"));
  EXPECT_FALSE(valid_request_id("<script>"));
}

TEST(Context, WantsJsonForApiOrJsonAccept) {
  auto wants = [](std::string target, std::string accept) {
    net::io_context ioc;
    Request req{Method::get, target, 11};
    if (!accept.empty()) req.set(Field::accept, accept);
    Context ctx{req, ioc.get_executor(), req.target(), {}};
    return ctx.wants_json();
  };
  EXPECT_TRUE(wants("/api/v1/x", ""));
  EXPECT_TRUE(wants("/fr/x", "application/json"));
  EXPECT_TRUE(wants("/fr/x", "application/problem+json, text/html;q=0.5"));
  EXPECT_FALSE(wants("/fr/x", "text/html,application/xhtml+xml,*/*;q=0.8"));
  EXPECT_FALSE(wants("/fr/x", ""));
  EXPECT_FALSE(wants("/fr/x", "text/html, application/json;q=0.9"));
}

}  // namespace
}  // namespace comptoir::http
