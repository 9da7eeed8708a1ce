#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "backup/archive.hpp"
#include "backup/backup_service.hpp"
#include "backup/pg_tools.hpp"
#include "db/connection.hpp"
#include "db/migration_set.hpp"
#include "db/query.hpp"

namespace comptoir::backup {
namespace {

namespace fs = std::filesystem;

// What "an empty database" means: nothing in the public schema a restore would collide with.
constexpr db::Query kPublicRelations{
    "backup_public_relations",
    "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
    "c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"};

std::ifstream open_backup(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw BackupError(fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
  return in;
}

std::uint64_t size_of(const fs::path& file) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  return ec ? 0 : static_cast<std::uint64_t>(size);
}

// The entries of the media folder that are the shop's (hidden ones are ours: staging, set aside).
std::vector<fs::path> visible_entries(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (!entry.path().filename().string().starts_with('.')) out.push_back(entry.path());
  return out;
}

// A hidden folder inside the media folder (the same filesystem, so its files move into place by
// renaming) holding the decrypted backup until it is verified. Removed with what it holds unless
// the restore went through; a media folder the restore had to create goes too.
class Staging {
 public:
  explicit Staging(const fs::path& media_dir) : media_dir_(media_dir) {
    std::error_code ec;
    created_media_dir_ = !fs::exists(media_dir_, ec);
    fs::create_directories(media_dir_, ec);
    if (ec)
      throw BackupError(
          fmt::format("cannot create the media folder {}: {}", media_dir_.string(), ec.message()));
    auto pattern = (media_dir_ / ".restore-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw BackupError(fmt::format("cannot create a staging folder in {}: {}", media_dir_.string(),
                                    std::strerror(errno)));
    dir_ = pattern;
  }
  ~Staging() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    if (created_media_dir_ && !kept_) fs::remove_all(media_dir_, ec);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  fs::path dump() const { return dir_ / kDatabasePart; }
  fs::path media() const { return dir_ / "media"; }
  fs::path path_of(const Part& part) const {
    return part.kind == PartKind::database ? dump() : dir_ / fs::path(part.name).lexically_normal();
  }
  void keep_media_dir() { kept_ = true; }

 private:
  fs::path media_dir_;
  fs::path dir_;
  bool created_media_dir_ = false;
  bool kept_ = false;
};

// Writes each entry of the backup to its place in the staging folder, with its modification time.
class StagingSink {
 public:
  explicit StagingSink(const Staging& staging) : staging_(staging) {}

  EntrySink sink() {
    return {.begin = [this](const Part& part) { begin(part); },
            .write = [this](std::span<const unsigned char> bytes) { write(bytes); },
            .end = [this](const Part& part) { end(part); }};
  }

 private:
  void begin(const Part& part) {
    path_ = staging_.path_of(part);
    std::error_code ec;
    fs::create_directories(path_.parent_path(), ec);
    out_.open(path_, std::ios::binary | std::ios::trunc);
    if (ec || !out_) fail();
  }
  void write(std::span<const unsigned char> bytes) {
    out_.write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    if (!out_) fail();
  }
  void end(const Part& part) {
    out_.close();
    if (!out_) fail();
    if (part.kind == PartKind::media) {
      timespec times[2] = {{.tv_sec = part.mtime, .tv_nsec = 0},
                           {.tv_sec = part.mtime, .tv_nsec = 0}};
      ::utimensat(AT_FDCWD, path_.c_str(), times, 0);
    }
  }
  [[noreturn]] void fail() const {
    throw BackupError(fmt::format("cannot write {} (is the disk full?): {}", path_.string(),
                                  std::strerror(errno)));
  }

