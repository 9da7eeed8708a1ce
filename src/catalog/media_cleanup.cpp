#include "catalog/media_cleanup.hpp"

#include "catalog/catalog_repository.hpp"
#include "media/image_pipeline.hpp"
#include "media/pending_files.hpp"
#include "observe/log.hpp"

namespace comptoir::catalog {

std::size_t clean_up_pictures(db::Connection& connection, const std::filesystem::path& media_dir,
                              std::chrono::seconds stale_after) {
  CatalogRepository repo(connection);
  std::size_t removed = 0;
  for (const auto& note : media::stale_notes(media_dir, stale_after)) {
    if (!note.image_path.empty() && !repo.media_path_in_use(note.image_path))
      removed += media::remove_image_files(media_dir, note.image_path);
    media::settle(note);
  }
  return removed;
}

jobs::Job media_cleanup_job(std::filesystem::path media_dir) {
  return {.name = "catalog.media_cleanup",
          .every = std::chrono::minutes{10},
          .jitter = std::chrono::seconds{30},
          .exclusive = false,
          .run = [media_dir = std::move(media_dir)](db::Connection& connection) {
            if (auto removed = clean_up_pictures(connection, media_dir); removed > 0)
              observe::info("files of unrecorded pictures removed",
                            {{"files", removed}, {"media_dir", media_dir.string()}});
          }};
}

}  // namespace comptoir::catalog
