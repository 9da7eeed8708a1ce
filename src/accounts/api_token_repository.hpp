#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::accounts {

// One api_tokens row, without its hash (listing never needs it).
struct ApiToken {
  std::int64_t id = 0;
  std::string name;
  std::string prefix;
  std::vector<std::string> scopes;
  std::string created_at;                   // ISO 8601, UTC
  std::optional<std::string> last_used_at;  // ISO 8601, UTC
  std::optional<std::string> revoked_at;    // ISO 8601, UTC
  bool recently_used = false;               // last use under a minute ago
  std::optional<std::string> expires_at{};  // ISO 8601, UTC; none: never expires
  bool expired = false;                     // expires_at has passed
};

struct StoredToken {
  ApiToken token;
  std::string secret_hash;
};

// The api_tokens table. SQL only; runs on the connection it is given.
class ApiTokenRepository {
 public:
  explicit ApiTokenRepository(db::Connection& connection) : conn_(connection) {}

  // `lifetime`: the token expires that long after now; none: never.
  std::int64_t insert(std::string_view name, std::string_view prefix, std::string_view secret_hash,
                      const std::vector<std::string>& scopes,
                      std::optional<std::chrono::seconds> lifetime = std::nullopt);
  std::optional<StoredToken> find_by_prefix(std::string_view prefix);
  std::vector<ApiToken> list();
  // false when no such token, or already revoked.
  bool revoke(std::int64_t id);
  std::optional<ApiToken> find(std::int64_t id);
  void mark_used(std::int64_t id);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::accounts
