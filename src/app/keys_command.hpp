#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace comptoir::app {

// `comptoir keys rotate [--batch N]`.
struct KeysCommand {
  int batch_size = 500;
};

// The error is the usage message.
std::expected<KeysCommand, std::string> parse_keys_command(std::span<const std::string_view> args);
int run_keys_command(const core::Config& config, const KeysCommand& command);

}  // namespace comptoir::app
