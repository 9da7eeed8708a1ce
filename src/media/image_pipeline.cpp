#include "media/image_pipeline.hpp"

#include <fmt/format.h>
#include <vips/vips8>

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <mutex>

#include "media/media_paths.hpp"

namespace comptoir::media {
namespace {

namespace fs = std::filesystem;
using vips::VImage;

constexpr int kJpegQuality = 82;
constexpr int kWebpQuality = 80;

// Owns a buffer libvips allocated with g_malloc.
struct Blob {
  explicit Blob(VipsBlob* blob) : blob_(blob) {}
  Blob(const Blob&) = delete;
  Blob& operator=(const Blob&) = delete;
  ~Blob() { vips_area_unref(VIPS_AREA(blob_)); }
  std::string_view bytes() const {
    std::size_t size = 0;
    const void* data = vips_blob_get(blob_, &size);
    return {static_cast<const char*>(data), size};
  }

 private:
  VipsBlob* blob_;
};

// Writes `bytes` to `target` through a temporary file in the same directory and a rename.
void write_atomically(const fs::path& target, std::string_view bytes) {
  static std::atomic<unsigned> counter{0};
  fs::create_directories(target.parent_path());
  auto temporary = target;
  temporary += fmt::format(".tmp-{}-{}", ::getpid(), counter.fetch_add(1));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error(fmt::format("could not write {}", temporary.string()));
    }
  }
  fs::rename(temporary, target);
}

// Removes every metadata block (EXIF with its GPS position and camera serial, XMP, IPTC, the
// ICC profile once applied, comments): savers' "strip" misses some of them for some formats.
VImage without_metadata(VImage image) {
  image = image.copy();  // metadata is per image object: do not edit the caller's
  char** fields = vips_image_get_fields(image.get_image());
  for (char** field = fields; field && *field; ++field) image.remove(*field);
  g_strfreev(fields);
  return image;
}

// 8-bit sRGB without alpha or metadata, upright, in memory: the one decoded copy every output is
// made from.
VImage normalized(VImage image) {
  if (static_cast<long long>(image.width()) * image.height() > kMaxPixels)
    throw ImageError(fmt::format("image of {}×{} pixels is larger than the limit of {} pixels",
                                 image.width(), image.height(), kMaxPixels));
  image = image.autorot();
  // An embedded profile (Display P3, Adobe RGB, CMYK …) says what the numbers mean: convert
  // through it, then the pixels are plain sRGB and the profile can go.
  if (image.get_typeof(VIPS_META_ICC_NAME) != 0)
    image = image.icc_transform("srgb", VImage::option()->set("embedded", true));
  if (image.interpretation() != VIPS_INTERPRETATION_sRGB)
    image = image.colourspace(VIPS_INTERPRETATION_sRGB);
  if (image.has_alpha())
    image = image.flatten(VImage::option()->set("background", std::vector<double>{255, 255, 255}));
  if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
  if (image.bands() == 1) image = image.bandjoin({image, image});
  return without_metadata(image.copy_memory());
}

StoredImage store_normalized(const fs::path& media_dir, const VImage& image,
                             std::string_view relative_path) {
  auto checked = checked_media_path(relative_path);
  if (!checked || !(checked->ends_with(".jpg")))
    throw ImageError(fmt::format("'{}' is not a media path ending in .jpg", relative_path));

  StoredImage stored{.path = *checked,
                     .width = image.width(),
                     .height = image.height(),
                     .variant_widths = variant_widths(image.width())};
  // Encode everything first: a failure leaves no half-written set behind.
  Blob original(image.jpegsave_buffer(VImage::option()
                                          ->set("Q", kJpegQuality)
                                          ->set("strip", true)
                                          ->set("optimize_coding", true)
                                          ->set("interlace", true)));
  std::vector<std::unique_ptr<Blob>> variants;
  for (int width : stored.variant_widths) {
    VImage resized =
        width == image.width()
            ? image
            : image.thumbnail_image(
                  width,
                  VImage::option()->set("height", VIPS_MAX_COORD)->set("size", VIPS_SIZE_DOWN));
    variants.push_back(std::make_unique<Blob>(resized.webpsave_buffer(
        VImage::option()->set("Q", kWebpQuality)->set("strip", true)->set("effort", 4))));
  }
  write_atomically(media_dir / stored.path, original.bytes());
  for (std::size_t i = 0; i < variants.size(); ++i)
    write_atomically(media_dir / variant_path(stored.path, stored.variant_widths[i]),
                     variants[i]->bytes());
  return stored;
}

}  // namespace

void init_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("comptoir") != 0)
      throw std::runtime_error(fmt::format("libvips failed to start: {}", vips_error_buffer()));
    // Uploads are untrusted: refuse loaders libvips itself does not consider safe for them.
    vips_block_untrusted_set(TRUE);
    // Each picture goes through once: an operation cache would only hold memory in the server.
    vips_cache_set_max(0);
  });
}

StoredImage store_image(const fs::path& media_dir, std::string_view bytes,
                        std::string_view relative_path) {
  init_vips();
  try {
    auto image = VImage::new_from_buffer(bytes.data(), bytes.size(), "",
                                         VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
    return store_normalized(media_dir, normalized(image), relative_path);
  } catch (const vips::VError& e) {
    vips_error_clear();
    throw ImageError(fmt::format("not a usable image: {}", e.what()));
  }
}

StoredImage store_image(const fs::path& media_dir, const VImage& image,
                        std::string_view relative_path) {
  init_vips();
  try {
    return store_normalized(media_dir, normalized(image), relative_path);
  } catch (const vips::VError& e) {
    vips_error_clear();
    throw ImageError(fmt::format("could not encode the image: {}", e.what()));
  }
}

}  // namespace comptoir::media
