#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "db/migration_set.hpp"

namespace comptoir::app {

// Exit codes: 0 success, 1 the operation failed, 2 bad usage or configuration.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// "comptoir 0.1.0 (abc1234)": what `comptoir --version` prints, and the release error reports name.
std::string version_text();

int serve(const core::Config& config);
int migrate(const core::Config& config);
int seed_demo(const core::Config& config);
int seed_bulk(const core::Config& config, std::int64_t count);
int check_config(const core::ConfigReport& report);

// "2 pending (0002_x.sql, 0003_y.sql)" or the problems found: for messages and /readyz.
std::string describe(const db::MigrationStatus& status);

// For commands that work on the data (seed, token, user, keys): false, after telling the
// operator to run `comptoir migrate`, when migrations are pending or an applied one was edited.
bool schema_is_current(const core::Config& config, std::string_view command);

}  // namespace comptoir::app
