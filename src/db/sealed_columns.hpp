#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret_keys.hpp"
#include "db/query.hpp"

namespace comptoir::db {

class Database;

// A column of personal values sealed with core::seal, declared by the module that owns its table
// (next to its SQL): how to count, find and replace the values not under the active key.
struct SealedColumn {
  std::string_view name;  // "users.phone", "addresses": what `keys rotate` prints
  Query count_stale;      // ($1 active key id) → count
  Query select_stale;     // ($1 active key id, $2 after id, $3 limit) → id, sealed
  Query reseal;           // ($1 id, $2 new value, $3 old value): compare-and-set
  std::string (*associated_data)(std::int64_t id);  // the same binding as every writer uses
};

// What rotation did to one sealed column.
struct ColumnRotation {
  std::string column;                      // SealedColumn::name
  std::int64_t resealed = 0;               // now under the active key
  std::vector<std::int64_t> unreadable{};  // row ids left as they were: unknown key or forged
};

struct RotationOptions {
  int batch_size = 500;
  // (values done, values to do), after each batch.
  std::function<void(std::int64_t, std::int64_t)> progress{};
};

// Every sealed column of the application, in the order `keys rotate` walks and reports them.
// `app` assembles it from each owner module's list, so no module writes another's table.
class SealedColumnRegistry {
 public:
  void add(const SealedColumn& column) { columns_.push_back(column); }
  void add(std::span<const SealedColumn> columns) {
    columns_.insert(columns_.end(), columns.begin(), columns.end());
  }
  const std::vector<SealedColumn>& columns() const { return columns_; }

  // Re-seals every value not sealed under the active key of `keys`, column by column, batch by
  // batch, each batch its own transaction. Resumable: stopping half-way loses nothing, and running
  // it again continues with what is left. A value that no key of `keys` opens is left untouched
  // and reported, never lost or overwritten. A value changed by someone else meanwhile is left to
  // that writer (which sealed it under the active key anyway).
  std::vector<ColumnRotation> rotate(Database& db, const core::SecretKeys& keys,
                                     const RotationOptions& options = {}) const;

 private:
  std::vector<SealedColumn> columns_;
};

}  // namespace comptoir::db
