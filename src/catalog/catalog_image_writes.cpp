// CatalogService: a product's pictures — metadata of files already in place, uploads stored by the
// media pipeline, and the files of pictures no row names any more.
#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "catalog/catalog_service.hpp"
#include "catalog/validation.hpp"
#include "catalog/write_support.hpp"
#include "core/offload.hpp"
#include "core/random.hpp"
#include "db/database.hpp"
#include "media/image_pipeline.hpp"
#include "media/pending_files.hpp"

namespace comptoir::catalog {
namespace {

CatalogError too_many_images() {
  return CatalogError::invalid({{"", "catalog.error.too_many", std::to_string(kMaxImages)}});
}

// A refused picture: its own code (catalog.error.image_<code>) as the summary and on `file`.
CatalogError refused(media::ImageRefusal refusal) {
  auto key = fmt::format("catalog.error.image_{}", media::code(refusal));
  std::string value;
  if (refusal == media::ImageRefusal::too_large)
    value = std::to_string(media::kMaxPixels / 1'000'000);  // megapixels
  return CatalogError::refused(key, {{"file", key, value}});
}

// What storing a picture came to: its files, or why it was refused.
struct Stored {
  media::StoredImage image;
  std::optional<media::ImageRefusal> refusal;
};

// Runs on the pictures' pool (a plain function object: see core/offload.hpp).
struct StoreJob {
  const std::filesystem::path& media_dir;
  std::string_view bytes;
  const std::string& path;

  Stored operator()() const {
    try {
      return {media::store_image(media_dir, bytes, path), std::nullopt};
    } catch (const media::ImageError& e) {
      if (!e.refusal()) throw;
      return {{}, e.refusal()};
    }
  }
};

}  // namespace

net::awaitable<CatalogService::Result<CatalogService::ProductChange>> CatalogService::create_image(
    std::int64_t product_id, ImageInput input, std::optional<int> expected_version,
    std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  co_return co_await writes::run<ProductChange>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = writes::lock(repo, product_id, expected_version);
    Image base;
    base.position = writes::next_position(current.images);
    auto image = apply(input, base);
    FieldErrors errors;
    check_image(input, image, true, "", errors);
    if (current.images.size() >= kMaxImages)
      errors.push_back({"", "catalog.error.too_many", std::to_string(kMaxImages)});
    writes::fail_if(std::move(errors));
    auto image_id = repo.insert_image(product_id, image);
    repo.touch_product(product_id);
    auto after = writes::reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return ProductChange{after, image_id};
  });
}

net::awaitable<CatalogService::Result<CatalogService::ProductChange>>
CatalogService::add_uploaded_image(std::int64_t product_id, ImageUpload upload,
                                   std::optional<int> expected_version,
                                   std::optional<Author> author) {
  // What costs nothing first: no picture is decoded for a product that does not exist or is full.
  FieldErrors errors;
  check_upload(upload, errors);
  if (!errors.empty()) co_return std::unexpected(CatalogError::invalid(std::move(errors)));
  // On the primary: a product created a moment ago may not have reached a replica yet.
  auto pictures = co_await state_->db.transact(
      [product_id](db::Connection& connection) -> std::optional<std::size_t> {
        auto found = CatalogRepository(connection).product(product_id);
        return found ? std::optional(found->images.size()) : std::nullopt;
      });
  if (!pictures)
    co_return std::unexpected(CatalogError::not_found(std::string(writes::kProductNotFound)));
  if (*pictures >= kMaxImages) co_return std::unexpected(too_many_images());

  const auto& media_dir = state_->media_dir;
  const auto path = fmt::format("products/{}/{}.jpg", product_id, core::random_hex(16));
  // Noted before the first byte is written: a crash from here on leaves a note, not litter.
  const auto note = media::note_pending(media_dir, path);
  std::exception_ptr failure;
  std::optional<Stored> stored;
  std::optional<Result<ProductChange>> inserted;
  try {
    StoreJob job{media_dir, upload.bytes, path};
    stored = co_await core::run_on<Stored>(state_->images, job);
    if (!stored->refusal) {
      const auto& picture = stored->image;
      const auto drop = CacheDrop::product_write(product_id);
      inserted = co_await writes::run<ProductChange>(*state_, drop, [&](CatalogRepository& repo) {
        auto locked = writes::lock(repo, product_id, expected_version);
        if (locked.images.size() >= kMaxImages) writes::reject(too_many_images());
        Image image{.id = 0,
                    .path = picture.path,
                    .width = picture.width,
                    .height = picture.height,
                    .alt = upload.alt,
                    .position = writes::next_position(locked.images)};
        auto image_id = repo.insert_image(product_id, image);
        repo.touch_product(product_id);
        auto after = writes::reload(repo, product_id);
        writes::record(repo, author, "product.updated", product_id, &locked, after.get());
        return ProductChange{after, image_id};
      });
    }
  } catch (...) {
    failure = std::current_exception();
  }
  // Stored but not recorded (If-Match, a product deleted meanwhile, a database fault): the files
  // go. store_image itself leaves nothing when it fails.
  if (stored && !stored->refusal && !(inserted && *inserted))
    media::remove_image_files(media_dir, path);
  media::settle(note);
  if (failure) std::rethrow_exception(failure);
  if (stored->refusal) co_return std::unexpected(refused(*stored->refusal));
  co_return std::move(*inserted);
}

