#pragma once

#include <cstddef>
#include <expected>
#include <span>
#include <string>
#include <string_view>

#include <fmt/format.h>

// Reading the options of a subcommand: `--name value` or `--name=value`.
namespace comptoir::app::cli_args {

// Whether `arg` is `option`, alone or with "=value".
inline bool is_option(std::string_view arg, std::string_view option) {
  return arg == option ||
         (arg.starts_with(option) && arg.size() > option.size() && arg[option.size()] == '=');
}

// The value of the option at args[i] (moving `i` past a separate value). The error names
// `context` ("token create", "user set-role"): "<context>: --name needs a value".
inline std::expected<std::string_view, std::string> option_value(
    std::span<const std::string_view> args, std::size_t& i, std::string_view option,
    std::string_view context) {
  auto arg = args[i];
  if (arg.size() > option.size() && arg.starts_with(option) && arg[option.size()] == '=')
    return arg.substr(option.size() + 1);
  if (i + 1 >= args.size() || args[i + 1].starts_with("--"))
    return std::unexpected(fmt::format("{}: {} needs a value", context, option));
  return args[++i];
}

}  // namespace comptoir::app::cli_args
