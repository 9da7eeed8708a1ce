#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::db {

class Connection;

// Why migrations cannot run (or be read): the message says what to do, for an operator.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MigrationName {
  std::int32_t version = 0;
  std::string name;  // "foundation" in 0001_foundation.sql
};

// `NNNN_name.sql`: 4 to 9 digits, '_', [a-z0-9_]+, ".sql"; std::nullopt for anything else.
std::optional<MigrationName> parse_migration_filename(std::string_view filename);

// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

struct MigrationFile {
  std::int32_t version = 0;
  std::string filename;  // recorded as schema_migrations.name
  std::string sql;
  std::string checksum;  // sha256_hex of the file's bytes
};

struct AppliedMigration {
  std::int32_t version = 0;
  std::string name;
  std::string checksum;
};

struct MigrationStatus {
  std::vector<AppliedMigration> applied;  // by version
  std::vector<MigrationFile> pending;     // by version
  // Edited or missing files, files numbered below an applied one: migrate() refuses to run.
  std::vector<std::string> problems;
  // Applied migrations numbered above every file: a newer release ran them. Not a problem, so
  // processes of the previous release stay ready during a rolling deploy.
  std::vector<AppliedMigration> newer;

  bool current() const noexcept { return pending.empty() && problems.empty(); }
};

// The migration files of one directory, read and checksummed once (at startup for /readyz).
class MigrationSet {
 public:
  // Throws MigrationError for a missing directory, a badly named .sql file or a reused number.
  static MigrationSet load(const std::filesystem::path& dir);

  const std::filesystem::path& dir() const noexcept { return dir_; }
  const std::vector<MigrationFile>& files() const noexcept { return files_; }

  // Compares the files with what schema_migrations records.
  MigrationStatus status(std::vector<AppliedMigration> applied) const;
  // Reads schema_migrations (none applied when the table does not exist yet).
  MigrationStatus status(Connection& connection) const;
  // One query: every file applied, none edited. Cheap enough for /readyz on a pooled connection.
  bool check(Connection& connection) const { return status(connection).current(); }

 private:
  std::filesystem::path dir_;
  std::vector<MigrationFile> files_;  // by version
};

}  // namespace comptoir::db
