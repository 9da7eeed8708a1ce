#include <gtest/gtest.h>

#include <string>

#include "http/types.hpp"
#include "media/media_routes.hpp"
#include "media_test_support.hpp"

namespace comptoir::media {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_file;

class MediaServe : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_.path() / "media/products/7/1.jpg", "JPEG bytes");
    write_file(dir_.path() / "media/products/7/1-640.webp", "WEBP bytes");
    write_file(dir_.path() / "media/notes.txt", "not an image");
    write_file(dir_.path() / "secret.jpg", "outside MEDIA_DIR");
    root_ = canonical_root(dir_.path() / "media");
  }

  http::Response get(std::string_view rest, std::string_view if_none_match = {}) {
    http::Request request{http::Method::get, "/", 11};
    if (!if_none_match.empty()) request.set(http::Field::if_none_match, if_none_match);
    return serve_media(request, root_, rest);
  }

  // The status a request gets, 404s included.
  http::Status status_of(std::string_view rest) {
    try {
      return get(rest).result();
    } catch (const http::HttpError& e) {
      return e.status();
    }
  }

  TempDir dir_;
  fs::path root_;
};

TEST_F(MediaServe, ServesAnImageWithItsTypeAndAValidator) {
  auto res = get("products/7/1.jpg");
  EXPECT_EQ(res.result(), http::Status::ok);
  EXPECT_EQ(res[http::Field::content_type], "image/jpeg");
  EXPECT_EQ(res.body(), "JPEG bytes");
  EXPECT_FALSE(res[http::Field::etag].empty());
  EXPECT_EQ(res[http::Field::cache_control], "public, max-age=86400");
}

TEST_F(MediaServe, VariantsAreCachedForAYearAsImmutable) {
  auto res = get("products/7/1-640.webp");
  EXPECT_EQ(res[http::Field::content_type], "image/webp");
  EXPECT_EQ(res[http::Field::cache_control], "public, max-age=31536000, immutable");
}

TEST_F(MediaServe, AnswersNotModifiedToAMatchingETag) {
  std::string etag(get("products/7/1.jpg")[http::Field::etag]);
  auto res = get("products/7/1.jpg", etag);
  EXPECT_EQ(res.result(), http::Status::not_modified);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(get("products/7/1.jpg", "W/" + etag).result(), http::Status::not_modified);
  EXPECT_EQ(get("products/7/1.jpg", "\"other\"").result(), http::Status::ok);
}

TEST_F(MediaServe, TheETagChangesWhenTheFileDoes) {
  std::string before(get("products/7/1.jpg")[http::Field::etag]);
  write_file(dir_.path() / "media/products/7/1.jpg", "other JPEG bytes");
  EXPECT_NE(std::string(get("products/7/1.jpg")[http::Field::etag]), before);
}

TEST_F(MediaServe, NothingOutsideTheMediaDirectory) {
  using namespace std::string_view_literals;
  for (auto path : {"../secret.jpg"sv, "products/../../secret.jpg"sv, "/etc/passwd"sv,
                    "products\\..\\..\\secret.jpg"sv, "products/7/1.jpg\0.txt"sv})
    EXPECT_EQ(status_of(path), http::Status::not_found) << path;
}

TEST_F(MediaServe, ASymlinkLeavingTheMediaDirectoryIsRefused) {
  fs::create_symlink(dir_.path() / "secret.jpg", dir_.path() / "media/escape.jpg");
  fs::create_directory_symlink(dir_.path(), dir_.path() / "media/up");
  EXPECT_EQ(status_of("escape.jpg"), http::Status::not_found);
  EXPECT_EQ(status_of("up/secret.jpg"), http::Status::not_found);
}

TEST_F(MediaServe, ASymlinkStayingInsideIsServed) {
  fs::create_symlink(dir_.path() / "media/products/7/1.jpg", dir_.path() / "media/cover.jpg");
  EXPECT_EQ(status_of("cover.jpg"), http::Status::ok);
}

TEST_F(MediaServe, OnlyImagesAreServed) {
  EXPECT_EQ(status_of("notes.txt"), http::Status::not_found);
  EXPECT_EQ(status_of("products/7"), http::Status::not_found);
  EXPECT_EQ(status_of("products/7/missing.jpg"), http::Status::not_found);
  EXPECT_EQ(status_of(""), http::Status::not_found);
}

}  // namespace
}  // namespace comptoir::media
