#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

#include "backup/manifest.hpp"
#include "core/secret_keys.hpp"

namespace comptoir::backup {

// What a backup is made of, and where a restore puts it back.
struct Shop {
  std::string database_url;
  std::filesystem::path media_dir;
  std::filesystem::path migrations_dir;  // the binary's migrations, to compare schemas
};

// Called as the work goes: a stage ("database", "media", "verifying"), the bytes done, and the
// bytes it will take (0 when not known in advance: pg_dump's output).
using Progress =
    std::function<void(std::string_view stage, std::uint64_t done, std::uint64_t total)>;

struct BackupResult {
  std::filesystem::path file;
  std::uint64_t bytes = 0;  // the file's size
  Manifest manifest;
  std::chrono::duration<double> took{};
};

// Writes comptoir-<UTC time>.backup into `out_dir` (created if missing): pg_dump's custom-format
// dump of the database (one consistent snapshot), then the files of the media folder (hidden
// entries and symbolic links are left out), then the manifest, all encrypted under `key` (the
// active key of COMPTOIR_SECRET_KEYS). The file appears under its name only once complete: until
// then it is "<name>.partial" (mode 0600). Throws BackupError (or ArchiveError) and leaves no
// partial file behind; a stop request (the server stopping) aborts the same way.
BackupResult make_backup(const Shop& shop, const core::SecretKey& key,
                         const std::filesystem::path& out_dir, const Progress& progress = {},
                         std::stop_token stop = {});

// Reads and verifies a whole backup without writing anything: authentication of every byte, the
// checksum of every part, the manifest. Throws ArchiveError naming what is wrong.
Manifest check_backup(const std::filesystem::path& file, const core::SecretKeys& keys,
                      const Progress& progress = {});

struct RestoreOptions {
  bool force = false;  // replace what the database and the media folder already hold
};

struct RestoreResult {
  Manifest manifest;
  std::filesystem::path media_set_aside;  // --force: where the media folder's old files went
  std::string schema_note;                // empty, or what the operator should do (migrate…)
};

// Restores a backup into shop.database_url and shop.media_dir. Refuses (BackupError) a database
// that has tables in its public schema, or a media folder with files, unless options.force.
// Decrypts and verifies the whole file into a staging folder inside the media folder before it
// changes anything: a wrong key, a corrupted or truncated file changes nothing. Then pg_restore
// runs in one transaction (--no-owner --no-privileges --exit-on-error; --clean --if-exists with
// force), and only once it has committed are the media files moved into place (with force, the
// old ones are set aside in a hidden ".before-restore-<time>" folder of the media folder).
RestoreResult restore_backup(const Shop& shop, const core::SecretKeys& keys,
                             const std::filesystem::path& file, const RestoreOptions& options,
                             const Progress& progress = {});

// The id of the key a backup file needs, from its clear header. Throws ArchiveError.
std::string backup_key_id(const std::filesystem::path& file);

}  // namespace comptoir::backup
