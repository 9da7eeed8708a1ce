#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace comptoir::app {

// `comptoir redirects import FILE [--dry-run] [--replace] | list | export [--to FILE]`, parsed
// before the configuration is loaded so that usage mistakes are reported first.
struct RedirectsCommand {
  enum class Action { import, list, exports };
  Action action = Action::list;
  std::string file{};  // import: the CSV to read; export: where to write ("" = stdout)
  bool dry_run = false;
  bool replace = false;
};

// The error is the usage message.
std::expected<RedirectsCommand, std::string> parse_redirects_command(
    std::span<const std::string_view> args);
int run_redirects_command(const core::Config& config, const RedirectsCommand& command);

}  // namespace comptoir::app
