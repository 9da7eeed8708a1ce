#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "backup/manifest.hpp"
#include "core/secret_keys.hpp"

// The backup file: one stream, encrypted and authenticated with libsodium's
// crypto_secretstream_xchacha20poly1305 under a key derived from a key of COMPTOIR_SECRET_KEYS.
//
// Clear header (its bytes are the associated data of the first message, so none can change):
//   "comptoir-backup 1\n"          magic and format version
//   u8 N, N bytes                  id of the key of COMPTOIR_SECRET_KEYS it was made with
//   u64 LE                         KDF subkey id, random per file
//   32 bytes                       key check: BLAKE2b-256 of a constant, keyed with the file key
//   24 bytes                       secretstream header
// Then messages, each a u32 LE length and that many bytes of ciphertext. Every message holds one
// record: 'B' kind name (an entry begins), 'C' bytes (content of the current entry), and last,
// tagged FINAL, 'M' manifest (JSON). Nothing may follow it.
//
// The file key is crypto_kdf_derive_from_key(subkey id, "backupv1", secret key): a backup never
// uses the secret key itself, and each file has a key of its own.
namespace comptoir::backup {

inline constexpr std::string_view kMagic = "comptoir-backup 1\n";
inline constexpr std::size_t kChunkBytes = 64 * 1024;  // plaintext per content message

enum class ArchiveProblem {
  not_a_backup,  // no magic: another kind of file, or a format this version cannot read
  unknown_key,   // made with a key id that COMPTOIR_SECRET_KEYS does not hold
  wrong_key,     // the key with that id is not the one it was made with (or its header changed)
  corrupted,     // a message fails authentication: the bytes were altered
  truncated,     // the file ends before its final message
  inconsistent,  // authentic, but its records or checksums disagree with its manifest
  io,            // the file cannot be read or written
};

class ArchiveError : public std::runtime_error {
 public:
  ArchiveError(ArchiveProblem problem, const std::string& message)
      : std::runtime_error(message), problem_(problem) {}
  ArchiveProblem problem() const noexcept { return problem_; }

 private:
  ArchiveProblem problem_;
};

// Writes a backup to `out`. begin_entry, then write its content in pieces, then the next entry;
// finish writes the manifest (completed with every entry's size and SHA-256) and ends the stream.
class ArchiveWriter {
 public:
  ArchiveWriter(std::ostream& out, const core::SecretKey& key);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  void begin_entry(PartKind kind, std::string_view name, std::int64_t mtime = 0);
  void write(std::span<const unsigned char> bytes);
  // `manifest.parts` is filled in here (the rest is the caller's); returns the manifest written.
  Manifest finish(Manifest manifest);
  std::uint64_t bytes_written() const noexcept { return written_; }

 private:
  void end_entry();
  void seal(unsigned char record, std::span<const unsigned char> body, unsigned char tag);

  std::ostream& out_;
  std::array<unsigned char, crypto_secretstream_xchacha20poly1305_KEYBYTES> key_{};
  crypto_secretstream_xchacha20poly1305_state state_{};
  std::vector<unsigned char> header_;  // associated data of the first message
  std::vector<unsigned char> message_;
  std::vector<unsigned char> cipher_;
  bool first_ = true;
  bool open_entry_ = false;
  Part current_;
  crypto_hash_sha256_state hash_{};
  std::vector<Part> parts_;
  std::uint64_t written_ = 0;
};

// What a reader hands each entry's content to (restore writes it to disk; a check discards it).
struct EntrySink {
  std::function<void(const Part& part)> begin;  // name, kind, mtime; size and sha256 still empty
  std::function<void(std::span<const unsigned char>)> write;
  std::function<void(const Part& part)> end;  // with its size and SHA-256
};

// The clear header alone: enough to name the key a backup needs.
struct ArchiveHeader {
  std::string key_id;
};
ArchiveHeader read_header(std::istream& in);

// Reads a whole backup, checking every message's authentication, that the stream ends with its
// final message and nothing after it, and that the entries are exactly those of the manifest,
// with their sizes and SHA-256. Throws ArchiveError; returns the manifest. `progress` gets the
// bytes of the file read so far.
Manifest read_archive(std::istream& in, const core::SecretKeys& keys, const EntrySink& sink,
                      const std::function<void(std::uint64_t)>& progress = {});

// Whether `name` may be an entry: "database.dump", or "media/" then a relative path of non-empty
// segments that do not start with '.' (no "..", no hidden files), without NUL or backslash.
bool valid_entry_name(PartKind kind, std::string_view name);

}  // namespace comptoir::backup
