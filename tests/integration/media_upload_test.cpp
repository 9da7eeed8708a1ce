// Uploads against the real libvips: what store_image takes from untrusted bytes, what it refuses
// and why, and that a refusal or a failed write leaves nothing under MEDIA_DIR.
#include <gtest/gtest.h>
#include <vips/vips8>

#include <fstream>
#include <string>

#include "media/image_pipeline.hpp"
#include "media/media_paths.hpp"
#include "media/pending_files.hpp"
#include "media_test_support.hpp"

namespace comptoir::media {
namespace {

using namespace std::string_literals;
using test::encoded;
using test::files_under;
using test::TempDir;
using vips::VImage;

constexpr std::string_view kTarget = "products/7/0123456789abcdef.jpg";

// What store_image refuses `bytes` for; fails the test when it takes them.
std::optional<ImageRefusal> refusal_of(const std::filesystem::path& media_dir,
                                       const std::string& bytes) {
  try {
    store_image(media_dir, bytes, kTarget);
  } catch (const ImageError& e) {
    return e.refusal();
  }
  ADD_FAILURE() << "accepted";
  return std::nullopt;
}

std::string file_at(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(MediaUpload, EveryFormatWeTakeIsDecodedAndStoredAsJpegAndWebp) {
  std::vector<const char*> formats{".jpg", ".png", ".webp", ".gif"};
  if (can_load(ImageFormat::avif)) formats.push_back(".avif");
  for (const char* format : formats) {
    TempDir media;
    auto bytes = encoded(700, 500, format);
    auto sniffed = sniff_image(bytes);
    ASSERT_TRUE(sniffed) << format << ": " << code(sniffed.error());
    EXPECT_EQ(sniffed->width, 700) << format;
    auto stored = store_image(media.path(), bytes, kTarget);
    EXPECT_EQ(stored.width, 700) << format;
    EXPECT_EQ(stored.height, 500) << format;
    EXPECT_EQ(files_under(media.path()),
              (std::vector<std::string>{variant_path(kTarget, 320), variant_path(kTarget, 640),
                                        std::string(kTarget)}))
        << format;
    EXPECT_TRUE(sniff_image(test::read_file(media.path() / kTarget))) << format;
  }
}

TEST(MediaUpload, AvifLoadsWhenThisLibvipsHasAnAv1Decoder) {
  // Debian's libvips 8.14 reads AVIF through libheif (with dav1d or aom): the pipeline says so.
  bool avif = can_load(ImageFormat::avif);  // starts libvips too
  EXPECT_EQ(avif, vips_type_find("VipsOperation", "heifload_buffer") != 0);
  EXPECT_TRUE(can_load(ImageFormat::jpeg));
  EXPECT_TRUE(can_load(ImageFormat::webp));
}

TEST(MediaUpload, GpsAndEveryOtherExifFieldAreGoneFromEveryStoredFile) {
  TempDir media;
  auto photo = test::with_gps(encoded(800, 600, ".jpg"));
  // The test photo really carries a position, as libvips reads it.
  auto read = VImage::new_from_buffer(photo.data(), photo.size(), "");
  ASSERT_NE(read.get_typeof("exif-ifd3-GPSLatitude"), 0u) << "no GPS in the test photo";
  ASSERT_NE(photo.find(test::kSecretDatum), std::string::npos);

  auto stored = store_image(media.path(), photo, kTarget);

  for (const auto& file : files_under(media.path())) {
    auto bytes = test::read_file(media.path() / file);
    EXPECT_EQ(bytes.find(test::kSecretDatum), std::string::npos) << file;
    EXPECT_EQ(bytes.find(test::kSecretCamera), std::string::npos) << file;
    auto image = VImage::new_from_buffer(bytes.data(), bytes.size(), "");
    char** fields = vips_image_get_fields(image.get_image());
    for (char** field = fields; field && *field; ++field)
      EXPECT_FALSE(std::string_view(*field).starts_with("exif-ifd3")) << file << ": " << *field;
    g_strfreev(fields);
  }
  auto original = VImage::new_from_file((media.path() / stored.path).c_str());
  EXPECT_EQ(original.get_typeof("exif-data"), 0u);
}

TEST(MediaUpload, EachRefusalHasItsReasonAndLeavesNothing) {
  TempDir media;
  auto jpeg = encoded(400, 300, ".jpg");
  auto png = encoded(400, 300, ".png");
  // A PNG whose header claims 100 000 × 100 000 pixels: refused before any decoding.
  auto bomb = png;
  bomb.replace(16, 8, "\x00\x01\x86\xA0\x00\x01\x86\xA0"s);
  // Pixels damaged in the middle of the compressed data, the structure intact.
  auto damaged = png;
  auto idat = damaged.find("IDAT");
  for (std::size_t i = idat + 20; i < idat + 60; ++i)
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
  auto elf = file_at("/bin/true");
  ASSERT_TRUE(
      elf.starts_with("\x7F"
                      "ELF"));

  const std::vector<std::pair<std::string, ImageRefusal>> cases{
      {"", ImageRefusal::empty},
      {"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
       ImageRefusal::markup},
      {"<!DOCTYPE html><html><body>hi</body></html>", ImageRefusal::markup},
      {elf, ImageRefusal::executable},
      {"MZ\x90\0\3\0\0\0"s, ImageRefusal::executable},
      {"#!/bin/sh\necho owned\n", ImageRefusal::executable},
      {"PK\x03\x04\x14\0\0\0"s + jpeg, ImageRefusal::archive},
      {jpeg + "<html><script>alert(document.cookie)</script></html>", ImageRefusal::polyglot},
      {jpeg + "trailing bytes", ImageRefusal::polyglot},
      {encoded(40, 30, ".gif") + "GIFAR: a jar after the trailer", ImageRefusal::polyglot},
      {bomb, ImageRefusal::too_large},
      {jpeg.substr(0, jpeg.size() / 2), ImageRefusal::truncated},
      {png.substr(0, png.size() - 12), ImageRefusal::truncated},
      {damaged, ImageRefusal::damaged},
      {"BM\x36\0\0\0\0\0\0\0"s, ImageRefusal::type},
      {"%PDF-1.7\n", ImageRefusal::type},
  };
  for (const auto& [bytes, reason] : cases) {
    EXPECT_EQ(refusal_of(media.path(), bytes), reason) << code(reason);
    EXPECT_EQ(files_under(media.path()), std::vector<std::string>{}) << code(reason);
  }
}

TEST(MediaUpload, AFailureBetweenTwoVariantsRemovesTheWholeSet) {
  TempDir media;
  // The 640 px variant cannot be renamed into place: a directory stands there.
  std::filesystem::create_directories(media.path() / variant_path(kTarget, 640));
  EXPECT_THROW(store_image(media.path(), encoded(1000, 700, ".png"), kTarget),
               std::filesystem::filesystem_error);
  EXPECT_EQ(files_under(media.path()), std::vector<std::string>{})
      << "the original, the 320 px variant and every temporary are gone";
}

TEST(MediaUpload, RemovingAPictureRemovesItsVariantsAndTemporariesOnly) {
  TempDir media;
  store_image(media.path(), encoded(700, 500, ".png"), kTarget);
  store_image(media.path(), encoded(700, 500, ".png"), "products/7/other.jpg");
  // What a crash between writing and renaming leaves.
  test::write_file(media.path() / (std::string(kTarget) + ".tmp-42-7"), "half");
  test::write_file(media.path() / (variant_path(kTarget, 960) + ".tmp-42-8"), "half");

  EXPECT_EQ(remove_image_files(media.path(), kTarget), 5u);
  EXPECT_EQ(files_under(media.path()),
            (std::vector<std::string>{"products/7/other-320.webp", "products/7/other-640.webp",
                                      "products/7/other.jpg"}));
  EXPECT_EQ(remove_image_files(media.path(), "../outside.jpg"), 0u);
}

TEST(MediaUpload, PendingNotesAreFoundOnceStaleAndGoneOnceSettled) {
  TempDir media;
  auto note = note_pending(media.path(), kTarget);
  EXPECT_TRUE(std::filesystem::exists(note.file));
  EXPECT_TRUE(stale_notes(media.path(), std::chrono::hours{1}).empty()) << "too recent";
  std::filesystem::last_write_time(
      note.file, std::filesystem::file_time_type::clock::now() - std::chrono::hours{2});
  auto stale = stale_notes(media.path(), std::chrono::hours{1});
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale[0].image_path, kTarget);
  EXPECT_EQ(stale[0].file, note.file);
  settle(note);
  EXPECT_TRUE(stale_notes(media.path(), std::chrono::seconds{0}).empty());
  EXPECT_EQ(files_under(media.path()), std::vector<std::string>{});
}

}  // namespace
}  // namespace comptoir::media
