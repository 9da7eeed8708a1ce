#include "db/migration_set.hpp"

#include <sodium.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>

#include "db/connection.hpp"
#include "db/error.hpp"

namespace comptoir::db {

namespace {

constexpr Query kSelectApplied{"select_schema_migrations",
                               "SELECT version, name, checksum FROM schema_migrations "
                               "ORDER BY version"};

constexpr std::string_view kUndefinedTable = "42P01";

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationError(fmt::format("cannot read migration {}", path.string()));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Enough of a checksum for a person to compare; the full value is in schema_migrations.
std::string_view abbreviated(std::string_view checksum) {
  return checksum.substr(0, 12);
}

std::string edited_problem(const MigrationFile& file, const AppliedMigration& applied) {
  return fmt::format(
      "migration {} was edited after it was applied (recorded checksum {}…, file now {}…); "
      "restore the file and put the change in a new migration",
      file.filename, abbreviated(applied.checksum), abbreviated(file.checksum));
}

}  // namespace

std::optional<MigrationName> parse_migration_filename(std::string_view filename) {
  constexpr std::string_view kExtension = ".sql";
  if (!filename.ends_with(kExtension)) return std::nullopt;
  filename.remove_suffix(kExtension.size());

  const std::size_t underscore = filename.find('_');
  if (underscore == std::string_view::npos) return std::nullopt;
  const std::string_view digits = filename.substr(0, underscore);
  const std::string_view name = filename.substr(underscore + 1);
  // Nine digits at most, so every version fits the table's integer column.
  if (digits.size() < 4 || digits.size() > 9) return std::nullopt;
  if (!std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (name.empty() || !std::ranges::all_of(name, is_name_char)) return std::nullopt;

  MigrationName parsed;
  std::from_chars(digits.data(), digits.data() + digits.size(), parsed.version);
  parsed.name = name;
  return parsed;
}

std::string sha256_hex(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), hex.size() - 1);
}

MigrationSet MigrationSet::load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw MigrationError(fmt::format("migrations directory {} does not exist", dir.string()));
  }
  MigrationSet set;
  set.dir_ = dir;
  std::vector<std::string> bad_names;
  std::map<std::int32_t, std::string> seen;  // version → filename
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string filename = entry.path().filename().string();
    if (!entry.is_regular_file() || !filename.ends_with(".sql")) continue;
    const auto parsed = parse_migration_filename(filename);
    if (!parsed) {
      bad_names.push_back(filename);
      continue;
    }
    if (auto [it, inserted] = seen.emplace(parsed->version, filename); !inserted) {
      auto [first, second] = std::minmax(it->second, filename);
      throw MigrationError(
          fmt::format("migrations {} and {} in {} share the number {}; renumber one", first, second,
                      dir.string(), parsed->version));
    }
    std::string sql = read_bytes(entry.path());
    std::string checksum = sha256_hex(sql);
    set.files_.push_back({parsed->version, filename, std::move(sql), std::move(checksum)});
  }
  if (!bad_names.empty()) {
    std::ranges::sort(bad_names);
    throw MigrationError(fmt::format(
        "badly named migration file(s) in {}: {}; name them like 0001_short_name.sql (at least 4 "
        "digits, '_', then lowercase letters, digits or '_')",
        dir.string(), fmt::join(bad_names, ", ")));
  }
  std::ranges::sort(set.files_, {}, &MigrationFile::version);
  return set;
}

MigrationStatus MigrationSet::status(std::vector<AppliedMigration> applied) const {
  MigrationStatus status;
  std::ranges::sort(applied, {}, &AppliedMigration::version);
  std::map<std::int32_t, const AppliedMigration*> by_version;
  for (const auto& migration : applied) by_version.emplace(migration.version, &migration);
  const std::int32_t last_file = files_.empty() ? -1 : files_.back().version;
  const AppliedMigration* last_applied = applied.empty() ? nullptr : &applied.back();

  for (const auto& file : files_) {
    auto found = by_version.find(file.version);
    if (found == by_version.end()) {
      if (last_applied && file.version < last_applied->version) {
        status.problems.push_back(fmt::format(
            "migration {} is numbered below {}, which is already applied; renumber it after {}",
            file.filename, last_applied->name, last_applied->version));
      }
      status.pending.push_back(file);
    } else if (found->second->checksum != file.checksum) {
      status.problems.push_back(edited_problem(file, *found->second));
    }
  }
  for (const auto& migration : applied) {
    const bool has_file =
        std::ranges::binary_search(files_, migration.version, {}, &MigrationFile::version);
    if (has_file) continue;
    if (migration.version > last_file) {
      status.newer.push_back(migration);
    } else {
      status.problems.push_back(
          fmt::format("migration {} was applied but its file is missing from {}; restore the file",
                      migration.name, dir_.string()));
    }
  }
  status.applied = std::move(applied);
  return status;
}

MigrationStatus MigrationSet::status(Connection& connection) const {
  std::vector<AppliedMigration> applied;
  try {
    const Result rows = connection.exec(kSelectApplied);
    applied.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
      applied.push_back({rows.get<std::int32_t>(row, 0), rows.get<std::string>(row, 1),
                         rows.get<std::string>(row, 2)});
    }
  } catch (const DbError& e) {
    if (e.sqlstate() != kUndefinedTable) throw;
  }
  return status(std::move(applied));
}

}  // namespace comptoir::db
