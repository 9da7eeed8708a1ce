#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "media/image_sniff.hpp"

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

// Input the pipeline refuses. `refusal()` says why the bytes were refused (what a client is told);
// nullopt for the caller's own mistake (a bad target path).
class ImageError : public std::runtime_error {
 public:
  ImageError(ImageRefusal refusal, const std::string& what)
      : std::runtime_error(what), refusal_(refusal) {}
  explicit ImageError(const std::string& what) : std::runtime_error(what) {}
  std::optional<ImageRefusal> refusal() const { return refusal_; }

 private:
  std::optional<ImageRefusal> refusal_;
};

// Starts libvips once per process (VIPS_INIT); every function below calls it, so calling it is
// only needed to fail early. Thread-safe. Loaders libvips marks untrusted are blocked.
void init_vips();

// Whether this libvips decodes `format` (AVIF needs libheif with an AV1 decoder).
bool can_load(ImageFormat format);

// Untrusted bytes (an upload): sniff_image first (type from the bytes, structure, polyglots, the
// pixel limit from the header, before any decoding), then the one loader of the sniffed format
// decodes every pixel, failing on any error (a damaged or truncated file is refused, never
// half-decoded). Then, as for a VImage: applies the EXIF orientation, converts to 8-bit sRGB,
// flattens transparency on white, drops every metadata block (EXIF with GPS, XMP, IPTC, ICC
// after conversion), re-encodes, and writes under `media_dir`:
//   {relative_path}             the original as JPEG, quality 82, progressive
//   {stem}-{w}.webp             for w in kVariantWidths not wider than the original
// `relative_path` must be a safe media path ending in .jpg. Each file is written to a temporary
// name, then all are renamed: a reader never sees half a file, and a failure on any of them
// (a full disk between two variants) removes every file of the set before the error goes on.
// Throws ImageError (with its refusal) on bad input; filesystem errors as they are.
StoredImage store_image(const std::filesystem::path& media_dir, std::string_view bytes,
                        std::string_view relative_path);
StoredImage store_image(const std::filesystem::path& media_dir, const vips::VImage& image,
                        std::string_view relative_path);

// Removes the files store_image writes for `relative_path` (the original and every variant
// width, present or not). Paths checked_media_path refuses are left alone. Never throws; returns
// how many files it removed.
std::size_t remove_image_files(const std::filesystem::path& media_dir,
                               std::string_view relative_path);

}  // namespace comptoir::media
