#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/types.hpp"
#include "throttle/rate_limiter.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

class ApiTokenService;

// Who is making a request, and what they may do: an API token, or a signed-in user's session
// with their role's permissions as scopes. Every permission check is one `has_scope` whatever the
// credentials were.
struct Principal {
  enum class Kind { api_token, staff };  // staff: a session (customers' hold no scope)
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

// `Authorization: Bearer cmp_…` against the API tokens. A token's writes (any method but GET,
// HEAD and OPTIONS) take from its bucket ("api_token:<id>", `writes`); past it, 429 problem+json
// (code api.rate_limited). Reads are not counted: they never pay a throttle's database write.
CredentialResolver bearer_token_resolver(ApiTokenService& tokens, throttle::RateLimiter& limiter,
                                         throttle::RateLimit writes);

class SessionService;

// The `__Host-comptoir_session` cookie of a signed-in user. A staff member's permissions count
// only once the session has passed 2FA; a customer's session is valid and holds no scope (so 403,
// not 401). A state-changing call must carry the session's X-CSRF-Token and come from this site,
// or it is refused with 403. `allowed_origin` is BASE_URL's origin.
CredentialResolver session_resolver(SessionService& sessions, std::string allowed_origin);

// Called when valid credentials lack the scope a request needs (the audit log's "access.denied").
using DenialHook = std::function<http::net::awaitable<void>(const http::Context&, const Principal&,
                                                            std::string_view scope)>;

// Writes each denial to the audit log.
DenialHook audit_denials(db::Database& db);

// Asks each resolver in turn; the first that finds credentials decides.
class Authorizer {
 public:
  explicit Authorizer(std::vector<CredentialResolver> resolvers, DenialHook on_denied = {})
      : resolvers_(std::move(resolvers)), on_denied_(std::move(on_denied)) {}

  // The principal behind the request; nullopt for an anonymous one. Credentials that are present
  // but wrong are refused (401) even where anonymous access would do: a client should learn that
  // its token is bad rather than silently see the public view.
  http::net::awaitable<std::optional<Principal>> identify(const http::Context& ctx) const;
  // The principal, or HttpError 401 (no or bad credentials, with WWW-Authenticate: Bearer) or
  // 403 (valid credentials without `scope`).
  http::net::awaitable<Principal> require(const http::Context& ctx, std::string_view scope) const;
  // require() as route middleware, which also tells the handler who asks (Context::caller). The
  // Authorizer must outlive the router.
  http::Middleware require_scope(std::string scope) const;

 private:
  std::vector<CredentialResolver> resolvers_;
  DenialHook on_denied_;
};

}  // namespace comptoir::accounts
