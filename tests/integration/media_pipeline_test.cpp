#include <gtest/gtest.h>
#include <vips/vips8>

#include <string>

#include "media/image_pipeline.hpp"
#include "media/media_paths.hpp"
#include "media_test_support.hpp"

namespace comptoir::media {
namespace {

using test::encoded;
using test::TempDir;
using vips::VImage;

VImage open(const std::filesystem::path& path) {
  return VImage::new_from_file(path.c_str(),
                               VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
}

TEST(ImagePipeline, WritesAJpegOriginalAndEveryWebpVariantNotWiderThanIt) {
  TempDir media;
  auto stored = store_image(media.path(), encoded(1500, 1000, ".png"), "products/42/1.jpg");

  EXPECT_EQ(stored.path, "products/42/1.jpg");
  EXPECT_EQ(stored.width, 1500);
  EXPECT_EQ(stored.height, 1000);
  EXPECT_EQ(stored.variant_widths, (std::vector<int>{320, 640, 960, 1280}));
  auto original = open(media.path() / "products/42/1.jpg");
  EXPECT_EQ(original.width(), 1500);
  EXPECT_EQ(original.height(), 1000);
  EXPECT_EQ(std::string(original.get_string("vips-loader")), "jpegload");
  for (int width : stored.variant_widths) {
    auto variant = open(media.path() / variant_path(stored.path, width));
    EXPECT_EQ(variant.width(), width);
    EXPECT_NEAR(variant.height(), width * 1000 / 1500, 1) << width;
    EXPECT_EQ(std::string(variant.get_string("vips-loader")), "webpload");
  }
}

TEST(ImagePipeline, NeverUpscalesASmallPicture) {
  TempDir media;
  auto stored = store_image(media.path(), encoded(500, 400, ".jpg"), "small.jpg");

  EXPECT_EQ(stored.variant_widths, std::vector<int>{320});
  EXPECT_TRUE(std::filesystem::exists(media.path() / "small-320.webp"));
  EXPECT_FALSE(std::filesystem::exists(media.path() / "small-640.webp"));
  EXPECT_EQ(open(media.path() / "small.jpg").width(), 500);
}

TEST(ImagePipeline, AppliesTheExifOrientationThenDropsTheMetadata) {
  TempDir media;
  init_vips();
  // An 800×600 JPEG whose EXIF says "rotate 90° clockwise to display" and names the camera.
  VImage image = (VImage::black(800, 600, VImage::option()->set("bands", 3)) + 200)
                     .cast(VIPS_FORMAT_UCHAR)
                     .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  image.set("orientation", 6);
  image.set("exif-ifd0-Make", "SecretCam");
  void* buffer = nullptr;
  std::size_t size = 0;
  image.write_to_buffer(".jpg", &buffer, &size);
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  ASSERT_NE(bytes.find("SecretCam"), std::string::npos) << "the test picture carries EXIF";

  auto stored = store_image(media.path(), bytes, "rotated.jpg");

  EXPECT_EQ(stored.width, 600);
  EXPECT_EQ(stored.height, 800);
  auto written = open(media.path() / "rotated.jpg");
  EXPECT_EQ(written.width(), 600);
  EXPECT_EQ(written.get_typeof("exif-data"), 0u) << "EXIF (GPS, camera…) must not be published";
  for (const char* file : {"rotated.jpg", "rotated-320.webp"}) {
    EXPECT_EQ(test::read_file(media.path() / file).find("SecretCam"), std::string::npos) << file;
    // libvips 8.14's WebP saver adds a minimal EXIF block of its own (libvips issue #3340);
    // it must not ask viewers to rotate the picture a second time.
    auto variant = open(media.path() / file);
    if (variant.get_typeof("orientation") != 0) {
      EXPECT_EQ(variant.get_int("orientation"), 1) << file;
    }
  }
}

TEST(ImagePipeline, FlattensTransparencyOnWhite) {
  TempDir media;
  init_vips();
  VImage rgba = (VImage::black(400, 400, VImage::option()->set("bands", 4)))
                    .cast(VIPS_FORMAT_UCHAR)
                    .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  auto stored = store_image(media.path(), rgba, "transparent.jpg");  // fully transparent black

  auto written = open(media.path() / stored.path);
  EXPECT_EQ(written.bands(), 3);
  EXPECT_GT(written.avg(), 240.0) << "transparent pixels become white, not black";
}

TEST(ImagePipeline, RefusesBytesThatAreNotAnImage) {
  TempDir media;
  EXPECT_THROW(store_image(media.path(), std::string("<svg onload=alert(1)>"), "x.jpg"),
               ImageError);
  EXPECT_THROW(store_image(media.path(), std::string(), "x.jpg"), ImageError);
  EXPECT_TRUE(std::filesystem::is_empty(media.path()));
}

TEST(ImagePipeline, RefusesATargetOutsideTheMediaDirectoryOrNotJpeg) {
  TempDir media;
  auto bytes = encoded(400, 400, ".png");
  EXPECT_THROW(store_image(media.path(), bytes, "../escape.jpg"), ImageError);
  EXPECT_THROW(store_image(media.path(), bytes, "/tmp/escape.jpg"), ImageError);
  EXPECT_THROW(store_image(media.path(), bytes, "products/1/1.png"), ImageError);
  EXPECT_FALSE(std::filesystem::exists(media.path().parent_path() / "escape.jpg"));
}

}  // namespace
}  // namespace comptoir::media
