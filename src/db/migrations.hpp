#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "db/migration_set.hpp"

namespace comptoir::db {

// Applies the migration files of a directory to one database (`comptoir migrate`), forward only.
// Several processes may migrate at once: they take turns on an advisory lock.
class Migrator {
 public:
  Migrator(std::string conninfo, std::filesystem::path dir);

  MigrationStatus status() const;
  bool current() const { return status().current(); }

  // Applies every pending migration in version order, each in its own transaction, and returns
  // their file names. Throws MigrationError, before applying anything, when the files and the
  // database disagree (MigrationStatus::problems), or naming the file whose SQL failed.
  std::vector<std::string> migrate() const;

 private:
  std::string conninfo_;
  std::filesystem::path dir_;
};

}  // namespace comptoir::db