  const Staging& staging_;
  fs::path path_;
  std::ofstream out_;
};

void run_pg_restore(const std::string& url, const fs::path& dump, bool force) {
  auto pg_restore = find_pg_tool("pg_restore");
  auto connection = pg_connection(url, "comptoir restore");
  // One transaction: a failure leaves the database as it was. Owners and grants are those of the
  // database the backup came from; here the connecting role owns what it restores.
  std::vector<std::string> args{"--no-owner",      "--no-privileges",
                                "--exit-on-error", "--single-transaction",
                                "--no-password",   "--dbname=" + connection.conninfo};
  if (force) {
    args.emplace_back("--clean");
    args.emplace_back("--if-exists");
  }
  args.push_back(dump.string());
  Child child(pg_restore, args, connection.password);
  if (int status = child.wait(); status != 0)
    throw BackupError(fmt::format(
        "pg_restore failed (exit status {}); its transaction was rolled back and nothing was "
        "changed: {}",
        status, child.errors()));
}

// Moves every visible entry of `from` into `to` (renames within one filesystem).
void move_entries(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::exists(from, ec)) return;
  fs::create_directories(to);
  for (const auto& entry : visible_entries(from)) fs::rename(entry, to / entry.filename());
}

std::string schema_note(const Manifest& manifest, const fs::path& migrations_dir) {
  std::vector<db::MigrationFile> files;
  try {
    files = db::MigrationSet::load(migrations_dir).files();
  } catch (const db::MigrationError&) {
    return {};
  }
  if (files.empty() || manifest.schema_migration.empty()) return {};
  if (files.back().filename == manifest.schema_migration) return {};
  bool known = std::ranges::any_of(
      files, [&](const auto& file) { return file.filename == manifest.schema_migration; });
  if (known)
    return fmt::format(
        "the backup's schema ends at {}; this binary's at {}: run 'comptoir "
        "migrate' before 'comptoir serve'",
        manifest.schema_migration, files.back().filename);
  return fmt::format(
      "the backup's schema ends at {}, which this binary does not know (made by "
      "a newer Comptoir, {}): serve it with that version or newer",
      manifest.schema_migration, manifest.comptoir_version);
}

}  // namespace

std::string backup_key_id(const fs::path& file) {
  auto in = open_backup(file);
  return read_header(in).key_id;
}

Manifest check_backup(const fs::path& file, const core::SecretKeys& keys,
                      const Progress& progress) {
  auto in = open_backup(file);
  const auto total = size_of(file);
  return read_archive(in, keys, {}, [&](std::uint64_t done) {
    if (progress) progress("verifying", done, total);
  });
}

RestoreResult restore_backup(const Shop& shop, const core::SecretKeys& keys, const fs::path& file,
                             const RestoreOptions& options, const Progress& progress) {
  auto in = open_backup(file);
  find_pg_tool("pg_restore");  // missing: say so before the long part
  {
    auto conn = db::Connection::open(shop.database_url, {.application_name = "comptoir restore"});
    auto relations = conn.exec(kPublicRelations).one<std::int64_t>();
    if (relations > 0 && !options.force)
      throw BackupError(fmt::format(
          "the database of DATABASE_URL is not empty ({} tables, views or sequences in its public "
          "schema): restore into a new, empty database, or add --force to replace what the backup "
          "holds (stop every 'comptoir serve' first). Nothing was changed.",
          relations));
  }
  std::error_code ec;
  if (!options.force && fs::exists(shop.media_dir, ec) && !visible_entries(shop.media_dir).empty())
    throw BackupError(fmt::format(
        "the media folder {} (MEDIA_DIR) is not empty: point MEDIA_DIR at a new folder, or add "
        "--force to set its files aside. Nothing was changed.",
        shop.media_dir.string()));

  Staging staging(shop.media_dir);
  StagingSink writer(staging);
  const auto total = size_of(file);
  RestoreResult result;
  result.manifest = read_archive(in, keys, writer.sink(), [&](std::uint64_t done) {
    if (progress) progress("verifying", done, total);
  });

  // Verified: from here on things change.
  run_pg_restore(shop.database_url, staging.dump(), options.force);
  staging.keep_media_dir();
  if (!visible_entries(shop.media_dir).empty()) {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    result.media_set_aside = shop.media_dir / fmt::format(".before-restore-{:%Y%m%dT%H%M%S}Z", now);
    move_entries(shop.media_dir, result.media_set_aside);
  }
  move_entries(staging.media(), shop.media_dir);
  result.schema_note = schema_note(result.manifest, shop.migrations_dir);
  return result;
}

}  // namespace comptoir::backup