namespace {

// A picture's change, and the files it left that no row names (removed once it commits).
struct PictureChange {
  CatalogService::ProductChange change;
  std::vector<media::PendingNote> orphans;
};

CatalogService::Result<CatalogService::ProductChange> finish(
    const std::filesystem::path& media_dir, CatalogService::Result<PictureChange> done) {
  if (!done) return std::unexpected(std::move(done.error()));
  writes::remove_files(media_dir, done->orphans);
  return std::move(done->change);
}

}  // namespace

net::awaitable<CatalogService::Result<CatalogService::ProductChange>> CatalogService::update_image(
    std::int64_t product_id, std::int64_t image_id, ImageInput patch,
    std::optional<int> expected_version, std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  auto updated = co_await writes::run<PictureChange>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = writes::lock(repo, product_id, expected_version);
    auto it = std::ranges::find(current.images, image_id, &Image::id);
    if (it == current.images.end())
      writes::reject(CatalogError::not_found("catalog.error.image_not_found"));
    auto image = apply(patch, *it);
    FieldErrors errors;
    check_image(patch, image, false, "", errors);
    writes::fail_if(std::move(errors));
    repo.update_image(image);
    repo.touch_product(product_id);
    std::vector<std::string> replaced;
    if (image.path != it->path) replaced.push_back(it->path);
    auto orphans = writes::orphaned_files(repo, state_->media_dir, std::move(replaced));
    auto after = writes::reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return PictureChange{{after, image_id}, std::move(orphans)};
  });
  co_return finish(state_->media_dir, std::move(updated));
}

net::awaitable<CatalogService::Result<CatalogService::ProductPtr>> CatalogService::reorder_images(
    std::int64_t product_id, std::vector<std::int64_t> image_ids,
    std::optional<int> expected_version, std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  co_return co_await writes::run<ProductPtr>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = writes::lock(repo, product_id, expected_version);
    std::vector<std::int64_t> present;
    for (const auto& image : current.images) present.push_back(image.id);
    auto asked = image_ids;
    std::ranges::sort(present);
    std::ranges::sort(asked);
    if (asked != present) writes::fail_if({{"image_ids", "catalog.error.image_order", {}}});
    repo.set_image_order(product_id, image_ids);
    repo.touch_product(product_id);
    auto after = writes::reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return after;
  });
}

net::awaitable<CatalogService::Result<CatalogService::ProductChange>> CatalogService::delete_image(
    std::int64_t product_id, std::int64_t image_id, std::optional<int> expected_version,
    std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  auto deleted = co_await writes::run<PictureChange>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = writes::lock(repo, product_id, expected_version);
    auto it = std::ranges::find(current.images, image_id, &Image::id);
    if (it == current.images.end() || !repo.delete_image(product_id, image_id))
      writes::reject(CatalogError::not_found("catalog.error.image_not_found"));
    repo.touch_product(product_id);
    auto orphans = writes::orphaned_files(repo, state_->media_dir, {it->path});
    auto after = writes::reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return PictureChange{{after, image_id}, std::move(orphans)};
  });
  co_return finish(state_->media_dir, std::move(deleted));
}

}  // namespace comptoir::catalog
