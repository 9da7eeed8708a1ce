#include "media/image_pipeline.hpp"

#include <fmt/format.h>
#include <vips/vips8>

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <utility>

#include "media/media_paths.hpp"
#include "observe/log.hpp"

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

// A VipsBlob over the caller's bytes, without a copy: they outlive every use (the whole decode
// happens within store_image).
class BorrowedBlob {
 public:
  explicit BorrowedBlob(std::string_view bytes)
      : blob_(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
  BorrowedBlob(const BorrowedBlob&) = delete;
  BorrowedBlob& operator=(const BorrowedBlob&) = delete;
  ~BorrowedBlob() { vips_area_unref(VIPS_AREA(blob_)); }
  VipsBlob* get() const { return blob_; }

 private:
  VipsBlob* blob_;
};

// The temporary a file is written to before its rename: beside it, so the rename is atomic.
constexpr std::string_view kTemporaryMark = ".tmp-";

// Writes every file to a temporary name beside its target, then renames them all. On any
// failure, every file of the set is removed (temporaries and those already renamed) before the
// error goes on: a full disk between two variants leaves nothing behind.
void write_all(const std::vector<std::pair<fs::path, std::string_view>>& files) {
  static std::atomic<unsigned> counter{0};
  std::vector<fs::path> temporaries;
  std::vector<fs::path> renamed;
  try {
    for (const auto& [target, bytes] : files) {
      fs::create_directories(target.parent_path());
      auto temporary = target;
      temporary += fmt::format("{}{}-{}", kTemporaryMark, ::getpid(), counter.fetch_add(1));
      temporaries.push_back(temporary);
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.close();
      if (!out) throw std::runtime_error(fmt::format("could not write {}", temporary.string()));
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
      fs::rename(temporaries[i], files[i].first);
      renamed.push_back(files[i].first);
    }
  } catch (...) {
    std::error_code ignored;
    for (const auto& path : temporaries) fs::remove(path, ignored);
    for (const auto& path : renamed) fs::remove(path, ignored);
    throw;
  }
}

// The one loader of the sniffed format, decoding lazily (copy_memory in normalized() reads every
// pixel) and failing on any error: never another loader that libvips would pick by itself.
VImage load(ImageFormat format, const BorrowedBlob& blob) {
  auto options = [] { return VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR); };
  switch (format) {
    case ImageFormat::jpeg:
      return VImage::jpegload_buffer(blob.get(), options());
    case ImageFormat::png:
      return VImage::pngload_buffer(blob.get(), options());
    case ImageFormat::gif:
      return VImage::gifload_buffer(blob.get(), options());
    case ImageFormat::webp:
      return VImage::webpload_buffer(blob.get(), options());
    case ImageFormat::avif:
      return VImage::heifload_buffer(blob.get(), options());
  }
  throw ImageError(ImageRefusal::type, "no loader for this format");
}

const char* loader_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg:
      return "jpegload_buffer";
    case ImageFormat::png:
      return "pngload_buffer";
    case ImageFormat::gif:
      return "gifload_buffer";
    case ImageFormat::webp:
      return "webpload_buffer";
    case ImageFormat::avif:
      return "heifload_buffer";
  }
  return "";
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
  if (static_cast<std::int64_t>(image.width()) * image.height() > kMaxPixels)
    throw ImageError(ImageRefusal::too_large,
                     fmt::format("image of {}×{} pixels is larger than the limit of {} pixels",
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
  std::vector<std::pair<fs::path, std::string_view>> files{
      {media_dir / stored.path, original.bytes()}};
  for (std::size_t i = 0; i < variants.size(); ++i)
    files.emplace_back(media_dir / variant_path(stored.path, stored.variant_widths[i]),
                       variants[i]->bytes());
  write_all(files);
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
    // What libvips meets in a file (a damaged PNG, a colour profile it ignores) it tells GLib's
    // log, which writes to stderr: in the JSON log instead, at debug level (uploads are
    // untrusted; the refusal itself is the answer).
    g_log_set_handler(
        "VIPS",
        static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO |
                                    G_LOG_LEVEL_DEBUG),
        [](const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
          observe::debug("libvips", {{"message", message != nullptr ? message : ""}});
        },
        nullptr);
  });
}

bool can_load(ImageFormat format) {
  init_vips();
  return vips_type_find("VipsOperation", loader_name(format)) != 0;
}

StoredImage store_image(const fs::path& media_dir, std::string_view bytes,
                        std::string_view relative_path) {
  auto header = sniff_image(bytes);
  if (!header)
    throw ImageError(header.error(), fmt::format("refused upload: {}", code(header.error())));
  if (!can_load(header->format))
    throw ImageError(ImageRefusal::type,
                     fmt::format("this libvips cannot load {}", name(header->format)));
  try {
    BorrowedBlob blob(bytes);
    return store_normalized(media_dir, normalized(load(header->format, blob)), relative_path);
  } catch (const vips::VError& e) {
    vips_error_clear();
    throw ImageError(ImageRefusal::damaged, fmt::format("not a usable image: {}", e.what()));
  }
}

StoredImage store_image(const fs::path& media_dir, const VImage& image,
                        std::string_view relative_path) {
  init_vips();
  try {
    return store_normalized(media_dir, normalized(image), relative_path);
  } catch (const vips::VError& e) {
    vips_error_clear();
    throw ImageError(ImageRefusal::damaged,
                     fmt::format("could not encode the image: {}", e.what()));
  }
}

std::size_t remove_image_files(const fs::path& media_dir, std::string_view relative_path) {
  auto checked = checked_media_path(relative_path);
  if (!checked) return 0;
  std::size_t removed = 0;
  auto remove = [&removed](const fs::path& file) {
    std::error_code ignored;
    if (fs::remove(file, ignored)) ++removed;
  };
  remove(media_dir / *checked);
  for (int width : kVariantWidths) remove(media_dir / variant_path(*checked, width));
  // Temporaries a crash left between writing and renaming: "{file}.tmp-{pid}-{n}".
  auto directory = (media_dir / *checked).parent_path();
  std::vector<std::string> names{fs::path(*checked).filename().string()};
  for (int width : kVariantWidths)
    names.push_back(fs::path(variant_path(*checked, width)).filename().string());
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    auto file = it->path().filename().string();
    for (const auto& name : names)
      if (file.starts_with(name + std::string(kTemporaryMark))) remove(it->path());
  }
  return removed;
}

}  // namespace comptoir::media
