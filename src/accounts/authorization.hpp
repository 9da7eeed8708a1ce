#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/types.hpp"

namespace comptoir::accounts {

class ApiTokenService;

// Who is making a request, and what they may do. API tokens today; staff sessions (accounts
// issue) resolve to the same type, with their role's scopes, so every permission check is one
// `has_scope` whatever the credentials were.
struct Principal {
  enum class Kind { api_token, staff };
  Kind kind = Kind::api_token;
  std::int64_t id = 0;
  std::string name{};
  std::vector<std::string> scopes{};

  bool has_scope(std::string_view scope) const;
};

// What one way of authenticating found in a request: nothing of its kind, something wrong
// (malformed, unknown, revoked), or a principal.
struct Credentials {
  enum class State { absent, invalid, valid };
  State state = State::absent;
  std::optional<Principal> principal{};
};
using CredentialResolver = std::function<http::net::awaitable<Credentials>(const http::Context&)>;

// `Authorization: Bearer cmp_…` against the API tokens.
CredentialResolver bearer_token_resolver(ApiTokenService& tokens);

// Asks each resolver in turn; the first that finds credentials decides.
class Authorizer {
 public:
  explicit Authorizer(std::vector<CredentialResolver> resolvers)
      : resolvers_(std::move(resolvers)) {}

  // The principal behind the request; nullopt for an anonymous one. Credentials that are present
  // but wrong are refused (401) even where anonymous access would do: a client should learn that
  // its token is bad rather than silently see the public view.
  http::net::awaitable<std::optional<Principal>> identify(const http::Context& ctx) const;
  // The principal, or HttpError 401 (no or bad credentials, with WWW-Authenticate: Bearer) or
  // 403 (valid credentials without `scope`).
  http::net::awaitable<Principal> require(const http::Context& ctx, std::string_view scope) const;
  // require() as route middleware. The Authorizer must outlive the router.
  http::Middleware require_scope(std::string scope) const;

 private:
  std::vector<CredentialResolver> resolvers_;
};

}  // namespace comptoir::accounts
