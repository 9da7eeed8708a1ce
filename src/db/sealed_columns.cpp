#include "db/sealed_columns.hpp"

#include <algorithm>
#include <tuple>

#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"

namespace comptoir::db {
namespace {

struct Stale {
  std::int64_t id;
  std::string sealed;
};

}  // namespace

std::vector<ColumnRotation> SealedColumnRegistry::rotate(Database& db, const core::SecretKeys& keys,
                                                         const RotationOptions& options) const {
  const std::string& active = keys.active().id;
  std::int64_t total = 0;
  for (const auto& column : columns_)
    total += db.transact_sync([&](Connection& conn) {
      return conn.exec(column.count_stale, active).one<std::int64_t>();
    });
  std::int64_t done = 0;
  if (options.progress) options.progress(done, total);

  std::vector<ColumnRotation> report;
  for (const auto& column : columns_) {
    ColumnRotation rotation{.column = std::string(column.name)};
    std::int64_t after = 0;
    for (;;) {
      // One short transaction per batch: read the stale values, re-seal them in memory, write
      // each back only if it is still what was read.
      auto batch = db.transact_sync([&](Connection& conn) {
        auto rows = conn.exec(column.select_stale, active, after, options.batch_size);
        std::vector<Stale> stale;
        stale.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
          stale.push_back({rows.get<std::int64_t>(i, 0), rows.get<std::string>(i, 1)});
        std::int64_t resealed = 0;
        std::vector<std::int64_t> unreadable;
        for (const auto& value : stale) {
          auto ad = column.associated_data(value.id);
          auto plain = core::open(keys, value.sealed, ad);
          if (!plain) {
            unreadable.push_back(value.id);
            continue;
          }
          auto fresh = core::seal(keys, *plain, ad);
          resealed += static_cast<std::int64_t>(
              conn.exec(column.reseal, value.id, fresh, value.sealed).affected_rows());
        }
        return std::tuple{stale.empty() ? after : stale.back().id, stale.size(), resealed,
                          std::move(unreadable)};
      });
      auto& [last_id, seen, resealed, unreadable] = batch;
      if (seen == 0) break;
      after = last_id;
      rotation.resealed += resealed;
      rotation.unreadable.insert(rotation.unreadable.end(), unreadable.begin(), unreadable.end());
      done += static_cast<std::int64_t>(seen);
      if (options.progress) options.progress(done, std::max(done, total));
    }
    report.push_back(std::move(rotation));
  }
  return report;
}

}  // namespace comptoir::db
