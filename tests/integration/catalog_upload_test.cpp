// CatalogService's pictures against PostgreSQL and the real libvips: uploads added at the end of
// the order, refusals and failed writes that leave no file, deletes that remove the files, and
// the cleanup of what a crash left.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <regex>

#include "catalog/media_cleanup.hpp"
#include "catalog/validation.hpp"
#include "catalog_test_support.hpp"
#include "media/media_paths.hpp"
#include "media/pending_files.hpp"

namespace comptoir::catalog::test {
namespace {

using media::test::encoded;
using media::test::files_under;
using namespace std::chrono_literals;

class CatalogUploads : public CatalogTest {
 protected:
  ImageUpload upload(const std::string& bytes, std::string fr = "Une théière",
                     std::string en = "A teapot") {
    ImageUpload out{.has_file = true, .bytes = bytes, .alt = {}};
    out.alt[Locale::fr] = std::move(fr);
    out.alt[Locale::en] = std::move(en);
    return out;
  }

  // The pictures' files under MEDIA_DIR, and apart from them the pending notes (none once every
  // write is over).
  std::vector<std::string> files() {
    auto all = files_under(media_dir());
    std::erase_if(all, [](const std::string& file) { return file.starts_with(".pending/"); });
    return all;
  }
  std::size_t notes() { return files_under(media_dir()).size() - files().size(); }

  std::size_t clean_up(std::chrono::seconds stale_after) {
    return run(database().transact(
        [&](db::Connection& c) { return clean_up_pictures(c, media_dir(), stale_after); }));
  }

  const std::string photo_ = encoded(900, 600, ".png");
};

TEST_F(CatalogUploads, AnUploadGoesAtTheEndUnderARandomNameWithItsAltTexts) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  ASSERT_TRUE(run(catalog().create_image(
      product->id, {.path = "products/x/seeded.jpg", .width = 10, .height = 10, .position = 7},
      std::nullopt)));

  auto added = run(catalog().add_uploaded_image(product->id, upload(photo_), std::nullopt));

  ASSERT_TRUE(added) << added.error().message_key;
  const auto& images = added->product->images;
  ASSERT_EQ(images.size(), 2u);
  const auto& image = images.back();
  EXPECT_EQ(image.id, added->subject_id);
  EXPECT_GT(image.position, 7);
  EXPECT_EQ(image.alt[Locale::fr], "Une théière");
  EXPECT_EQ(image.alt[Locale::en], "A teapot");
  EXPECT_EQ(image.width, 900);
  EXPECT_EQ(image.height, 600);
  EXPECT_TRUE(std::regex_match(
      image.path, std::regex("products/" + std::to_string(product->id) + "/[0-9a-f]{32}\\.jpg")))
      << image.path;
  EXPECT_EQ(files(), (std::vector<std::string>{media::variant_path(image.path, 320),
                                               media::variant_path(image.path, 640), image.path}));
  EXPECT_GT(added->product->version, product->version);
}

TEST_F(CatalogUploads, ARefusedPictureIsAnInvalidFileWithItsOwnCodeAndNoFile) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  for (const auto& [bytes, key] : std::vector<std::pair<std::string, std::string>>{
           {photo_ + "<script>alert(1)</script>", "catalog.error.image_polyglot"},
           {"<svg onload=alert(1)>", "catalog.error.image_markup"},
           {"", "catalog.error.image_empty"},
       }) {
    auto refused = run(catalog().add_uploaded_image(product->id, upload(bytes), std::nullopt));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, CatalogErrorCode::invalid);
    EXPECT_EQ(refused.error().message_key, key);
    EXPECT_THAT(refused.error().fields,
                ::testing::ElementsAre(::testing::Field(&FieldError::field, "file")));
    EXPECT_EQ(files(), std::vector<std::string>{}) << key;
    EXPECT_EQ(notes(), 0u) << key;
  }
  auto bomb = encoded(40, 30, ".png");
  bomb.replace(16, 8, std::string("\x00\x01\x86\xA0\x00\x01\x86\xA0", 8));
  auto refused = run(catalog().add_uploaded_image(product->id, upload(bomb), std::nullopt));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message_key, "catalog.error.image_too_large");
  EXPECT_EQ(refused.error().fields.at(0).value, "40");  // megapixels, in the message
  EXPECT_TRUE(run(catalog().product(product->id, true))->images.empty());
}

TEST_F(CatalogUploads, AStoredPictureWhoseWriteFailsIsRemoved) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  // If-Match is checked once the picture is stored, under the row lock.
  auto stale = run(catalog().add_uploaded_image(product->id, upload(photo_), product->version + 5));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, CatalogErrorCode::version_mismatch);
  EXPECT_EQ(files(), std::vector<std::string>{});
  EXPECT_EQ(notes(), 0u);
  // Nothing is decoded for a product that does not exist.
  auto missing =
      run(catalog().add_uploaded_image(product->id + 1000, upload(photo_), std::nullopt));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, CatalogErrorCode::not_found);
  EXPECT_EQ(files(), std::vector<std::string>{});
}

TEST_F(CatalogUploads, AltTextsAndTheFileAreChecked) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  auto too_long = run(catalog().add_uploaded_image(
      product->id, upload(photo_, std::string(301, 'x'), "ok"), std::nullopt));
  ASSERT_FALSE(too_long);
  EXPECT_THAT(too_long.error().fields,
              ::testing::ElementsAre(::testing::Field(&FieldError::field, "alt_fr")));
  auto no_file = run(catalog().add_uploaded_image(product->id, ImageUpload{}, std::nullopt));
  ASSERT_FALSE(no_file);
  EXPECT_THAT(no_file.error().fields,
              ::testing::ElementsAre(::testing::Field(&FieldError::field, "file")));
  EXPECT_EQ(files(), std::vector<std::string>{});
}

