#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/random.hpp"
#include "db/migration_set.hpp"

namespace comptoir::db {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ScratchDir {
 public:
  ScratchDir()
      : path_(std::filesystem::temp_directory_path() / ("comptoir-unit-" + core::random_hex(8))) {
    std::filesystem::create_directories(path_);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  void write(const std::string& filename, const std::string& content) const {
    std::ofstream(path_ / filename, std::ios::binary) << content;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::vector<std::string> filenames(const MigrationSet& set) {
  std::vector<std::string> names;
  for (const auto& file : set.files()) names.push_back(file.filename);
  return names;
}

TEST(MigrationFilename, ReadsVersionAndName) {
  const auto parsed = parse_migration_filename("0001_foundation.sql");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->version, 1);
  EXPECT_EQ(parsed->name, "foundation");

  const auto wide = parse_migration_filename("123456789_add_2fa_secrets.sql");
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->version, 123456789);
  EXPECT_EQ(wide->name, "add_2fa_secrets");
}

TEST(MigrationFilename, RejectsAnythingElse) {
  for (const char* bad : {"001_short.sql", "1234567890_too_long.sql", "0001-dash.sql", "0001_.sql",
                          "0001_Capital.sql", "0001_space name.sql", "0001_x.SQL", "abcd_x.sql",
                          "0001.sql", "0001_x.sql.bak", "0001_x.sq", "_0001_x.sql"}) {
    EXPECT_FALSE(parse_migration_filename(bad)) << bad;
  }
}

TEST(MigrationChecksum, IsTheSha256OfTheBytes) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(MigrationSet, OrdersByNumberNotByText) {
  ScratchDir dir;
  dir.write("00011_eleventh.sql", "SELECT 11;");
  dir.write("0003_third.sql", "SELECT 3;");
  dir.write("0001_first.sql", "SELECT 1;");

  const MigrationSet set = MigrationSet::load(dir.path());

  EXPECT_THAT(filenames(set),
              ElementsAre("0001_first.sql", "0003_third.sql", "00011_eleventh.sql"));
  EXPECT_EQ(set.files()[1].sql, "SELECT 3;");
  EXPECT_EQ(set.files()[1].checksum, sha256_hex("SELECT 3;"));
}

TEST(MigrationSet, IgnoresFilesThatAreNotSql) {
  ScratchDir dir;
  dir.write("0001_first.sql", "SELECT 1;");
  dir.write("README.md", "How to write a migration");
  std::filesystem::create_directory(dir.path() / "0002_folder.sql");

  EXPECT_THAT(filenames(MigrationSet::load(dir.path())), ElementsAre("0001_first.sql"));
}

TEST(MigrationSet, BadlyNamedSqlFileIsAnError) {
  ScratchDir dir;
  dir.write("0001_first.sql", "SELECT 1;");
  dir.write("add_users.sql", "SELECT 2;");

  try {
    MigrationSet::load(dir.path());
    FAIL() << "add_users.sql was accepted";
  } catch (const MigrationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("add_users.sql"));
    EXPECT_THAT(e.what(), HasSubstr("0001_short_name.sql"));
  }
}

TEST(MigrationSet, ReusedNumberIsAnError) {
  ScratchDir dir;
  dir.write("0002_products.sql", "SELECT 1;");
  dir.write("00002_orders.sql", "SELECT 2;");

  try {
    MigrationSet::load(dir.path());
    FAIL() << "two migrations numbered 2 were accepted";
  } catch (const MigrationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("00002_orders.sql and 0002_products.sql"));
  }
}

TEST(MigrationSet, MissingDirectoryIsAnError) {
  EXPECT_THROW(MigrationSet::load("/nonexistent/comptoir/migrations"), MigrationError);
}

class MigrationStatusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("0001_first.sql", "SELECT 1;");
    dir_.write("0002_second.sql", "SELECT 2;");
    dir_.write("0003_third.sql", "SELECT 3;");
    set_ = MigrationSet::load(dir_.path());
  }

  AppliedMigration applied(int index) const {
    const MigrationFile& file = set_.files().at(static_cast<std::size_t>(index));
    return {file.version, file.filename, file.checksum};
  }

  ScratchDir dir_;
  MigrationSet set_;
};

TEST_F(MigrationStatusTest, UnappliedFilesArePending) {
  const MigrationStatus status = set_.status({applied(0)});

  EXPECT_EQ(status.applied.size(), 1u);
  ASSERT_EQ(status.pending.size(), 2u);
  EXPECT_EQ(status.pending[0].filename, "0002_second.sql");
  EXPECT_TRUE(status.problems.empty());
  EXPECT_FALSE(status.current());
}

TEST_F(MigrationStatusTest, AllAppliedIsCurrent) {
  EXPECT_TRUE(set_.status({applied(2), applied(0), applied(1)}).current());
}

TEST_F(MigrationStatusTest, EditedFileIsAProblem) {
  AppliedMigration edited = applied(1);
  edited.checksum = sha256_hex("SELECT 'before';");

  const MigrationStatus status = set_.status({applied(0), edited, applied(2)});

  ASSERT_EQ(status.problems.size(), 1u);
  EXPECT_EQ(status.problems[0],
            "migration 0002_second.sql was edited after it was applied (recorded checksum " +
                edited.checksum.substr(0, 12) + "…, file now " +
                set_.files()[1].checksum.substr(0, 12) +
                "…); restore the file and put the change in a new migration");
  EXPECT_FALSE(status.current());
}

TEST_F(MigrationStatusTest, AppliedMigrationWithoutItsFileIsAProblem) {
  const AppliedMigration removed{2, "0002_removed.sql", sha256_hex("SELECT 'gone';")};
  std::filesystem::remove(dir_.path() / "0002_second.sql");
  const MigrationSet set = MigrationSet::load(dir_.path());

  const MigrationStatus status = set.status({applied(0), removed, applied(2)});

  ASSERT_EQ(status.problems.size(), 1u);
  EXPECT_THAT(status.problems[0],
              HasSubstr("0002_removed.sql was applied but its file is missing"));
}

TEST_F(MigrationStatusTest, MigrationsFromANewerReleaseAreNotAProblem) {
  const AppliedMigration newer{4, "0004_from_next_release.sql", sha256_hex("SELECT 4;")};

  const MigrationStatus status = set_.status({applied(0), applied(1), applied(2), newer});

  EXPECT_TRUE(status.current());
  ASSERT_EQ(status.newer.size(), 1u);
  EXPECT_EQ(status.newer[0].name, "0004_from_next_release.sql");
}

TEST_F(MigrationStatusTest, FileNumberedBelowAnAppliedOneIsAProblem) {
  const MigrationStatus status = set_.status({applied(0), applied(2)});

  ASSERT_EQ(status.problems.size(), 1u);
  EXPECT_THAT(status.problems[0], HasSubstr("0002_second.sql is numbered below 0003_third.sql"));
}

}  // namespace
}  // namespace comptoir::db
