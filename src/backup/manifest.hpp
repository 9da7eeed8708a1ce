#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::backup {

enum class PartKind { database, media };

// One part of a backup: the database dump ("database.dump") or a media file ("media/products/
// 42/1.jpg", its path under MEDIA_DIR).
struct Part {
  std::string name{};
  PartKind kind = PartKind::media;
  std::uint64_t size = 0;
  std::string sha256{};    // lowercase hex
  std::int64_t mtime = 0;  // media files: modification time, seconds since the epoch

  bool operator==(const Part&) const = default;
};

inline constexpr std::string_view kDatabasePart = "database.dump";
inline constexpr std::string_view kMediaPrefix = "media/";

// What a backup holds, written last in the file and checked by restore before it changes anything.
struct Manifest {
  int format = 1;
  std::string comptoir_version{};
  std::string comptoir_commit{};
  std::string created_at{};        // UTC, ISO 8601 ("2026-12-02T05:15:00Z")
  std::string key_id{};            // of COMPTOIR_SECRET_KEYS
  std::string schema_migration{};  // the latest applied migration ("0008_payment_refusals.sql")
  std::string server_version{};    // PostgreSQL's, as the server reports it
  std::string pg_dump_version{};   // "pg_dump (PostgreSQL) 15.18 (Debian …)"
  std::vector<Part> parts{};

  std::uint64_t database_bytes() const;
  std::uint64_t media_bytes() const;
  std::size_t media_files() const;
};

std::string to_json(const Manifest& manifest);
// nullopt when the text is not a manifest of a known format.
std::optional<Manifest> manifest_from_json(std::string_view text);

}  // namespace comptoir::backup
