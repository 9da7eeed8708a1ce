#include "app/backup_command.hpp"

#include <fmt/format.h>

#include <memory>

#include "app/commands.hpp"
#include "app/progress.hpp"
#include "backup/archive.hpp"
#include "backup/backup_service.hpp"
#include "backup/pg_tools.hpp"

namespace comptoir::app {
namespace {

// "812 B", "4.2 KiB", "12.3 MiB", "1.4 GiB".
std::string human_size(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  for (value /= 1024; value >= 1024 && unit + 1 < std::size(kUnits); value /= 1024) ++unit;
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

// A bar on stderr when it is a terminal, one per stage; nothing otherwise (cron mails stay short).
class StageProgress {
 public:
  void operator()(std::string_view stage, std::uint64_t done, std::uint64_t total) {
    if (stage != stage_) {
      if (report_) report_->finish();
      stage_ = std::string(stage);
      report_ = std::make_unique<ProgressReport>(fmt::format("KiB {}", stage), stderr,
                                                 /*plain_lines=*/false);
    }
    report_->update(static_cast<std::int64_t>(done / 1024),
                    static_cast<std::int64_t>(total / 1024));
  }
  void finish() {
    if (report_) report_->finish();
  }

 private:
  std::string stage_;
  std::unique_ptr<ProgressReport> report_;
};

backup::Shop shop_of(const core::Config& config) {
  return {.database_url = config.database_url,
          .media_dir = config.media_dir,
          .migrations_dir = config.data_dir / "migrations"};
}

bool keys_configured(const core::Config& config, std::string_view command) {
  if (!config.secret_keys_ephemeral && !config.secret_keys.empty()) return true;
  fmt::print(stderr,
             "comptoir {}: COMPTOIR_SECRET_KEYS is not set. Backups are encrypted with its first "
             "key and restored with the key they were made with: set it (the same keys as the "
             "servers).\n",
             command);
  return false;
}

void describe(const backup::Manifest& manifest, std::FILE* out) {
  fmt::print(out,
             "  made {} by Comptoir {} ({}), key '{}'\n"
             "  database: {} (schema {}, PostgreSQL {})\n"
             "  media: {} files, {}\n",
             manifest.created_at, manifest.comptoir_version, manifest.comptoir_commit,
             manifest.key_id, human_size(manifest.database_bytes()),
             manifest.schema_migration.empty() ? "empty" : manifest.schema_migration,
             manifest.server_version, manifest.media_files(), human_size(manifest.media_bytes()));
}

}  // namespace

std::expected<BackupCommand, std::string> parse_backup_command(
    std::span<const std::string_view> args) {
  BackupCommand command;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto arg = args[i];
    std::string_view value;
    if (arg == "--to" && i + 1 < args.size())
      value = args[++i];
    else if (arg.starts_with("--to="))
      value = arg.substr(5);
    else if (arg == "--to")
      return std::unexpected("backup: --to needs a folder");
    else
      return std::unexpected(fmt::format("backup: unexpected argument '{}'", arg));
    if (value.empty()) return std::unexpected("backup: --to needs a folder");
    command.to = std::filesystem::path(value);
  }
  return command;
}

std::expected<RestoreCommand, std::string> parse_restore_command(
    std::span<const std::string_view> args) {
  RestoreCommand command;
  bool named = false;
  for (auto arg : args) {
    if (arg == "--force") {
      command.force = true;
    } else if (arg == "--check") {
      command.check = true;
    } else if (arg.starts_with("-")) {
      return std::unexpected(fmt::format("restore: unexpected option '{}'", arg));
    } else if (named) {
      return std::unexpected(fmt::format("restore: one file only, not also '{}'", arg));
    } else {
      command.file = std::filesystem::path(arg);
      named = true;
    }
  }
  if (!named) return std::unexpected("restore: name the backup file (comptoir restore FILE)");
  if (command.check && command.force)
    return std::unexpected("restore: --check changes nothing, --force has nothing to do with it");
  return command;
}

int run_backup_command(const core::Config& config, const BackupCommand& command) {
  if (!keys_configured(config, "backup")) return kExitUsage;
  const auto dir = command.to.value_or(config.backup_dir);
  StageProgress progress;
  try {
    auto result =
        backup::make_backup(shop_of(config), config.secret_keys.active(), dir, std::ref(progress));
    progress.finish();
    // stdout holds the file's path alone, for scripts: file=$(comptoir backup).
    fmt::print("{}\n", result.file.string());
    fmt::print(stderr, "Backup written in {:.1f} s: {}, {}\n", result.took.count(),
               result.file.string(), human_size(result.bytes));
    describe(result.manifest, stderr);
    fmt::print(stderr,
               "Keep the key '{}' as long as this backup: it cannot be restored without it.\n",
               result.manifest.key_id);
    return kExitOk;
  } catch (const backup::BackupError& e) {
    progress.finish();
    fmt::print(stderr, "comptoir backup: {}\n", e.what());
  } catch (const backup::ArchiveError& e) {
    progress.finish();
    fmt::print(stderr, "comptoir backup: {}\n", e.what());
  }
  return kExitFailure;
}

int run_restore_command(const core::Config& config, const RestoreCommand& command) {
  if (!keys_configured(config, "restore")) return kExitUsage;
  StageProgress progress;
  try {
    if (command.check) {
      auto manifest = backup::check_backup(command.file, config.secret_keys, std::ref(progress));
      progress.finish();
      fmt::print("{} is intact: every byte authenticated, every checksum verified.\n",
                 command.file.string());
      describe(manifest, stdout);
      return kExitOk;
    }
    auto result = backup::restore_backup(shop_of(config), config.secret_keys, command.file,
                                         {.force = command.force}, std::ref(progress));
    progress.finish();
    fmt::print("Restored {} into the database of DATABASE_URL and {} (MEDIA_DIR).\n",
               command.file.string(), config.media_dir.string());
    describe(result.manifest, stdout);
    if (!result.media_set_aside.empty())
      fmt::print(
          "The media folder's previous files were set aside in {}; delete it once the "
          "shop looks right.\n",
          result.media_set_aside.string());
    if (!result.schema_note.empty()) fmt::print("Note: {}.\n", result.schema_note);
    return kExitOk;
  } catch (const backup::ArchiveError& e) {
    progress.finish();
    fmt::print(stderr, "comptoir restore: {}: {}. Nothing was changed.\n", command.file.string(),
               e.what());
  } catch (const backup::BackupError& e) {
    progress.finish();
    fmt::print(stderr, "comptoir restore: {}\n", e.what());
  }
  return kExitFailure;
}

}  // namespace comptoir::app
