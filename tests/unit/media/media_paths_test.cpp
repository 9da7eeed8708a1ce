#include <gtest/gtest.h>

#include <string>

#include "media/media_paths.hpp"

namespace comptoir::media {
namespace {

using namespace std::string_literals;

TEST(MediaPath, AcceptsAnImageUnderTheMediaDirectory) {
  EXPECT_EQ(checked_media_path("products/42/1.jpg"), "products/42/1.jpg");
  EXPECT_EQ(checked_media_path("products/42/1-640.webp"), "products/42/1-640.webp");
  EXPECT_EQ(checked_media_path("logo.PNG"), "logo.PNG");
}

TEST(MediaPath, RefusesParentDirectorySegments) {
  for (const char* path :
       {"../secret.jpg", "products/../../etc/a.jpg", "products/..", "..", "products/42/../1.jpg"})
    EXPECT_EQ(checked_media_path(path), std::nullopt) << path;
}

TEST(MediaPath, RefusesAbsoluteBackslashAndEmptySegments) {
  for (const char* path : {"/etc/a.jpg", "products\\..\\a.jpg", "C:\\a.jpg", "products//1.jpg",
                           "products/42/", "", "./1.jpg", "products/./1.jpg"})
    EXPECT_EQ(checked_media_path(path), std::nullopt) << path;
}

TEST(MediaPath, RefusesNulAndControlCharacters) {
  EXPECT_EQ(checked_media_path("products/1.jpg\0.txt"s), std::nullopt);
  EXPECT_EQ(checked_media_path("products/1\n.jpg"), std::nullopt);
  EXPECT_EQ(checked_media_path("products/é.jpg"), std::nullopt);
}

TEST(MediaPath, RefusesHiddenFilesAndOtherTypes) {
  for (const char* path : {".env", "products/.hidden.jpg", "notes.txt", "page.html", "image.svg",
                           "products/42/1", "products/42/1.jpg.php", "jpg"})
    EXPECT_EQ(checked_media_path(path), std::nullopt) << path;
}

TEST(MediaPath, ContentTypeFollowsTheExtension) {
  EXPECT_EQ(image_content_type("a/b.jpg"), "image/jpeg");
  EXPECT_EQ(image_content_type("a/b.JPEG"), "image/jpeg");
  EXPECT_EQ(image_content_type("b.png"), "image/png");
  EXPECT_EQ(image_content_type("b-320.webp"), "image/webp");
  EXPECT_EQ(image_content_type("b.avif"), "image/avif");
  EXPECT_EQ(image_content_type("b.gif"), "image/gif");
  EXPECT_EQ(image_content_type("b.svg"), std::nullopt);
  EXPECT_EQ(image_content_type("webp"), std::nullopt);
  EXPECT_EQ(image_content_type("dir.jpg/file"), std::nullopt);
}

TEST(Variants, NeverWiderThanTheOriginal) {
  EXPECT_EQ(variant_widths(1200), (std::vector<int>{320, 640, 960}));
  EXPECT_EQ(variant_widths(1280), (std::vector<int>{320, 640, 960, 1280}));
  EXPECT_EQ(variant_widths(4000), (std::vector<int>{320, 640, 960, 1280}));
  EXPECT_EQ(variant_widths(640), (std::vector<int>{320, 640}));
  EXPECT_EQ(variant_widths(319), std::vector<int>{});
}

TEST(Variants, PathReplacesTheExtensionOfTheLastSegment) {
  EXPECT_EQ(variant_path("products/42/1.jpg", 320), "products/42/1-320.webp");
  EXPECT_EQ(variant_path("v1.2/photo.jpeg", 640), "v1.2/photo-640.webp");
  EXPECT_EQ(variant_path("noext", 960), "noext-960.webp");
}

TEST(Variants, RecognisedByTheirWidthSuffix) {
  EXPECT_TRUE(is_variant_path("products/42/1-320.webp"));
  EXPECT_TRUE(is_variant_path("products/42/1-1280.webp"));
  EXPECT_FALSE(is_variant_path("products/42/1.jpg"));
  EXPECT_FALSE(is_variant_path("products/42/1-321.webp"));
  EXPECT_FALSE(is_variant_path("products/42/photo.webp"));
  EXPECT_FALSE(is_variant_path("products/42/1-320x.webp"));
}

TEST(Srcset, ListsEveryVariantNotWiderThanTheOriginal) {
  EXPECT_EQ(srcset("products/42/1.jpg", 1200),
            "/media/products/42/1-320.webp 320w, /media/products/42/1-640.webp 640w, "
            "/media/products/42/1-960.webp 960w");
  EXPECT_EQ(srcset("products/42/2.jpg", 2000),
            "/media/products/42/2-320.webp 320w, /media/products/42/2-640.webp 640w, "
            "/media/products/42/2-960.webp 960w, /media/products/42/2-1280.webp 1280w");
}

TEST(Srcset, EmptyForAnImageNarrowerThanTheSmallestVariant) {
  EXPECT_EQ(srcset("products/42/1.jpg", 200), "");
}

TEST(Srcset, UrlIsUnderMedia) {
  EXPECT_EQ(url("products/42/1.jpg"), "/media/products/42/1.jpg");
}

}  // namespace
}  // namespace comptoir::media
