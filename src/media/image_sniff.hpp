#pragma once

#include <cstdint>
#include <expected>
#include <string_view>

// What an uploaded file is, told from its bytes alone (never its name or its declared type), and
// whether it may go on to the decoder. Pure byte reading, no libvips: unit-tested and fuzzed.
namespace comptoir::media {

// Largest image accepted, in pixels (a decompression bomb costs memory, not bytes).
inline constexpr std::int64_t kMaxPixels = 40'000'000;

enum class ImageFormat { jpeg, png, gif, webp, avif };

// Why a file is not taken. Each has its translated message (catalog.error.image_<code>).
enum class ImageRefusal {
  empty,       // 0 bytes
  type,        // no format we take (BMP, TIFF, HEIC, PDF, text…), or one this libvips cannot load
  markup,      // SVG, XML or HTML: they can carry scripts
  executable,  // ELF, PE ("MZ"), Mach-O, WebAssembly, a script ("#!")
  archive,     // ZIP (and JAR, DOCX…), gzip, bzip2, xz, 7z, RAR, zstd, tar, ar, cab
  too_large,   // more than kMaxPixels (or a side over 65 535), told by the header
  truncated,   // the file ends before the image does
  polyglot,    // bytes after the image's end, or HTML/script markers inside it
  damaged,     // the structure is wrong, or the decoder failed on the pixels
};

// "empty", "type", "markup"… (catalog.error.image_<code>, problem code image_<code>).
std::string_view code(ImageRefusal refusal);
std::string_view name(ImageFormat format);  // "jpeg", "png", "gif", "webp", "avif"

struct ImageHeader {
  ImageFormat format = ImageFormat::jpeg;
  std::int64_t width = 0;  // of the largest frame or item the header announces
  std::int64_t height = 0;
};

// Reads the file's structure, without decoding pixels:
// - JPEG: markers from SOI to EOI (segment lengths, entropy-coded data); the frame size from SOF.
//   After EOI, only the further JPEGs an MPF index (APP2 "MPF") announces, each whole (phones
//   store depth and gain maps so); anything else is a polyglot.
// - PNG: chunks from the signature and IHDR to IEND; nothing after IEND.
// - GIF: blocks from the header to the trailer (0x3B), every frame's size; nothing after.
// - WebP: RIFF chunks, exactly as long as the RIFF size says; VP8, VP8L or VP8X's size.
// - AVIF (major brand avif or avis): ISO BMFF boxes filling the file, every `ispe` size.
// Any format: refused as a polyglot when it holds HTML or script markers (<script, <iframe,
// <object, <embed, <!doctype, <html and <body tags, <?php, javascript:, onerror=, onload=; long
// enough never to turn up by chance in compressed pixels), wherever they are.
// Not an image: the refusal says what it is (markup, executable, archive) or `type`.
std::expected<ImageHeader, ImageRefusal> sniff_image(std::string_view bytes,
                                                     std::int64_t max_pixels = kMaxPixels);

}  // namespace comptoir::media
