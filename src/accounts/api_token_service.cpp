#include "accounts/api_token_service.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "accounts/api_token.hpp"
#include "db/database.hpp"

namespace comptoir::accounts {

std::expected<IssuedApiToken, std::string> ApiTokenService::issue(
    std::string_view name, std::vector<std::string> scopes,
    std::optional<std::chrono::seconds> lifetime) {
  auto printable =
      std::ranges::all_of(name, [](char c) { return static_cast<unsigned char>(c) >= 0x20; });
  if (name.empty() || name.size() > 100 || !printable)
    return std::unexpected("the name must be 1 to 100 printable characters");
  if (scopes.empty()) return std::unexpected("give at least one --scope");
  if (lifetime && lifetime->count() <= 0) return std::unexpected("the lifetime must be positive");
  for (const auto& scope : scopes)
    if (!is_known_scope(scope))
      return std::unexpected(
          fmt::format("unknown scope '{}' (known: {})", scope, fmt::join(known_scopes(), ", ")));
  std::ranges::sort(scopes);
  auto [tail, end] = std::ranges::unique(scopes);
  scopes.erase(tail, end);

  auto parts = generate_token();
  auto hash = hash_secret(parts.secret);
  auto token = db_.transact_sync([&](db::Connection& c) {
    ApiTokenRepository repo(c);
    auto id = repo.insert(name, parts.prefix, hash, scopes, lifetime);
    return *repo.find(id);
  });
  return IssuedApiToken{std::move(token), parts.text()};
}

std::vector<ApiToken> ApiTokenService::list() {
  return db_.transact_sync([](db::Connection& c) { return ApiTokenRepository(c).list(); });
}

RevokeOutcome ApiTokenService::revoke(std::int64_t id) {
  return db_.transact_sync([id](db::Connection& c) {
    ApiTokenRepository repo(c);
    if (repo.revoke(id)) return RevokeOutcome::revoked;
    return repo.find(id) ? RevokeOutcome::already_revoked : RevokeOutcome::not_found;
  });
}

net::awaitable<std::optional<ApiToken>> ApiTokenService::authenticate(std::string_view text) {
  auto parts = parse_token(text);
  if (!parts) co_return std::nullopt;
  // Captures by reference only: GCC 12 destroys a closure temporary with non-trivial captures
  // twice when it is passed to a coroutine inside co_await.
  const std::string& prefix = parts->prefix;
  // Hashed and compared even for an unknown prefix, so both failures take the same time.
  const auto hash = hash_secret(parts->secret);
  co_return co_await db_.transact([&prefix, &hash](db::Connection& c) -> std::optional<ApiToken> {
    ApiTokenRepository repo(c);
    auto stored = repo.find_by_prefix(prefix);
    bool matches = stored && hashes_equal(hash, stored->secret_hash);
    if (!matches || stored->token.revoked_at || stored->token.expired) return std::nullopt;
    if (!stored->token.recently_used) repo.mark_used(stored->token.id);
    return std::move(stored->token);
  });
}

}  // namespace comptoir::accounts
