#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"

namespace comptoir::app {

// `comptoir token create --name NAME --scope SCOPE… [--expires DURATION] | list | revoke ID`,
// parsed before the configuration is loaded so that usage mistakes are reported first.
struct TokenCommand {
  enum class Action { create, list, revoke };
  Action action = Action::list;
  std::string name{};
  std::vector<std::string> scopes{};
  std::optional<std::chrono::seconds> expires_in{};  // --expires 90d; none: never expires
  std::int64_t id = 0;
};

// The error is the usage message.
std::expected<TokenCommand, std::string> parse_token_command(
    std::span<const std::string_view> args);
int run_token_command(const core::Config& config, const TokenCommand& command);

}  // namespace comptoir::app
