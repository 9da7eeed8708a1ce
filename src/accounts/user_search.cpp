#include "accounts/user_search.hpp"

#include <algorithm>

#include "db/connection.hpp"

namespace comptoir::accounts {
namespace {

// strpos rather than LIKE: the words typed are matched as they are, '%' and '_' included.
constexpr db::Query kNamed{"users_named",
                           "SELECT id FROM users WHERE display_name <> '' AND "
                           "strpos(lower(display_name), lower($1)) > 0 ORDER BY id LIMIT $2"};

}  // namespace

std::vector<std::int64_t> user_ids_named(db::Connection& conn, std::string_view text, int limit) {
  std::vector<std::int64_t> out;
  if (text.empty()) return out;
  auto rows = conn.exec(kNamed, text, std::clamp(limit, 1, 1000));
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.get<std::int64_t>(i, 0));
  return out;
}

}  // namespace comptoir::accounts
