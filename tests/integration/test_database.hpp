#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/random.hpp"
#include "db/connection.hpp"
#include "db/migration_set.hpp"
#include "db/migrations.hpp"
#include "db/pool.hpp"

namespace comptoir::db::test {

inline constexpr const char* kUrlVariable = "COMPTOIR_TEST_DATABASE_URL";

// A conninfo string for database `dbname` on the server (and as the user) of `conninfo`.
inline std::string with_dbname(const std::string& conninfo, const std::string& dbname) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "out of memory";
    PQfreemem(error);
    throw std::runtime_error(std::string(kUrlVariable) + " is not a valid URL: " + message);
  }
  auto quoted = [](std::string_view value) {
    std::string out = "'";
    for (char c : value) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    return out + "'";
  };
  std::string result;
  for (const PQconninfoOption* option = options; option->keyword; ++option) {
    if (!option->val || std::string_view{option->keyword} == "dbname") continue;
    result += std::string(option->keyword) + "=" + quoted(option->val) + " ";
  }
  PQconninfoFree(options);
  return result + "dbname=" + quoted(dbname);
}

// The name of a database at the schema of `migrations`, for CREATE DATABASE … TEMPLATE: migrated
// once per set of migration files by the first test process that asks (an advisory lock on the
// admin database makes the others wait), named after the files' checksums — an edited or added
// migration makes a new template, and the older ones are dropped. Copying it costs a test a file
// copy instead of running every migration (the suite's tests run in parallel, each in its own
// database). The copy is still migrated by its test: Migrator finds every file applied, with the
// checksums it records, or says what differs.
inline std::string migrated_template(const std::string& admin_url,
                                     const std::filesystem::path& migrations) {
  const MigrationSet set = MigrationSet::load(migrations);
  std::string files;
  for (const MigrationFile& file : set.files()) files += file.filename + ' ' + file.checksum + '\n';
  const std::string name = "comptoir_test_template_" + sha256_hex(files).substr(0, 16);

  constexpr Query kLock{"test_template_lock", "SELECT pg_advisory_lock(727316)"};
  constexpr Query kExists{"test_template_exists",
                          "SELECT count(*) FROM pg_database WHERE datname = $1"};
  // Older templates, and what a build stopped midway left (builds happen under the lock).
  constexpr Query kStale{"test_template_stale",
                         "SELECT datname FROM pg_database WHERE (datname LIKE "
                         "'comptoir\\_test\\_template\\_%' AND datname <> $1) OR datname LIKE "
                         "'comptoir\\_test\\_building\\_%'"};
  Connection admin = Connection::open(admin_url);  // the lock is the session's: closing frees it
  admin.exec(kLock);
  if (admin.exec(kExists, name).one<std::int64_t>() == 1) return name;
  const Result stale = admin.exec(kStale, name);
  for (std::size_t row = 0; row < stale.size(); ++row) {
    const auto old = stale.get<std::string>(row, 0);  // ours: [a-z0-9_]
    admin.exec_script("ALTER DATABASE " + old + " WITH IS_TEMPLATE false");
    admin.exec_script("DROP DATABASE IF EXISTS " + old + " WITH (FORCE)");
  }
  // Built under another name and renamed once complete, so no test copies a half-migrated one.
  const std::string building = "comptoir_test_building_" + core::random_hex(8);
  admin.exec_script("CREATE DATABASE " + building);
  try {
    Migrator(with_dbname(admin_url, building), migrations).migrate();
  } catch (...) {
    admin.exec_script("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
    throw;
  }
  admin.exec_script("ALTER DATABASE " + building + " RENAME TO " + name);
  admin.exec_script("ALTER DATABASE " + name + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
  return name;
}

// A fresh, randomly named database, dropped (even with sessions still open) when destroyed:
// empty, or a copy of `template_name` (migrated_template).
class TestDatabase {
 public:
  explicit TestDatabase(std::string admin_url, const std::string& template_name = {})
      : admin_url_(std::move(admin_url)), name_("comptoir_test_" + core::random_hex(8)) {
    // Identifiers cannot be parameters; the names are ours, made of [a-z0-9_]. FILE_COPY copies
    // the template's files instead of writing every page to the WAL.
    Connection::open(admin_url_)
        .exec_script(template_name.empty() ? "CREATE DATABASE " + name_
                                           : "CREATE DATABASE " + name_ + " TEMPLATE " +
                                                 template_name + " STRATEGY FILE_COPY");
    url_ = with_dbname(admin_url_, name_);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase() {
    try {
      Connection::open(admin_url_)
          .exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not drop test database " << name_ << ": " << e.what();
    }
  }

  const std::string& url() const { return url_; }
  const std::string& admin_url() const { return admin_url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

// Ends the session of `pid` from another connection and waits until the server has let it go.
inline void terminate_backend(const std::string& url, int pid) {
  constexpr Query kTerminate{"terminate", "SELECT pg_terminate_backend($1)"};
  constexpr Query kAlive{"backend_alive", "SELECT count(*) FROM pg_stat_activity WHERE pid = $1"};
  Connection admin = Connection::open(url);
  ASSERT_TRUE(admin.exec(kTerminate, pid).one<bool>());
  for (int i = 0; i < 200 && admin.exec(kAlive, pid).one<std::int64_t>() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Each test gets its own database on the server named by COMPTOIR_TEST_DATABASE_URL: empty, or
// at the schema of the migrations folder given to the constructor (a copy of migrated_template).
class DatabaseTest : public ::testing::Test {
 protected:
  DatabaseTest() = default;
  explicit DatabaseTest(std::filesystem::path migrations) : migrations_(std::move(migrations)) {}

  void SetUp() override {
    const char* admin_url = std::getenv(kUrlVariable);
    if (!admin_url || !*admin_url) {
      GTEST_FAIL() << kUrlVariable << " is not set. Integration tests need a PostgreSQL superuser "
                   << "URL to an admin database, e.g. postgres://postgres@127.0.0.1:55432/postgres"
                   << " (scripts/test starts one and sets it).";
    }
    database_.emplace(admin_url,
                      migrations_ ? migrated_template(admin_url, *migrations_) : std::string{});
  }

  void TearDown() override { database_.reset(); }

  const std::string& url() const { return database_->url(); }
  const std::string& admin_url() const { return database_->admin_url(); }
  Connection connect() const { return Connection::open(url()); }

  // Runs a SQL script in the test database, to arrange a test or inspect its outcome.
  void sql(const std::string& script) const { connect().exec_script(script); }

 private:
  std::optional<std::filesystem::path> migrations_;
  std::optional<TestDatabase> database_;
};

// Runs a coroutine to completion on a fresh single-threaded io_context (the test's thread).
template <class T>
T run_on_io(net::awaitable<T> work) {
  net::io_context io;
  auto future = net::co_spawn(io, std::move(work), net::use_future);
  io.run();
  return future.get();
}

// A scratch directory of migration files, removed afterwards.
class MigrationDir {
 public:
  MigrationDir()
      : path_(std::filesystem::temp_directory_path() /
              ("comptoir-migrations-" + core::random_hex(8))) {
    std::filesystem::create_directories(path_);
  }
  MigrationDir(const MigrationDir&) = delete;
  MigrationDir& operator=(const MigrationDir&) = delete;
  ~MigrationDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  void write(const std::string& filename, const std::string& sql) const {
    std::ofstream(path_ / filename, std::ios::binary | std::ios::trunc) << sql;
  }
  void remove(const std::string& filename) const { std::filesystem::remove(path_ / filename); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace comptoir::db::test
