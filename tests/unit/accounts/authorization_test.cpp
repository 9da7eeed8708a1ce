#include <gtest/gtest.h>

#include "accounts/authorization.hpp"
#include "run_awaitable.hpp"

namespace comptoir::accounts {
namespace {

namespace net = boost::asio;

using test::run;

// A resolver that answers from a fixed table: the header value → credentials.
CredentialResolver fixed(Credentials answer) {
  return [answer](const http::Context&) -> net::awaitable<Credentials> { co_return answer; };
}

Principal token_with(std::vector<std::string> scopes) {
  return {Principal::Kind::api_token, 1, "ci", std::move(scopes)};
}

struct Request {
  http::Request raw{http::Method::post, "/api/v1/products", 11};
  net::io_context io;
  http::Context ctx{raw, io.get_executor(), "/api/v1/products", ""};
};

http::HttpError refusal(const Authorizer& authorizer, std::string_view scope) {
  Request request;
  try {
    run(authorizer.require(request.ctx, scope));
  } catch (const http::HttpError& error) {
    return error;
  }
  ADD_FAILURE() << "the request was let through";
  return http::HttpError(http::Status::ok);
}

std::string challenge(const http::HttpError& error) {
  for (const auto& [field, value] : error.headers)
    if (field == http::Field::www_authenticate) return value;
  return {};
}

TEST(Authorizer, NoCredentialsIs401WithABearerChallenge) {
  Authorizer authorizer({fixed({})});
  auto error = refusal(authorizer, "catalog:write");
  EXPECT_EQ(error.status(), http::Status::unauthorized);
  EXPECT_EQ(challenge(error), R"(Bearer realm="comptoir")");
}

TEST(Authorizer, BadCredentialsAre401InvalidToken) {
  Authorizer authorizer({fixed({Credentials::State::invalid})});
  auto error = refusal(authorizer, "catalog:write");
  EXPECT_EQ(error.status(), http::Status::unauthorized);
  EXPECT_EQ(challenge(error), R"(Bearer realm="comptoir", error="invalid_token")");
}

TEST(Authorizer, MissingScopeIs403NamingIt) {
  Authorizer authorizer({fixed({Credentials::State::valid, token_with({"catalog:read"})})});
  auto error = refusal(authorizer, "catalog:write");
  EXPECT_EQ(error.status(), http::Status::forbidden);
  EXPECT_EQ(challenge(error),
            R"(Bearer realm="comptoir", error="insufficient_scope", scope="catalog:write")");
  EXPECT_EQ(error.extra().at("required_scope").as_string(), "catalog:write");
}

TEST(Authorizer, TheRightScopeGetsThePrincipal) {
  Authorizer authorizer({fixed({Credentials::State::valid, token_with({"catalog:write"})})});
  Request request;
  auto principal = run(authorizer.require(request.ctx, "catalog:write"));
  EXPECT_EQ(principal.name, "ci");
}

TEST(Authorizer, TheFirstResolverThatFindsCredentialsDecides) {
  // A staff session resolver would sit next to the token one; an absent answer passes on.
  Principal staff{Principal::Kind::staff, 9, "alice", {"catalog:write"}};
  Authorizer authorizer({fixed({}), fixed({Credentials::State::valid, staff})});
  Request request;
  auto principal = run(authorizer.identify(request.ctx));
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->kind, Principal::Kind::staff);
}

TEST(Authorizer, AnonymousRequestsAreIdentifiedAsNobody) {
  Authorizer authorizer({fixed({})});
  Request request;
  EXPECT_FALSE(run(authorizer.identify(request.ctx)).has_value());
}

}  // namespace
}  // namespace comptoir::accounts
