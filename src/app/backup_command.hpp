#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace comptoir::app {

// `comptoir backup [--to DIR]`.
struct BackupCommand {
  std::optional<std::filesystem::path> to;  // default: COMPTOIR_BACKUP_DIR
};

// `comptoir restore FILE [--force] [--check]`.
struct RestoreCommand {
  std::filesystem::path file;
  bool force = false;
  bool check = false;  // verify the file only; needs neither the database nor MEDIA_DIR
};

// The error is the usage message.
std::expected<BackupCommand, std::string> parse_backup_command(
    std::span<const std::string_view> args);
std::expected<RestoreCommand, std::string> parse_restore_command(
    std::span<const std::string_view> args);
int run_backup_command(const core::Config& config, const BackupCommand& command);
int run_restore_command(const core::Config& config, const RestoreCommand& command);

}  // namespace comptoir::app
