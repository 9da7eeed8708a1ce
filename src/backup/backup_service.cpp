#include "backup/backup_service.hpp"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "backup/archive.hpp"
#include "backup/pg_tools.hpp"
#include "backup/retention.hpp"
#include "core/build_info.hpp"
#include "db/connection.hpp"
#include "db/migration_set.hpp"
#include "db/query.hpp"

namespace comptoir::backup {
namespace {

namespace fs = std::filesystem;

constexpr db::Query kServerVersion{"backup_server_version", "SHOW server_version"};

struct MediaFile {
  fs::path path;
  std::string relative;  // generic form, '/' separated
  std::uint64_t size = 0;
};

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

void stop_if_asked(const std::stop_token& stop) {
  if (stop.stop_requested())
    throw BackupError("the backup was interrupted (the server is stopping)");
}

// The files of the media folder, by name: hidden entries (a restore's staging folder, the files a
// forced restore set aside, the uploads' pending notes) and symbolic links are not part of the
// shop's media.
std::vector<MediaFile> media_files(const fs::path& dir) {
  std::vector<MediaFile> files;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it) {
    const auto& entry = *it;
    if (entry.path().filename().string().starts_with('.')) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) continue;
    files.push_back({entry.path(), fs::relative(entry.path(), dir).generic_string(),
                     static_cast<std::uint64_t>(entry.file_size())});
  }
  std::ranges::sort(files, {}, &MediaFile::relative);
  return files;
}

std::int64_t mtime_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return static_cast<std::int64_t>(info.st_mtim.tv_sec);
}

void dump_database(ArchiveWriter& writer, const std::string& url, const Progress& progress,
                   const std::stop_token& stop) {
  auto pg_dump = find_pg_tool("pg_dump");
  auto connection = pg_connection(url, "comptoir backup");
  // The custom format is compressed, and pg_dump reads every table in one snapshot.
  Child child(pg_dump, {"--format=custom", "--no-password", "--dbname=" + connection.conninfo},
              connection.password, true);
  writer.begin_entry(PartKind::database, kDatabasePart);
  std::vector<unsigned char> buffer(kChunkBytes);
  std::uint64_t done = 0;
  while (true) {
    auto got = ::read(child.stdout_fd(), buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0)
      throw BackupError(fmt::format("cannot read pg_dump's output: {}", std::strerror(errno)));
    if (got == 0) break;
    writer.write(std::span(buffer.data(), static_cast<std::size_t>(got)));
    done += static_cast<std::uint64_t>(got);
    if (progress) progress("database", done, 0);
    stop_if_asked(stop);
  }
  if (int status = child.wait(); status != 0)
    throw BackupError(fmt::format("pg_dump failed (exit status {}): {}", status, child.errors()));
}

void add_media(ArchiveWriter& writer, const fs::path& dir, const Progress& progress,
               const std::stop_token& stop) {
  auto files = media_files(dir);
  std::uint64_t total = 0;
  for (const auto& file : files) total += file.size;
  std::uint64_t done = 0;
  std::vector<char> buffer(kChunkBytes);
  if (progress) progress("media", 0, total);
  for (const auto& file : files) {
    stop_if_asked(stop);
    auto name = std::string(kMediaPrefix) + file.relative;
    if (!valid_entry_name(PartKind::media, name))
      throw BackupError(
          fmt::format("the media file {} has a name a backup cannot hold", file.path.string()));
    std::ifstream in(file.path, std::ios::binary);
    if (!in)
      throw BackupError(fmt::format("cannot read the media file {}: {}", file.path.string(),
                                    std::strerror(errno)));
    writer.begin_entry(PartKind::media, name, mtime_of(file.path));
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      writer.write(std::span(reinterpret_cast<const unsigned char*>(buffer.data()), got));
      done += got;
      if (progress) progress("media", done, std::max(total, done));
    }
    if (in.bad())
      throw BackupError(fmt::format("cannot read the media file {}", file.path.string()));
  }
}

void fsync_path(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The file being written: created exclusively (mode 0600, nobody else may read a backup), removed
// when the backup fails.
class PartialFile {
 public:
  PartialFile(const fs::path& dir, std::chrono::sys_seconds time) {
    for (int sequence = 1; sequence < 100; ++sequence) {
      final_ = dir / backup_file_name(time, sequence);
      path_ = final_;
      path_ += ".partial";
      std::error_code ec;
      if (fs::exists(final_, ec)) continue;
      int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0) {
        ::close(fd);
        return;
      }
      if (errno != EEXIST)
        throw BackupError(
            fmt::format("cannot create {}: {}", path_.string(), std::strerror(errno)));
    }
    throw BackupError(fmt::format("cannot find a free file name in {}", dir.string()));
  }
  ~PartialFile() {
    std::error_code ec;
    if (!done_) fs::remove(path_, ec);
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const fs::path& path() const { return path_; }
  // Durable under its final name: the data first, then the rename, then the folder.
  fs::path commit() {
    fsync_path(path_, O_RDONLY);
    fs::rename(path_, final_);
    fsync_path(final_.parent_path(), O_RDONLY | O_DIRECTORY);
    done_ = true;
    return final_;
  }

 private:
  fs::path path_;
  fs::path final_;
  bool done_ = false;
};

}  // namespace

BackupResult make_backup(const Shop& shop, const core::SecretKey& key, const fs::path& out_dir,
                         const Progress& progress, std::stop_token stop) {
  const auto started = std::chrono::steady_clock::now();
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  Manifest manifest{.comptoir_version = core::build::kVersion,
                    .comptoir_commit = core::build::commit(),
                    .created_at = fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", now),
                    .key_id = key.id};
  manifest.pg_dump_version = trimmed(run_for_output(find_pg_tool("pg_dump"), {"--version"}));
  {
    auto conn = db::Connection::open(shop.database_url, {.application_name = "comptoir backup"});
    manifest.server_version = conn.exec(kServerVersion).one<std::string>();
    auto status = db::MigrationSet::load(shop.migrations_dir).status(conn);
    if (!status.applied.empty()) manifest.schema_migration = status.applied.back().name;
  }

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec)
    throw BackupError(
        fmt::format("cannot create the folder {}: {}", out_dir.string(), ec.message()));
  PartialFile partial(out_dir, now);
  std::ofstream out(partial.path(), std::ios::binary | std::ios::trunc);
  if (!out)
    throw BackupError(
        fmt::format("cannot write {}: {}", partial.path().string(), std::strerror(errno)));
  ArchiveWriter writer(out, key);
  // The database first, then the media: a picture a dumped row names was on disk before the
  // dump began, and a picture added since is only an extra file.
  dump_database(writer, shop.database_url, progress, stop);
  add_media(writer, shop.media_dir, progress, stop);
  manifest = writer.finish(std::move(manifest));
  out.close();
  if (!out)
    throw BackupError(fmt::format("cannot write {} (is the disk full?)", partial.path().string()));
  BackupResult result;
  result.bytes = writer.bytes_written();
  result.file = partial.commit();
  result.manifest = std::move(manifest);
  result.took = std::chrono::steady_clock::now() - started;
  return result;
}

}  // namespace comptoir::backup
