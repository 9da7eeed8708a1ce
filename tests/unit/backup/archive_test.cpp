#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "backup/archive.hpp"

namespace comptoir::backup {
namespace {

core::SecretKey key(std::string id, unsigned char fill) {
  core::SecretKey out{std::move(id), {}};
  out.bytes.fill(fill);
  return out;
}

std::span<const unsigned char> bytes_of(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

// A backup of a "dump" and two media files, as make_backup writes one.
std::string sample(const core::SecretKey& with, std::string dump = "PGDMP fake dump") {
  std::ostringstream out;
  ArchiveWriter writer(out, with);
  writer.begin_entry(PartKind::database, "database.dump");
  writer.write(bytes_of(dump));
  writer.begin_entry(PartKind::media, "media/products/1/1.jpg", 1'700'000'000);
  writer.write(bytes_of(std::string(200'000, 'x')));  // several content messages
  writer.begin_entry(PartKind::media, "media/products/1/1-320.webp", 1'700'000'001);
  writer.write(bytes_of("webp"));
  writer.finish({.comptoir_version = "0.1.0",
                 .comptoir_commit = "abc1234",
                 .created_at = "2026-12-02T05:15:00Z",
                 .key_id = with.id,
                 .schema_migration = "0008_payment_refusals.sql",
                 .server_version = "15.18",
                 .pg_dump_version = "pg_dump (PostgreSQL) 15.18"});
  return out.str();
}

std::string sha256_hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

struct Read {
  Manifest manifest;
  std::map<std::string, std::string> files;
};

Read read(const std::string& file, const core::SecretKeys& keys) {
  std::istringstream in(file);
  Read out;
  std::string current;
  out.manifest = read_archive(in, keys,
                              {.begin = [&](const Part& part) { current = part.name; },
                               .write =
                                   [&](std::span<const unsigned char> bytes) {
                                     out.files[current].append(
                                         reinterpret_cast<const char*>(bytes.data()), bytes.size());
                                   },
                               .end = {}});
  return out;
}

ArchiveProblem problem_reading(const std::string& file, const core::SecretKeys& keys) {
  try {
    read(file, keys);
  } catch (const ArchiveError& e) {
    return e.problem();
  }
  ADD_FAILURE() << "the file was read without error";
  return ArchiveProblem::io;
}

TEST(Archive, RoundTripGivesBackEveryPartAndItsChecksums) {
  auto k1 = key("k1", 1);
  auto file = sample(k1);
  EXPECT_TRUE(file.starts_with(kMagic));
  EXPECT_EQ(file.find("PGDMP"), std::string::npos) << "the dump is in clear";
  // After a rotation the old key is second in the list: its id picks it.
  auto got = read(file, core::SecretKeys({key("k2", 2), k1}));
  EXPECT_EQ(got.files["database.dump"], "PGDMP fake dump");
  EXPECT_EQ(got.files["media/products/1/1.jpg"], std::string(200'000, 'x'));
  EXPECT_EQ(got.files["media/products/1/1-320.webp"], "webp");
  ASSERT_EQ(got.manifest.parts.size(), 3u);
  EXPECT_EQ(got.manifest.parts[0].sha256, sha256_hex("PGDMP fake dump"));
  EXPECT_EQ(got.manifest.parts[2].sha256, sha256_hex("webp"));
  EXPECT_EQ(got.manifest.parts[1].size, 200'000u);
  EXPECT_EQ(got.manifest.parts[1].mtime, 1'700'000'000);
  EXPECT_EQ(got.manifest.schema_migration, "0008_payment_refusals.sql");
  EXPECT_EQ(got.manifest.key_id, "k1");
  std::istringstream header(file);
  EXPECT_EQ(read_header(header).key_id, "k1");
}

TEST(Archive, TheSameContentNeverGivesTheSameBytes) {
  auto k1 = key("k1", 1);
  EXPECT_NE(sample(k1), sample(k1)) << "each file has a key and a nonce of its own";
}

TEST(Archive, AKeyNotInTheListIsNamed) {
  auto file = sample(key("old", 1));
  try {
    read(file, core::SecretKeys({key("new", 2)}));
    FAIL() << "read without its key";
  } catch (const ArchiveError& e) {
    EXPECT_EQ(e.problem(), ArchiveProblem::unknown_key);
    EXPECT_NE(std::string(e.what()).find("'old'"), std::string::npos) << e.what();
  }
}

TEST(Archive, TheWrongKeyUnderTheRightIdIsRefused) {
  auto file = sample(key("k1", 1));
  EXPECT_EQ(problem_reading(file, core::SecretKeys({key("k1", 9)})), ArchiveProblem::wrong_key);
}

TEST(Archive, EveryAlteredByteIsCaught) {
  auto k1 = key("k1", 1);
  core::SecretKeys keys({k1});
  auto file = sample(k1);
  // Every byte of the header, then bytes spread over the messages, including the last one.
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < 120 && i < file.size(); ++i) positions.push_back(i);
  for (std::size_t i = 120; i < file.size(); i += 997) positions.push_back(i);
  positions.push_back(file.size() - 1);
  for (auto at : positions) {
    auto altered = file;
    altered[at] = static_cast<char>(altered[at] ^ 0x01);
    try {
      read(altered, keys);
      ADD_FAILURE() << "a flipped bit at byte " << at << " went unnoticed";
    } catch (const ArchiveError& e) {
      EXPECT_NE(e.problem(), ArchiveProblem::io) << at;
    }
  }
}

TEST(Archive, ATruncatedFileIsRefused) {
  auto k1 = key("k1", 1);
  core::SecretKeys keys({k1});
  auto file = sample(k1);
  for (std::size_t size : {std::size_t{0}, std::size_t{10}, kMagic.size() + 5, std::size_t{200},
                           file.size() / 2, file.size() - 1}) {
    auto problem = problem_reading(file.substr(0, size), keys);
    if (size < kMagic.size() + 1)
      EXPECT_EQ(problem, ArchiveProblem::not_a_backup) << size;
    else
      EXPECT_EQ(problem, ArchiveProblem::truncated) << size;
  }
}

TEST(Archive, BytesAddedAfterTheEndAreRefused) {
  auto k1 = key("k1", 1);
  EXPECT_EQ(problem_reading(sample(k1) + "x", core::SecretKeys({k1})), ArchiveProblem::corrupted);
}

TEST(Archive, AnotherFileIsNotABackup) {
  EXPECT_EQ(problem_reading("PGDMP\x01\x0e\x00", core::SecretKeys({key("k1", 1)})),
            ArchiveProblem::not_a_backup);
}

TEST(Archive, EntryNamesCannotLeaveTheMediaFolder) {
  EXPECT_TRUE(valid_entry_name(PartKind::database, "database.dump"));
  EXPECT_TRUE(valid_entry_name(PartKind::media, "media/products/42/1-640.webp"));
  for (auto bad : {"media/", "media/../etc/passwd", "media/a/../../b", "media//a", "media/.hidden",
                   "media/a/", "/etc/passwd", "database.dump", "media/a\\b"})
    EXPECT_FALSE(valid_entry_name(PartKind::media, bad)) << bad;
  EXPECT_FALSE(valid_entry_name(PartKind::database, "media/x"));
  std::ostringstream out;
  ArchiveWriter writer(out, key("k1", 1));
  EXPECT_THROW(writer.begin_entry(PartKind::media, "media/../x"), std::invalid_argument);
}

}  // namespace
}  // namespace comptoir::backup