TEST_F(CatalogUploads, AFullProductTakesNoMorePictures) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  for (std::size_t i = 0; i < kMaxImages; ++i)
    ASSERT_TRUE(run(catalog().create_image(
        product->id, {.path = fmt::format("products/x/{}.jpg", i), .width = 1, .height = 1},
        std::nullopt)));
  auto refused = run(catalog().add_uploaded_image(product->id, upload(photo_), std::nullopt));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, CatalogErrorCode::invalid);
  EXPECT_EQ(files(), std::vector<std::string>{});
}

TEST_F(CatalogUploads, DeletingAPictureRemovesItsFilesUnlessAnotherRowNamesThem) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  auto added = run(catalog().add_uploaded_image(product->id, upload(photo_), std::nullopt));
  ASSERT_TRUE(added);
  auto path = added->product->images.back().path;
  // A second row naming the same files (the JSON API allows it): the first delete keeps them.
  auto twin = run(catalog().create_image(product->id, {.path = path, .width = 900, .height = 600},
                                         std::nullopt));
  ASSERT_TRUE(twin);
  ASSERT_TRUE(run(catalog().delete_image(product->id, added->subject_id, std::nullopt)));
  EXPECT_EQ(files().size(), 3u);
  ASSERT_TRUE(run(catalog().delete_image(product->id, twin->subject_id, std::nullopt)));
  EXPECT_EQ(files(), std::vector<std::string>{});
}

TEST_F(CatalogUploads, ReplacingOrDeletingTheProductRemovesTheFilesToo) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  auto first = run(catalog().add_uploaded_image(product->id, upload(photo_), std::nullopt));
  auto second = run(catalog().add_uploaded_image(product->id, upload(photo_), std::nullopt));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(files().size(), 6u);
  // A picture moved or relabelled keeps its files; one pointed elsewhere loses them.
  ASSERT_TRUE(
      run(catalog().update_image(product->id, first->subject_id, {.position = 9}, std::nullopt)));
  EXPECT_EQ(files().size(), 6u);
  ASSERT_TRUE(run(catalog().update_image(product->id, first->subject_id,
                                         {.path = "products/x/elsewhere.jpg"}, std::nullopt)));
  EXPECT_EQ(files().size(), 3u);
  ASSERT_TRUE(run(catalog().delete_product(product->id, std::nullopt)));
  EXPECT_EQ(files(), std::vector<std::string>{});
}

TEST_F(CatalogUploads, PicturesAreReorderedInOneWriteNamingEachOnce) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  std::vector<std::int64_t> ids;
  for (const char* name : {"a", "b", "c"}) {
    auto added = run(catalog().create_image(
        product->id, {.path = fmt::format("products/x/{}.jpg", name), .width = 1, .height = 1},
        std::nullopt));
    ASSERT_TRUE(added);
    ids.push_back(added->subject_id);
  }
  auto reordered =
      run(catalog().reorder_images(product->id, {ids[2], ids[0], ids[1]}, std::nullopt));
  ASSERT_TRUE(reordered) << reordered.error().message_key;
  std::vector<std::int64_t> order;
  for (const auto& image : (*reordered)->images) order.push_back(image.id);
  EXPECT_EQ(order, (std::vector<std::int64_t>{ids[2], ids[0], ids[1]}));
  for (const auto& wrong : std::vector<std::vector<std::int64_t>>{
           {ids[0], ids[1]}, {ids[0], ids[1], ids[1]}, {ids[0], ids[1], ids[2], 999'999}}) {
    auto refused = run(catalog().reorder_images(product->id, wrong, std::nullopt));
    ASSERT_FALSE(refused);
    EXPECT_THAT(refused.error().fields,
                ::testing::ElementsAre(::testing::Field(&FieldError::field, "image_ids")));
  }
  auto stale = run(catalog().reorder_images(product->id, ids, (*reordered)->version - 1));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, CatalogErrorCode::version_mismatch);
}

TEST_F(CatalogUploads, TheCleanupRemovesWhatACrashLeftAndOnlyThat) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  auto kept = run(catalog().add_uploaded_image(product->id, upload(photo_), std::nullopt));
  ASSERT_TRUE(kept);
  auto kept_path = kept->product->images.back().path;
  // A process that died after storing a picture, before its row: files and a note remain. And
  // one that died after committing a row, before settling its note.
  auto lost_path = fmt::format("products/{}/{}.jpg", product->id, std::string(32, 'a'));
  auto lost = media::note_pending(media_dir(), lost_path);
  media::store_image(media_dir(), photo_, lost_path);
  auto settled = media::note_pending(media_dir(), kept_path);
  EXPECT_EQ(files().size(), 6u);
  EXPECT_EQ(notes(), 2u);

  EXPECT_EQ(clean_up(1h), 0u) << "a recent note may belong to a write in progress";
  EXPECT_EQ(files().size(), 6u);
  for (const auto& note : {lost, settled})
    std::filesystem::last_write_time(note.file, std::filesystem::file_time_type::clock::now() - 2h);
  EXPECT_EQ(clean_up(1h), 3u);
  EXPECT_EQ(files(), (std::vector<std::string>{media::variant_path(kept_path, 320),
                                               media::variant_path(kept_path, 640), kept_path}));
  EXPECT_EQ(notes(), 0u);
}

}  // namespace
}  // namespace comptoir::catalog::test
