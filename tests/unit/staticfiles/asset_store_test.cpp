#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <stdexcept>
#include <string>

#include "gunzip.hpp"
#include "staticfiles/asset_store.hpp"

namespace comptoir::staticfiles {
namespace {

namespace fs = std::filesystem;

// A compressible stylesheet, large enough for brotli and gzip to pay off.
std::string stylesheet() {
  std::string css;
  for (int i = 0; i < 200; ++i) css += ".item-" + std::to_string(i) + " { color: #123456; }\n";
  return css;
}

std::string random_bytes(std::size_t size) {
  std::mt19937 generator(42);
  std::string bytes(size, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(generator() & 0xFF);
  return bytes;
}

using staticfiles::test_support::gunzip;

class AssetStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() /
        ("comptoir-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    dir_ = root_ / "static";
    write("css/site.css", stylesheet());
    write("js/app.mjs", "export const answer = 42;\n");
    write("img/photo.png", random_bytes(4096));
    write("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
    write("fonts/body.woff2", random_bytes(64));
    write("site.webmanifest", "{}");
    write("LICENSE", "plain");
    store_ = std::make_unique<AssetStore>(AssetStore::load(dir_));
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& name, const std::string& content) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }

  http::Response get(std::string_view rest, std::string_view accept_encoding = {},
                     std::string_view if_none_match = {}) const {
    http::Request request{http::Method::get, "/static/" + std::string(rest), 11};
    if (!accept_encoding.empty()) request.set(http::Field::accept_encoding, accept_encoding);
    if (!if_none_match.empty()) request.set(http::Field::if_none_match, if_none_match);
    return store_->serve(request, rest);
  }

  std::string rest_of(std::string_view logical) const {
    return store_->url(logical).substr(std::string_view("/static/").size());
  }

  void expect_not_found(std::string_view rest) const {
    try {
      get(rest);
      ADD_FAILURE() << "served " << rest;
    } catch (const http::HttpError& error) {
      EXPECT_EQ(error.status(), http::Status::not_found) << rest;
    }
  }

  fs::path root_;
  fs::path dir_;
  std::unique_ptr<AssetStore> store_;
};

TEST_F(AssetStoreTest, UrlCarriesTheContentHash) {
  EXPECT_TRUE(std::regex_match(store_->url("css/site.css"),
                               std::regex(R"(/static/css/site\.[0-9a-f]{12}\.css)")))
      << store_->url("css/site.css");
  EXPECT_TRUE(
      std::regex_match(store_->url("LICENSE"), std::regex(R"(/static/LICENSE\.[0-9a-f]{12})")));
}

TEST_F(AssetStoreTest, HashIsTheStartOfTheSha256) {
  write("hello.txt", "hello");
  auto store = AssetStore::load(dir_);
  // sha256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e...
  EXPECT_EQ(store.url("hello.txt"), "/static/hello.2cf24dba5fb0.txt");
}

TEST_F(AssetStoreTest, ChangedContentChangesTheUrl) {
  auto before = store_->url("css/site.css");
  write("css/site.css", stylesheet() + "body { margin: 0; }\n");
  EXPECT_NE(AssetStore::load(dir_).url("css/site.css"), before);
}

TEST_F(AssetStoreTest, UnknownAssetThrows) {
  EXPECT_THROW(store_->url("css/missing.css"), std::out_of_range);
  EXPECT_THROW(store_->url(rest_of("css/site.css")), std::out_of_range);
}

TEST_F(AssetStoreTest, FingerprintedNameIsCachedForever) {
  auto response = get(rest_of("css/site.css"));
  EXPECT_EQ(response.result(), http::Status::ok);
  EXPECT_EQ(response[http::Field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(response.body(), stylesheet());
}

TEST_F(AssetStoreTest, PlainNameIsServedWithAShortCache) {
  auto response = get("css/site.css");
  EXPECT_EQ(response.result(), http::Status::ok);
  EXPECT_EQ(response[http::Field::cache_control], "public, max-age=300");
  EXPECT_EQ(response.body(), stylesheet());
}

TEST_F(AssetStoreTest, EtagIsTheQuotedHash) {
  auto url = store_->url("js/app.mjs");
  auto hash = url.substr(url.size() - 16, 12);
  EXPECT_EQ(get(rest_of("js/app.mjs"))[http::Field::etag], "\"" + hash + "\"");
}

TEST_F(AssetStoreTest, MatchingIfNoneMatchGives304WithoutBody) {
  auto etag = std::string(get(rest_of("css/site.css"), "br")[http::Field::etag]);
  for (const auto& header : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
    auto response = get(rest_of("css/site.css"), "br", header);
    EXPECT_EQ(response.result(), http::Status::not_modified) << header;
    EXPECT_TRUE(response.body().empty());
    EXPECT_EQ(response[http::Field::etag], etag);
    EXPECT_EQ(response[http::Field::cache_control], "public, max-age=31536000, immutable");
  }
  EXPECT_EQ(get("css/site.css", "", "\"0123456789ab\"").result(), http::Status::ok);
}

TEST_F(AssetStoreTest, EachEncodingHasItsOwnETag) {
  auto identity = std::string(get(rest_of("css/site.css"))[http::Field::etag]);
  auto br = std::string(get(rest_of("css/site.css"), "br")[http::Field::etag]);
  auto gzip = std::string(get(rest_of("css/site.css"), "gzip")[http::Field::etag]);
  EXPECT_NE(identity, br);
  EXPECT_NE(identity, gzip);
  EXPECT_NE(br, gzip);
  // A validator of one representation never revalidates another.
  EXPECT_EQ(get(rest_of("css/site.css"), "br", identity).result(), http::Status::ok);
}

TEST_F(AssetStoreTest, BrotliPreferredAndSmaller) {
  auto response = get(rest_of("css/site.css"), "gzip, deflate, br");
  EXPECT_EQ(response[http::Field::content_encoding], "br");
  EXPECT_EQ(response[http::Field::vary], "Accept-Encoding");
  EXPECT_LT(response.body().size(), stylesheet().size());
  EXPECT_NE(response.body(), stylesheet());
}

TEST_F(AssetStoreTest, GzipDecodesToTheOriginal) {
  auto response = get(rest_of("css/site.css"), "gzip");
  EXPECT_EQ(response[http::Field::content_encoding], "gzip");
  EXPECT_EQ(response[http::Field::vary], "Accept-Encoding");
  EXPECT_EQ(gunzip(response.body()), stylesheet());
}

TEST_F(AssetStoreTest, ZeroQualityRefusesAnEncoding) {
  EXPECT_EQ(get("css/site.css", "br;q=0, gzip")[http::Field::content_encoding], "gzip");
  auto identity = get("css/site.css", "br;q=0, gzip;q=0");
  EXPECT_EQ(identity[http::Field::content_encoding], "");
  EXPECT_EQ(identity.body(), stylesheet());
  EXPECT_EQ(get("css/site.css", "*;q=0")[http::Field::content_encoding], "");
}

TEST_F(AssetStoreTest, HigherQualityWinsAndWildcardCounts) {
  EXPECT_EQ(get("css/site.css", "br;q=0.5, gzip;q=0.9")[http::Field::content_encoding], "gzip");
  EXPECT_EQ(get("css/site.css", "*")[http::Field::content_encoding], "br");
  EXPECT_EQ(get("css/site.css", "br;q=0, *")[http::Field::content_encoding], "gzip");
}

TEST_F(AssetStoreTest, NoAcceptEncodingMeansIdentityButStillVaries) {
  auto response = get("css/site.css");
  EXPECT_EQ(response[http::Field::content_encoding], "");
  EXPECT_EQ(response[http::Field::vary], "Accept-Encoding");
}

TEST_F(AssetStoreTest, IncompressibleFilesAreNeverEncoded) {
  auto response = get("img/photo.png", "br, gzip");
  EXPECT_EQ(response[http::Field::content_encoding], "");
  EXPECT_EQ(response[http::Field::vary], "");
  EXPECT_EQ(response.body(), random_bytes(4096));
}

TEST_F(AssetStoreTest, TinyTextStaysUncompressedWhenCompressionWouldGrowIt) {
  auto response = get("site.webmanifest", "br, gzip");
  EXPECT_EQ(response[http::Field::content_encoding], "");
  EXPECT_EQ(response.body(), "{}");
}

TEST_F(AssetStoreTest, MimeTypes) {
  EXPECT_EQ(get("css/site.css")[http::Field::content_type], "text/css; charset=utf-8");
  EXPECT_EQ(get("js/app.mjs")[http::Field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(get("favicon.svg")[http::Field::content_type], "image/svg+xml; charset=utf-8");
  EXPECT_EQ(get("img/photo.png")[http::Field::content_type], "image/png");
  EXPECT_EQ(get("fonts/body.woff2")[http::Field::content_type], "font/woff2");
  EXPECT_EQ(get("site.webmanifest")[http::Field::content_type],
            "application/manifest+json; charset=utf-8");
  EXPECT_EQ(get("LICENSE")[http::Field::content_type], "application/octet-stream");
}

TEST_F(AssetStoreTest, UnknownPathsAre404) {
  expect_not_found("css/missing.css");
  expect_not_found("");
  expect_not_found("css/");
  expect_not_found("css/site.000000000000.css");
}

TEST_F(AssetStoreTest, TraversalAttemptsAre404) {
  write("../secret.txt", "top secret");  // a real file next to static/
  for (auto attempt : {"../secret.txt", "css/../../secret.txt", "css/../site.css", "./css/site.css",
                       "css//site.css", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt",
                       "css%2fsite.css", "..\\secret.txt", "css\\site.css", "/etc/passwd",
                       "//etc/passwd", "css/site.css%00", "CSS/SITE.CSS"})
    expect_not_found(attempt);
}

TEST_F(AssetStoreTest, ServingNeverTouchesTheDisk) {
  auto rest = rest_of("css/site.css");
  fs::remove_all(dir_);
  EXPECT_EQ(get(rest).body(), stylesheet());
}

TEST(AssetStoreLoad, MissingDirectoryFails) {
  EXPECT_THROW(AssetStore::load("/nonexistent/comptoir/static"), std::runtime_error);
}

TEST(AssetStoreLoad, NamesThatNeedEscapingAreRefused) {
  auto dir = fs::temp_directory_path() / "comptoir-static-unsafe-name";
  fs::create_directories(dir);
  std::ofstream(dir / "my file.css") << "a{}";
  EXPECT_THROW(AssetStore::load(dir), std::runtime_error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace comptoir::staticfiles
