#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/backup_settings.hpp"

namespace comptoir::backup {

using Seconds = std::chrono::sys_seconds;

// "comptoir-20261202T051500Z.backup": the UTC time the backup started; a second backup in the
// same second is "…Z-2.backup".
std::string backup_file_name(Seconds time, int sequence = 1);
// The time a backup's file name gives; nullopt for any other name (.partial files included).
std::optional<Seconds> backup_file_time(std::string_view name);

struct BackupFile {
  std::filesystem::path path;
  Seconds time;
};

// The backups of `dir` (named by backup_file_name), newest first.
std::vector<BackupFile> list_backups(const std::filesystem::path& dir);

// Which backups `keep` does not keep (see core::BackupRetention); the newest is always kept.
std::vector<BackupFile> expired(std::vector<BackupFile> backups, const core::BackupRetention& keep);

// Deletes the expired backups of `dir`, and .partial files a day old (left by an interrupted
// backup); returns what it deleted. A file that cannot be deleted is skipped.
std::vector<std::filesystem::path> prune(const std::filesystem::path& dir,
                                         const core::BackupRetention& keep);

}  // namespace comptoir::backup
