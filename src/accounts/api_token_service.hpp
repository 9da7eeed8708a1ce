#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/api_token_repository.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

namespace net = boost::asio;

// A token just created: `text` is shown once and never stored.
struct IssuedApiToken {
  ApiToken token;
  std::string text;
};

enum class RevokeOutcome { revoked, already_revoked, not_found };

// Bearer tokens for the API until staff accounts exist (and for scripts afterwards).
class ApiTokenService {
 public:
  explicit ApiTokenService(db::Database& db) : db_(db) {}

  // Blocking, for `comptoir token …`. The error is a message for the operator. `lifetime`: the
  // token stops working that long from now; none: until revoked.
  std::expected<IssuedApiToken, std::string> issue(
      std::string_view name, std::vector<std::string> scopes,
      std::optional<std::chrono::seconds> lifetime = std::nullopt);
  std::vector<ApiToken> list();
  RevokeOutcome revoke(std::int64_t id);

  // The live token `text` stands for: nullopt when malformed, unknown, wrong, revoked or expired.
  // Read on the primary, never a replica: a replica's lag would keep a revoked token working.
  // Records the use (at most once a minute per token) in the same transaction.
  net::awaitable<std::optional<ApiToken>> authenticate(std::string_view text);

 private:
  db::Database& db_;
};

}  // namespace comptoir::accounts
