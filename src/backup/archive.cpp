#include "backup/archive.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <istream>
#include <ostream>

namespace comptoir::backup {
namespace {

constexpr std::size_t kAbytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t kStreamHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kCheckBytes = 32;
constexpr std::size_t kMaxNameBytes = 4096;
// The largest message a writer makes: a 'B' record (kind, mtime, name) or a full content chunk.
constexpr std::size_t kMaxMessageBytes = 1 + kChunkBytes + kMaxNameBytes + 16 + kAbytes;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'b', 'a', 'c', 'k', 'u', 'p', 'v', '1'};
constexpr std::string_view kKeyCheckText = "comptoir backup key check";

constexpr unsigned char kBegin = 'B';
constexpr unsigned char kContent = 'C';
constexpr unsigned char kManifest = 'M';

using FileKey = std::array<unsigned char, crypto_secretstream_xchacha20poly1305_KEYBYTES>;
using KeyCheck = std::array<unsigned char, kCheckBytes>;

void sodium_ready() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

FileKey derive(const core::SecretKey& key, std::uint64_t subkey_id) {
  static_assert(core::kSecretKeyBytes == crypto_kdf_KEYBYTES);
  FileKey out{};
  crypto_kdf_derive_from_key(out.data(), out.size(), subkey_id, kKdfContext, key.bytes.data());
  return out;
}

KeyCheck key_check(const FileKey& key) {
  KeyCheck out{};
  crypto_generichash(out.data(), out.size(),
                     reinterpret_cast<const unsigned char*>(kKeyCheckText.data()),
                     kKeyCheckText.size(), key.data(), key.size());
  return out;
}

void put_le(std::vector<unsigned char>& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

std::uint64_t get_le(const unsigned char* in, int bytes) {
  std::uint64_t value = 0;
  for (int i = bytes - 1; i >= 0; --i) value = (value << 8) | in[i];
  return value;
}

std::string hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

std::string finish_hash(crypto_hash_sha256_state& state) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  return hex(digest);
}

// Reads exactly `size` bytes; false when the stream ends first.
bool read_exact(std::istream& in, unsigned char* out, std::size_t size) {
  in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(size));
  return static_cast<std::size_t>(in.gcount()) == size;
}

[[noreturn]] void fail(ArchiveProblem problem, const std::string& message) {
  throw ArchiveError(problem, message);
}

struct ParsedHeader {
  std::string key_id;
  std::uint64_t subkey_id = 0;
  KeyCheck check{};
  std::array<unsigned char, kStreamHeaderBytes> stream{};
  std::vector<unsigned char> bytes;  // all of it, the first message's associated data
};

ParsedHeader parse_header(std::istream& in) {
  ParsedHeader header;
  header.bytes.resize(kMagic.size() + 1);
  if (!read_exact(in, header.bytes.data(), header.bytes.size()) ||
      std::string_view(reinterpret_cast<const char*>(header.bytes.data()), kMagic.size()) !=
          kMagic) {
    if (in.bad()) fail(ArchiveProblem::io, "the file cannot be read");
    fail(ArchiveProblem::not_a_backup,
         "this is not a Comptoir backup (or one of a format this version cannot read)");
  }
  std::size_t id_size = header.bytes.back();
  std::vector<unsigned char> rest(id_size + 8 + kCheckBytes + kStreamHeaderBytes);
  if (id_size == 0 || !read_exact(in, rest.data(), rest.size()))
    fail(ArchiveProblem::truncated, "the file ends inside its header: it is truncated");
  header.bytes.insert(header.bytes.end(), rest.begin(), rest.end());
  const unsigned char* at = rest.data();
  header.key_id.assign(reinterpret_cast<const char*>(at), id_size);
  at += id_size;
  header.subkey_id = get_le(at, 8);
  at += 8;
  std::copy_n(at, kCheckBytes, header.check.begin());
  at += kCheckBytes;
  std::copy_n(at, kStreamHeaderBytes, header.stream.begin());
  return header;
}

}  // namespace

