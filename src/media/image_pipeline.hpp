#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vips {
class VImage;
}

namespace comptoir::media {

// An image the pipeline has written under MEDIA_DIR.
struct StoredImage {
  std::string path;  // the original, relative to MEDIA_DIR: "products/42/1.jpg"
  int width = 0;     // of the original, after EXIF rotation
  int height = 0;
  std::vector<int> variant_widths;  // WebP variants written beside it (see media_paths.hpp)
};

// Input the pipeline refuses: undecodable bytes, a bad target path, an image too large.
class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Largest image accepted, in pixels (a decompression bomb costs memory, not bytes).
inline constexpr long long kMaxPixels = 40'000'000;

// Starts libvips once per process (VIPS_INIT); every function below calls it, so calling it is
// only needed to fail early. Thread-safe. Loaders libvips marks untrusted are blocked.
void init_vips();

// Decodes `bytes` (JPEG, PNG, WebP, AVIF, GIF …), applies the EXIF orientation, converts to
// 8-bit sRGB, flattens transparency on white, drops every metadata block (EXIF, GPS, XMP, ICC
// after conversion), then writes under `media_dir`:
//   {relative_path}             the original as JPEG, quality 82, progressive
//   {stem}-{w}.webp             for w in kVariantWidths not wider than the original
// `relative_path` must be a safe media path ending in .jpg. Files are written to a temporary
// name and renamed, so a reader never sees half a file. Throws ImageError on bad input.
StoredImage store_image(const std::filesystem::path& media_dir, std::string_view bytes,
                        std::string_view relative_path);
StoredImage store_image(const std::filesystem::path& media_dir, const vips::VImage& image,
                        std::string_view relative_path);

}  // namespace comptoir::media
