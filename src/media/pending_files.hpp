#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

// Notes of image files whose fate is not settled yet: written under MEDIA_DIR/.pending/ (a hidden
// folder, never served) before an upload is stored or before a delete commits, removed once the
// database row names the files or the files are gone. A process that dies in between (after some
// variants were written, or after the delete committed) leaves its note: a periodic job finds the
// notes older than any request and removes the files no row names (catalog.media_cleanup).
namespace comptoir::media {

struct PendingNote {
  std::filesystem::path file;  // the note itself
  std::string image_path;      // relative to MEDIA_DIR, as store_image takes it
};

// Writes a note for `image_path` (written whole: to a temporary name, then renamed). Throws when
// it cannot be written: the caller must not go on and write files nobody would clean up.
PendingNote note_pending(const std::filesystem::path& media_dir, std::string_view image_path);

// Removes the note: its files are named by a row, or removed. Never throws.
void settle(const PendingNote& note);

// The notes written more than `age` ago (what a crash left), and the temporaries of notes that
// were never renamed. Unreadable notes are skipped. Never throws.
std::vector<PendingNote> stale_notes(const std::filesystem::path& media_dir,
                                     std::chrono::seconds age);

}  // namespace comptoir::media