bool valid_entry_name(PartKind kind, std::string_view name) {
  if (kind == PartKind::database) return name == kDatabasePart;
  if (!name.starts_with(kMediaPrefix) || name.size() > kMaxNameBytes) return false;
  auto path = name.substr(kMediaPrefix.size());
  if (path.empty()) return false;
  while (true) {
    auto slash = path.find('/');
    auto segment = path.substr(0, slash);
    if (segment.empty() || segment.front() == '.' ||
        segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos)
      return false;
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

ArchiveWriter::ArchiveWriter(std::ostream& out, const core::SecretKey& key) : out_(out) {
  sodium_ready();
  if (key.id.empty() || key.id.size() > 255)
    throw std::invalid_argument("a backup key id has 1 to 255 bytes");
  std::uint64_t subkey_id = 0;
  randombytes_buf(&subkey_id, sizeof subkey_id);
  key_ = derive(key, subkey_id);
  std::array<unsigned char, kStreamHeaderBytes> stream{};
  crypto_secretstream_xchacha20poly1305_init_push(&state_, stream.data(), key_.data());

  header_.assign(kMagic.begin(), kMagic.end());
  header_.push_back(static_cast<unsigned char>(key.id.size()));
  header_.insert(header_.end(), key.id.begin(), key.id.end());
  put_le(header_, subkey_id, 8);
  auto check = key_check(key_);
  header_.insert(header_.end(), check.begin(), check.end());
  header_.insert(header_.end(), stream.begin(), stream.end());
  out_.write(reinterpret_cast<const char*>(header_.data()),
             static_cast<std::streamsize>(header_.size()));
  written_ = header_.size();
  if (!out_) fail(ArchiveProblem::io, "cannot write the backup file");
}

ArchiveWriter::~ArchiveWriter() {
  sodium_memzero(key_.data(), key_.size());
  sodium_memzero(&state_, sizeof state_);
}

void ArchiveWriter::seal(unsigned char record, std::span<const unsigned char> body,
                         unsigned char tag) {
  message_.assign(1, record);
  message_.insert(message_.end(), body.begin(), body.end());
  cipher_.resize(message_.size() + kAbytes);
  unsigned long long cipher_size = 0;
  crypto_secretstream_xchacha20poly1305_push(&state_, cipher_.data(), &cipher_size, message_.data(),
                                             message_.size(), first_ ? header_.data() : nullptr,
                                             first_ ? header_.size() : 0, tag);
  first_ = false;
  std::vector<unsigned char> length;
  put_le(length, cipher_size, 4);
  out_.write(reinterpret_cast<const char*>(length.data()), 4);
  out_.write(reinterpret_cast<const char*>(cipher_.data()),
             static_cast<std::streamsize>(cipher_size));
  written_ += 4 + cipher_size;
  if (!out_) fail(ArchiveProblem::io, "cannot write the backup file");
}

void ArchiveWriter::begin_entry(PartKind kind, std::string_view name, std::int64_t mtime) {
  if (!valid_entry_name(kind, name))
    throw std::invalid_argument(fmt::format("'{}' cannot be stored in a backup", name));
  end_entry();
  current_ = Part{.name = std::string(name), .kind = kind, .size = 0, .sha256 = {}, .mtime = mtime};
  crypto_hash_sha256_init(&hash_);
  open_entry_ = true;
  std::vector<unsigned char> body{kind == PartKind::database ? static_cast<unsigned char>('D')
                                                             : static_cast<unsigned char>('F')};
  put_le(body, static_cast<std::uint64_t>(mtime), 8);
  body.insert(body.end(), name.begin(), name.end());
  seal(kBegin, body, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
}

void ArchiveWriter::write(std::span<const unsigned char> bytes) {
  if (!open_entry_) throw std::logic_error("ArchiveWriter::write outside an entry");
  crypto_hash_sha256_update(&hash_, bytes.data(), bytes.size());
  current_.size += bytes.size();
  while (!bytes.empty()) {
    auto piece = bytes.first(std::min(bytes.size(), kChunkBytes));
    seal(kContent, piece, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    bytes = bytes.subspan(piece.size());
  }
}

void ArchiveWriter::end_entry() {
  if (!open_entry_) return;
  current_.sha256 = finish_hash(hash_);
  parts_.push_back(std::move(current_));
  open_entry_ = false;
}

Manifest ArchiveWriter::finish(Manifest manifest) {
  end_entry();
  manifest.parts = parts_;
  auto text = to_json(manifest);
  std::span<const unsigned char> bytes(reinterpret_cast<const unsigned char*>(text.data()),
                                       text.size());
  // In pieces, like content: a manifest of many files stays within the message size a reader
  // accepts.
  while (true) {
    auto piece = bytes.first(std::min(bytes.size(), kChunkBytes));
    bytes = bytes.subspan(piece.size());
    seal(kManifest, piece,
         bytes.empty() ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    if (bytes.empty()) break;
  }
  out_.flush();
  if (!out_) fail(ArchiveProblem::io, "cannot write the backup file");
  return manifest;
}

ArchiveHeader read_header(std::istream& in) {
  return {parse_header(in).key_id};
}

Manifest read_archive(std::istream& in, const core::SecretKeys& keys, const EntrySink& sink,
                      const std::function<void(std::uint64_t)>& progress) {
  sodium_ready();
  auto header = parse_header(in);
  const core::SecretKey* key = keys.find(header.key_id);
  if (key == nullptr) {
    std::vector<std::string> ids;
    for (const auto& k : keys.all()) ids.push_back(k.id);
    fail(ArchiveProblem::unknown_key,
         fmt::format("this backup was made with the key '{}', which COMPTOIR_SECRET_KEYS does not "
                     "hold (it holds {}): add that key to COMPTOIR_SECRET_KEYS to restore it",
                     header.key_id, fmt::join(ids, ", ")));
  }
  FileKey file_key = derive(*key, header.subkey_id);
  auto check = key_check(file_key);
  if (sodium_memcmp(check.data(), header.check.data(), check.size()) != 0)
    fail(ArchiveProblem::wrong_key,
         fmt::format("this backup does not open with the key '{}' of COMPTOIR_SECRET_KEYS: that "
                     "key is not the one it was made with, or the file's header was altered",
                     header.key_id));
  crypto_secretstream_xchacha20poly1305_state state{};
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state, header.stream.data(),
                                                      file_key.data()) != 0)
    fail(ArchiveProblem::corrupted, "the file's header is corrupted");
  sodium_memzero(file_key.data(), file_key.size());

  std::uint64_t offset = header.bytes.size();
  std::vector<unsigned char> cipher;
  std::vector<unsigned char> message(kMaxMessageBytes);
  std::vector<Part> seen;
  Part current;
  bool in_entry = false;
  crypto_hash_sha256_state hash{};
  std::string manifest_text;
  bool first = true;
  std::size_t index = 0;
  auto end_entry = [&] {
    if (!in_entry) return;
    current.sha256 = finish_hash(hash);
    if (sink.end) sink.end(current);
    seen.push_back(std::move(current));
    in_entry = false;
  };
  auto inconsistent = [&](std::string_view what) {
    fail(ArchiveProblem::inconsistent,
         fmt::format("the backup is authentic but malformed ({}, message {}): it was not written "
                     "by Comptoir's backup",
                     what, index));
  };

  while (true) {
    unsigned char length_bytes[4];
    in.read(reinterpret_cast<char*>(length_bytes), 4);
    if (in.bad()) fail(ArchiveProblem::io, "the file cannot be read");
    if (in.gcount() != 4)
      fail(ArchiveProblem::truncated,
           fmt::format("the file ends after {} bytes, before its final message: it is truncated",
                       offset + static_cast<std::uint64_t>(in.gcount())));
    auto length = static_cast<std::size_t>(get_le(length_bytes, 4));
    if (length <= kAbytes || length > kMaxMessageBytes)
      fail(ArchiveProblem::corrupted,
           fmt::format("the file is corrupted at byte {} (an impossible message length)", offset));
    cipher.resize(length);
    if (!read_exact(in, cipher.data(), length)) {
      if (in.bad()) fail(ArchiveProblem::io, "the file cannot be read");
      fail(ArchiveProblem::truncated,
           fmt::format("the file ends inside the message at byte {}: it is truncated", offset));
    }
    unsigned long long size = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &state, message.data(), &size, &tag, cipher.data(), cipher.size(),
            first ? header.bytes.data() : nullptr, first ? header.bytes.size() : 0) != 0)
      fail(ArchiveProblem::corrupted,
           fmt::format("the file is corrupted: the message at byte {} fails authentication (its "
                       "bytes were altered)",
                       offset));
    first = false;
    offset += 4 + length;
    ++index;
    if (progress) progress(offset);
    if (size == 0) inconsistent("an empty message");
    std::span<const unsigned char> body(message.data() + 1, static_cast<std::size_t>(size) - 1);
    const bool final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    switch (message[0]) {
      case kBegin: {
        if (!manifest_text.empty() || body.size() < 9) inconsistent("a misplaced entry");
        end_entry();
        if (body[0] != 'D' && body[0] != 'F') inconsistent("an entry of an unknown kind");
        current = Part{
            .name = std::string(reinterpret_cast<const char*>(body.data() + 9), body.size() - 9),
            .kind = body[0] == 'D' ? PartKind::database : PartKind::media,
            .size = 0,
            .sha256 = {},
            .mtime = static_cast<std::int64_t>(get_le(body.data() + 1, 8))};
        if (!valid_entry_name(current.kind, current.name))
          inconsistent(fmt::format("an entry named '{}'", current.name));
        crypto_hash_sha256_init(&hash);
        in_entry = true;
        if (sink.begin) sink.begin(current);
        break;
      }
      case kContent:
        if (!in_entry) inconsistent("content outside an entry");
        crypto_hash_sha256_update(&hash, body.data(), body.size());
        current.size += body.size();
        if (sink.write) sink.write(body);
        break;
      case kManifest:
        end_entry();
        manifest_text.append(reinterpret_cast<const char*>(body.data()), body.size());
        break;
      default:
        inconsistent("a record of an unknown type");
    }
    if (final) {
      if (message[0] != kManifest) inconsistent("a final message that is not the manifest");
      break;
    }
  }
  if (in.peek() != std::char_traits<char>::eof())
    fail(ArchiveProblem::corrupted,
         fmt::format("the file goes on after its final message at byte {}: bytes were added",
                     offset));

  auto manifest = manifest_from_json(manifest_text);
  if (!manifest) inconsistent("an unreadable manifest");
  if (manifest->key_id != header.key_id) inconsistent("the manifest names another key");
  if (manifest->parts.size() != seen.size())
    inconsistent(fmt::format("the manifest lists {} parts, the file holds {}",
                             manifest->parts.size(), seen.size()));
  std::size_t databases = 0;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const Part& listed = manifest->parts[i];
    const Part& found = seen[i];
    if (listed.name != found.name || listed.kind != found.kind || listed.mtime != found.mtime)
      inconsistent(fmt::format("part {} is '{}' in the file, '{}' in the manifest", i + 1,
                               found.name, listed.name));
    if (listed.size != found.size || listed.sha256 != found.sha256)
      fail(ArchiveProblem::inconsistent,
           fmt::format("the checksum of '{}' does not match the manifest (size {}, SHA-256 {}; "
                       "expected size {}, SHA-256 {})",
                       found.name, found.size, found.sha256, listed.size, listed.sha256));
    if (found.kind == PartKind::database) ++databases;
  }
  if (databases != 1) inconsistent("not exactly one database dump");
  return *manifest;
}

}  // namespace comptoir::backup
