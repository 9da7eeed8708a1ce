#pragma once

#include <span>
#include <string_view>

#include "core/config.hpp"

namespace comptoir::app {

// Exit codes: 0 success, 1 the operation failed, 2 bad usage or configuration.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int serve(const core::Config& config);
int migrate(const core::Config& config);
int seed_demo(const core::Config& config);
int check_config(const core::ConfigReport& report);

}  // namespace comptoir::app
