#include "db/migrations.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/connection.hpp"
#include "db/error.hpp"

namespace comptoir::db {

namespace {

// Any fixed value works as long as nothing else in the database uses it: "comptoir" in ASCII.
constexpr std::int64_t kMigrationLockKey = 0x636f6d70746f6972;

constexpr Query kLock{"migrations_lock", "SELECT pg_advisory_lock($1)"};
constexpr Query kUnlock{"migrations_unlock", "SELECT pg_advisory_unlock($1)"};
constexpr Query kCreateTable{"create_schema_migrations",
                             "CREATE TABLE IF NOT EXISTS schema_migrations ("
                             " version integer PRIMARY KEY,"
                             " name text NOT NULL,"
                             " checksum text NOT NULL,"
                             " applied_at timestamptz NOT NULL DEFAULT now())"};
constexpr Query kRecord{"insert_schema_migration",
                        "INSERT INTO schema_migrations (version, name, checksum) "
                        "VALUES ($1, $2, $3)"};

Connection connect(const std::string& conninfo) {
  // No statement timeout: a migration may legitimately rewrite a large table.
  return Connection::open(conninfo, {.statement_timeout = std::chrono::milliseconds{0},
                                     .application_name = "comptoir migrate"});
}

void apply(Connection& connection, const MigrationFile& file) {
  try {
    connection.exec_script("BEGIN");
    connection.exec_script(file.sql);
    connection.exec(kRecord, file.version, file.filename, file.checksum);
    connection.exec_script("COMMIT");
  } catch (const DbError& e) {
    if (connection.ok() && connection.in_transaction()) {
      try {
        connection.exec_script("ROLLBACK");
      } catch (const DbError&) {
        // Closing the connection rolls back all the same.
      }
    }
    throw MigrationError(
        fmt::format("migration {} failed and was rolled back: {}", file.filename, e.what()));
  }
}

}  // namespace

Migrator::Migrator(std::string conninfo, std::filesystem::path dir)
    : conninfo_(std::move(conninfo)), dir_(std::move(dir)) {}

MigrationStatus Migrator::status() const {
  const MigrationSet set = MigrationSet::load(dir_);
  Connection connection = connect(conninfo_);
  return set.status(connection);
}

std::vector<std::string> Migrator::migrate() const {
  const MigrationSet set = MigrationSet::load(dir_);
  Connection connection = connect(conninfo_);
  // Held for the session; if anything below throws, closing the connection releases it.
  connection.exec(kLock, kMigrationLockKey);
  connection.exec(kCreateTable);

  // Read under the lock: another process may have applied migrations while we waited.
  const MigrationStatus status = set.status(connection);
  if (!status.problems.empty()) {
    throw MigrationError(fmt::format("{}", fmt::join(status.problems, "\n")));
  }
  std::vector<std::string> applied;
  for (const MigrationFile& file : status.pending) {
    apply(connection, file);
    applied.push_back(file.filename);
  }
  connection.exec(kUnlock, kMigrationLockKey);
  return applied;
}

}  // namespace comptoir::db
