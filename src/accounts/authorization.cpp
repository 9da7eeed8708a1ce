#include "accounts/authorization.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "accounts/api_token_service.hpp"
#include "accounts/audit_log.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "http/cookie.hpp"
#include "throttle/throttled.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::string_view kRealm = "comptoir";

// RFC 6750 §3: the challenge says what went wrong, and which scope was missing.
http::HttpError unauthorized(bool credentials_were_sent) {
  http::HttpError error(http::Status::unauthorized);
  error.headers.emplace_back(
      http::Field::www_authenticate,
      credentials_were_sent ? fmt::format("Bearer realm=\"{}\", error=\"invalid_token\"", kRealm)
                            : fmt::format("Bearer realm=\"{}\"", kRealm));
  return error;
}

http::HttpError forbidden(std::string_view scope) {
  http::HttpError error(http::Status::forbidden, {},
                        boost::json::object{{"required_scope", scope}});
  error.headers.emplace_back(
      http::Field::www_authenticate,
      fmt::format("Bearer realm=\"{}\", error=\"insufficient_scope\", scope=\"{}\"", kRealm,
                  scope));
  return error;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::ranges::equal(a, b, [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

bool is_safe(http::Method method) {
  return method == http::Method::get || method == http::Method::head ||
         method == http::Method::options;
}

}  // namespace

bool Principal::has_scope(std::string_view scope) const {
  return std::ranges::find(scopes, scope) != scopes.end();
}

CredentialResolver bearer_token_resolver(ApiTokenService& tokens, throttle::RateLimiter& limiter,
                                         throttle::RateLimit writes) {
  return
      [&tokens, &limiter, writes](const http::Context& ctx) -> http::net::awaitable<Credentials> {
        std::string_view header = ctx.header(http::Field::authorization);
        constexpr std::string_view kScheme = "Bearer";
        if (header.size() < kScheme.size() || !iequals(header.substr(0, kScheme.size()), kScheme))
          co_return Credentials{};  // no bearer token: another resolver may know this request
        auto token = header.substr(kScheme.size());
        if (!token.starts_with(' ')) co_return Credentials{Credentials::State::invalid};
        while (token.starts_with(' ')) token.remove_prefix(1);
        while (token.ends_with(' ')) token.remove_suffix(1);
        auto found = co_await tokens.authenticate(token);
        if (!found) co_return Credentials{Credentials::State::invalid};
        if (!is_safe(ctx.request.method())) {
          auto bucket = fmt::format("api_token:{}", found->id);
          auto decision = co_await limiter.take(std::move(bucket), writes);
          if (!decision.allowed) throw throttle::too_many_requests(decision, "api.rate_limited");
        }
        co_return Credentials{
            Credentials::State::valid,
            Principal{Principal::Kind::api_token, found->id, found->name, found->scopes}};
      };
}

CredentialResolver session_resolver(SessionService& sessions, std::string allowed_origin) {
  return [&sessions, allowed_origin = std::move(allowed_origin)](
             const http::Context& ctx) -> http::net::awaitable<Credentials> {
    auto cookie = http::find_cookie(ctx.header(http::Field::cookie), kSessionCookie);
    if (!cookie) co_return Credentials{};
    auto id = std::string(*cookie);
    auto session = co_await sessions.load(std::move(id));
    if (!session || !session->signed_in()) co_return Credentials{};  // as if anonymous
    auto method = ctx.request.method();
    bool safe = method == http::Method::get || method == http::Method::head ||
                method == http::Method::options;
    if (!safe &&
        check_csrf(ctx, *session, ctx.request[kCsrfHeader], allowed_origin) != CsrfVerdict::ok)
      throw http::HttpError(http::Status::forbidden,
                            "A request authenticated by the session cookie must come from this "
                            "site and carry the session's X-CSRF-Token header.");
    const auto& user = *session->user;
    Principal principal{Principal::Kind::staff, user.id, user.email, {}};
    if (user.totp_enabled && session->mfa_passed) principal.scopes = user.permissions;
    co_return Credentials{Credentials::State::valid, std::move(principal)};
  };
}

DenialHook audit_denials(db::Database& db) {
  return [&db](const http::Context& ctx, const Principal& principal,
               std::string_view scope) -> http::net::awaitable<void> {
    AuditEntry entry{.actor = principal.kind == Principal::Kind::api_token
                                  ? Actor::token(principal.id)
                                  : Actor::user(principal.id),
                     .action = "access.denied",
                     .ip = ctx.client_ip.substr(0, ctx.client_ip.find('%')),
                     .request_id = ctx.request_id};
    entry.details["scope"] = scope;
    entry.details["method"] = http::bhttp::to_string(ctx.request.method());
    entry.details["path"] = ctx.path;
    co_await db.transact([&](db::Connection& conn) { append_audit(conn, entry); });
  };
}

http::net::awaitable<std::optional<Principal>> Authorizer::identify(
    const http::Context& ctx) const {
  for (const auto& resolve : resolvers_) {
    auto credentials = co_await resolve(ctx);
    if (credentials.state == Credentials::State::invalid) throw unauthorized(true);
    if (credentials.state == Credentials::State::valid) co_return credentials.principal;
  }
  co_return std::nullopt;
}

http::net::awaitable<Principal> Authorizer::require(const http::Context& ctx,
                                                    std::string_view scope) const {
  auto principal = co_await identify(ctx);
  if (!principal) throw unauthorized(false);
  if (!principal->has_scope(scope)) {
    if (on_denied_) co_await on_denied_(ctx, *principal, scope);
    throw forbidden(scope);
  }
  co_return std::move(*principal);
}

http::Middleware Authorizer::require_scope(std::string scope) const {
  return
      [this, scope = std::move(scope)](
          http::Context& ctx, const http::Handler& next) -> http::net::awaitable<http::Response> {
        auto principal = co_await require(ctx, scope);
        ctx.caller = http::Caller{.kind = principal.kind == Principal::Kind::api_token
                                              ? http::Caller::Kind::api_token
                                              : http::Caller::Kind::user,
                                  .id = principal.id};
        co_return co_await next(ctx);
      };
}

}  // namespace comptoir::accounts
