#pragma once

#include <vips/vips8>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "media/image_pipeline.hpp"

namespace comptoir::media::test {

// A scratch MEDIA_DIR, removed afterwards.
class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() / ("comptoir-media-" + core::random_hex(8))) {
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline void write_file(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

// Every regular file under `dir`, relative to it, sorted: what a refused upload must not change.
inline std::vector<std::string> files_under(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      files.push_back(std::filesystem::relative(entry.path(), dir).string());
  std::ranges::sort(files);
  return files;
}

// A plain test picture of the given size, encoded by libvips in `format` (".png", ".jpg" …).
inline std::string encoded(int width, int height, const char* format) {
  init_vips();
  vips::VImage image = vips::VImage::black(width, height, vips::VImage::option()->set("bands", 3));
  // A gradient, so the codecs have something to compress and the bytes look like a photo's.
  image = (image + vips::VImage::xyz(width, height)[0] / 7 + 60)
              .cast(VIPS_FORMAT_UCHAR)
              .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  void* buffer = nullptr;
  std::size_t size = 0;
  image.write_to_buffer(format, &buffer, &size);
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

// The EXIF block (APP1) of a phone photo: the camera's make and where it was taken (GPS IFD with
// latitude, longitude and a map datum that is easy to search for in the bytes).
inline constexpr std::string_view kSecretCamera = "SecretCam";
inline constexpr std::string_view kSecretDatum = "SECRET-GPS-DATUM";

inline std::string exif_with_gps() {
  std::string tiff;
  auto u16 = [&](unsigned v) {
    tiff += static_cast<char>(v & 0xFF);
    tiff += static_cast<char>(v >> 8 & 0xFF);
  };
  auto u32 = [&](std::uint32_t v) {
    u16(v & 0xFFFF);
    u16(v >> 16);
  };
  auto entry = [&](unsigned tag, unsigned type, std::uint32_t count, std::uint32_t value) {
    u16(tag);
    u16(type);
    u32(count);
    u32(value);
  };
  constexpr std::uint32_t kGpsIfd = 38, kData = 116;
  tiff += "II*";
  tiff += '\0';
  u32(8);
  u16(2);  // IFD0: Make, GPSInfo
  entry(0x010F, 2, 10, kData);
  entry(0x8825, 4, 1, kGpsIfd);
  u32(0);
  u16(6);                            // GPS IFD
  entry(0x0000, 1, 4, 0x00000202);   // version 2.2.0.0
  entry(0x0001, 2, 2, 'N');          // "N\0", inline
  entry(0x0002, 5, 3, kData + 10);   // latitude
  entry(0x0003, 2, 2, 'W');          // "W\0", inline
  entry(0x0004, 5, 3, kData + 34);   // longitude
  entry(0x0012, 2, 17, kData + 58);  // map datum
  u32(0);
  tiff += std::string(kSecretCamera) + '\0';
  for (std::uint32_t v : {45u, 1u, 30u, 1u, 1234u, 100u, 73u, 1u, 34u, 1u, 5678u, 100u}) u32(v);
  tiff += std::string(kSecretDatum) + '\0';
  std::string payload = std::string("Exif\0\0", 6) + tiff;
  auto length = payload.size() + 2;
  return std::string{'\xFF', '\xE1', static_cast<char>(length >> 8),
                     static_cast<char>(length & 0xFF)} +
         payload;
}

// `jpeg` with the EXIF block above right after its SOI.
inline std::string with_gps(const std::string& jpeg) {
  return jpeg.substr(0, 2) + exif_with_gps() + jpeg.substr(2);
}

}  // namespace comptoir::media::test
