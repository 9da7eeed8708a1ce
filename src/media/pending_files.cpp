#include "media/pending_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "core/random.hpp"

namespace comptoir::media {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFolder = ".pending";
constexpr std::string_view kTemporary = ".tmp";

}  // namespace

PendingNote note_pending(const fs::path& media_dir, std::string_view image_path) {
  auto folder = media_dir / kFolder;
  fs::create_directories(folder);
  PendingNote note{.file = folder / core::random_hex(16), .image_path = std::string(image_path)};
  auto temporary = note.file;
  temporary += kTemporary;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << note.image_path << '\n';
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error(fmt::format("could not write {}", temporary.string()));
    }
  }
  fs::rename(temporary, note.file);
  return note;
}

void settle(const PendingNote& note) {
  std::error_code ignored;
  fs::remove(note.file, ignored);
}

std::vector<PendingNote> stale_notes(const fs::path& media_dir, std::chrono::seconds age) {
  std::vector<PendingNote> notes;
  auto before = fs::file_time_type::clock::now() - age;
  std::error_code ec;
  for (fs::directory_iterator it(media_dir / kFolder, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec) || it->last_write_time(entry_ec) > before || entry_ec)
      continue;
    PendingNote note{.file = it->path(), .image_path = {}};
    if (it->path().extension() != kTemporary) {  // a temporary holds no complete path
      std::ifstream in(it->path(), std::ios::binary);
      std::getline(in, note.image_path);
      if (in.bad()) continue;
    }
    notes.push_back(std::move(note));
  }
  std::ranges::sort(notes, {}, [](const PendingNote& note) { return note.file; });
  return notes;
}

}  // namespace comptoir::media
