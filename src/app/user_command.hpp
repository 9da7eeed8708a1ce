#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace comptoir::app {

// `comptoir user create --email E --role R [--name N] [--locale fr|en]`,
// `comptoir user set-role --email E --role R`, `comptoir user list [--role R]`.
// Parsed before the configuration is loaded so that usage mistakes are reported first.
struct UserCommand {
  enum class Action { create, set_role, list };
  Action action = Action::list;
  std::string email{};
  std::string role{};
  std::string name{};
  std::string locale = "fr";
};

// The error is the usage message.
std::expected<UserCommand, std::string> parse_user_command(std::span<const std::string_view> args);
// `create` reads the password from the terminal (asked twice, not echoed) or, when standard
// input is not a terminal, from its first line — never from the command line, where other users
// of the machine and the shell history would see it.
int run_user_command(const core::Config& config, const UserCommand& command);

}  // namespace comptoir::app
