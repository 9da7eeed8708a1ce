#include "accounts/api_token_repository.hpp"

#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

#define COMPTOIR_TOKEN_COLUMNS                                                   \
  "id, name, prefix, array_to_string(scopes, ' '), "                             \
  "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "   \
  "to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), " \
  "to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "   \
  "coalesce(last_used_at > now() - interval '1 minute', false), "                \
  "to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "   \
  "coalesce(expires_at <= now(), false)"

constexpr db::Query kInsertToken{"accounts_insert_api_token",
                                 "INSERT INTO api_tokens (name, prefix, secret_hash, scopes, "
                                 "expires_at) VALUES ($1, $2, $3, string_to_array($4, ' '), "
                                 "now() + make_interval(secs => $5::float8)) RETURNING id"};
constexpr db::Query kSelectTokenByPrefix{"accounts_select_api_token_by_prefix",
                                         "SELECT " COMPTOIR_TOKEN_COLUMNS
                                         ", secret_hash FROM api_tokens WHERE prefix = $1"};
constexpr db::Query kSelectToken{"accounts_select_api_token",
                                 "SELECT " COMPTOIR_TOKEN_COLUMNS " FROM api_tokens WHERE id = $1"};
constexpr db::Query kListTokens{"accounts_list_api_tokens",
                                "SELECT " COMPTOIR_TOKEN_COLUMNS " FROM api_tokens ORDER BY id"};
constexpr db::Query kRevokeToken{
    "accounts_revoke_api_token",
    "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL"};
constexpr db::Query kMarkTokenUsed{"accounts_mark_api_token_used",
                                   "UPDATE api_tokens SET last_used_at = now() WHERE id = $1"};

#undef COMPTOIR_TOKEN_COLUMNS

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto space = text.find(' ');
    if (space != 0) out.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return out;
}

ApiToken token_of(const db::Result& r, std::size_t row) {
  return {r.get<std::int64_t>(row, 0),
          r.get<std::string>(row, 1),
          r.get<std::string>(row, 2),
          split_words(r.get<std::string_view>(row, 3)),
          r.get<std::string>(row, 4),
          r.get<std::optional<std::string>>(row, 5),
          r.get<std::optional<std::string>>(row, 6),
          r.get<bool>(row, 7),
          r.get<std::optional<std::string>>(row, 8),
          r.get<bool>(row, 9)};
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

}  // namespace

std::int64_t ApiTokenRepository::insert(std::string_view name, std::string_view prefix,
                                        std::string_view secret_hash,
                                        const std::vector<std::string>& scopes,
                                        std::optional<std::chrono::seconds> lifetime) {
  // NULL seconds make a NULL expiry: a token without one.
  std::optional<std::string> seconds;
  if (lifetime) seconds = std::to_string(lifetime->count());
  return conn_.exec(kInsertToken, name, prefix, secret_hash, join_words(scopes), seconds)
      .one<std::int64_t>();
}

std::optional<StoredToken> ApiTokenRepository::find_by_prefix(std::string_view prefix) {
  auto r = conn_.exec(kSelectTokenByPrefix, prefix);
  if (r.empty()) return std::nullopt;
  return StoredToken{token_of(r, 0), r.get<std::string>(0, 10)};
}

std::vector<ApiToken> ApiTokenRepository::list() {
  auto r = conn_.exec(kListTokens);
  std::vector<ApiToken> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(token_of(r, i));
  return out;
}

bool ApiTokenRepository::revoke(std::int64_t id) {
  return conn_.exec(kRevokeToken, id).affected_rows() > 0;
}

std::optional<ApiToken> ApiTokenRepository::find(std::int64_t id) {
  auto r = conn_.exec(kSelectToken, id);
  if (r.empty()) return std::nullopt;
  return token_of(r, 0);
}

void ApiTokenRepository::mark_used(std::int64_t id) {
  conn_.exec(kMarkTokenUsed, id);
}

}  // namespace comptoir::accounts
