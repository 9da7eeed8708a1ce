#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/secret_keys.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

// What rotation did to one sealed column.
struct ColumnRotation {
  std::string column;                      // "users.phone", "users.totp_secret", "addresses"
  std::int64_t resealed = 0;               // now under the active key
  std::vector<std::int64_t> unreadable{};  // row ids left as they were: unknown key or forged
};

struct RotationOptions {
  int batch_size = 500;
  // (values done, values to do), after each batch.
  std::function<void(std::int64_t, std::int64_t)> progress{};
};

// Re-seals every personal value not sealed under the active key of `keys` (addresses, phone
// numbers, TOTP secrets), batch by batch, each batch its own transaction. Resumable: stopping
// half-way loses nothing, and running it again continues with what is left. A value that no key
// of `keys` opens is left untouched and reported, never lost or overwritten. A value changed by
// someone else meanwhile is left to that writer (which sealed it under the active key anyway).
std::vector<ColumnRotation> rotate_sealed_values(db::Database& db, const core::SecretKeys& keys,
                                                 const RotationOptions& options = {});

}  // namespace comptoir::accounts
