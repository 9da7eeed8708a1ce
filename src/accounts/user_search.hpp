#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace comptoir::db {
class Connection;
}

namespace comptoir::accounts {

// Ids of the accounts whose display name contains `text` (case-insensitively), at most `limit`:
// how the back office finds a customer's orders by name. On the caller's connection.
std::vector<std::int64_t> user_ids_named(db::Connection& conn, std::string_view text, int limit);

}  // namespace comptoir::accounts
