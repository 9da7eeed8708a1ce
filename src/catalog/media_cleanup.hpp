#pragma once

#include <chrono>
#include <filesystem>

#include "jobs/job.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::catalog {

// A note (media/pending_files.hpp) this old belongs to a write that died: no request lasts an
// hour, even one queued behind others for the pictures' worker.
inline constexpr std::chrono::seconds kStalePictureNote = std::chrono::hours{1};

// Follows the stale notes under `media_dir`: removes the files of each picture that no row names
// (an upload that died before its row was written, a delete that died before removing them),
// then the note. Returns how many files went.
std::size_t clean_up_pictures(db::Connection& connection, const std::filesystem::path& media_dir,
                              std::chrono::seconds stale_after = kStalePictureNote);

// catalog.media_cleanup: clean_up_pictures every 10 minutes, in every process (MEDIA_DIR may be
// one per host; removing a file twice does no harm).
jobs::Job media_cleanup_job(std::filesystem::path media_dir);

}  // namespace comptoir::catalog
