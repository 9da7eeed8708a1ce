#include "media/image_sniff.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

namespace comptoir::media {
namespace {

using Sniffed = std::expected<ImageHeader, ImageRefusal>;
using End = std::expected<std::size_t, ImageRefusal>;  // where the image's bytes end

constexpr std::int64_t kMaxSide = 65'535;
constexpr std::size_t kNpos = std::string_view::npos;

unsigned byte_at(std::string_view b, std::size_t at) {
  return static_cast<unsigned char>(b[at]);
}

// Whether `count` bytes from `at` lie inside `b` (no overflow for any value).
bool has(std::string_view b, std::size_t at, std::uint64_t count) {
  return at <= b.size() && count <= b.size() - at;
}

std::uint32_t be16(std::string_view b, std::size_t at) {
  return byte_at(b, at) << 8 | byte_at(b, at + 1);
}
std::uint32_t be32(std::string_view b, std::size_t at) {
  return be16(b, at) << 16 | be16(b, at + 2);
}
std::uint64_t be64(std::string_view b, std::size_t at) {
  return std::uint64_t{be32(b, at)} << 32 | be32(b, at + 4);
}
std::uint32_t le16(std::string_view b, std::size_t at) {
  return byte_at(b, at) | byte_at(b, at + 1) << 8;
}
std::uint32_t le24(std::string_view b, std::size_t at) {
  return le16(b, at) | byte_at(b, at + 2) << 16;
}
std::uint32_t le32(std::string_view b, std::size_t at) {
  return le16(b, at) | le16(b, at + 2) << 16;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::ranges::equal(text.substr(0, prefix.size()), prefix,
                            [](char a, char b) { return lower(a) == lower(b); });
}

// A frame or item of `width` × `height`: nothing when acceptable.
std::optional<ImageRefusal> check_size(std::int64_t width, std::int64_t height,
                                       std::int64_t max_pixels) {
  if (width <= 0 || height <= 0) return ImageRefusal::damaged;
  if (width > kMaxSide || height > kMaxSide || width * height > max_pixels)
    return ImageRefusal::too_large;
  return std::nullopt;
}

// HTML or script that a browser or an interpreter would run if the file were ever served as
// something else. Each marker is at least 6 significant bytes (or 5 and a delimiter), so the
// chance of one turning up in compressed pixels is about 2^-41 per byte: once in tens of
// thousands of 15 MB uploads at worst. `<svg` (4 bytes) would be a hundred times likelier, and
// an SVG file is refused as markup anyway.
bool holds_active_markers(std::string_view bytes) {
  static constexpr std::array<std::string_view, 4> kTags{"<script", "<iframe", "<object", "<embed"};
  auto delimited = [&](std::size_t at, std::string_view tag, std::string_view delimiters) {
    return starts_with_ci(bytes.substr(at), tag) && has(bytes, at, tag.size() + 1) &&
           delimiters.find(bytes[at + tag.size()]) != kNpos;
  };
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    char c = lower(bytes[at]);
    if (c == '<') {
      auto rest = bytes.substr(at);
      if (std::ranges::any_of(kTags, [&](auto tag) { return starts_with_ci(rest, tag); }) ||
          starts_with_ci(rest, "<!doctype") || delimited(at, "<?php", " \t\r\n") ||
          delimited(at, "<html", " \t\r\n>/") || delimited(at, "<body", " \t\r\n>/"))
        return true;
    } else if (c == 'j') {
      if (starts_with_ci(bytes.substr(at), "javascript:")) return true;
    } else if (c == 'o') {
      auto rest = bytes.substr(at);
      if (starts_with_ci(rest, "onerror=") || starts_with_ci(rest, "onload=")) return true;
    }
  }
  return false;
}

// --- JPEG -------------------------------------------------------------------------------------

bool is_start_of_frame(unsigned marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// One JPEG from the SOI at `pos` to its EOI: where it ends. Sets `header` (with `max_pixels`
// checked) and `mpf` when an APP2 MPF index announces further images.
End walk_jpeg(std::string_view b, std::size_t pos, std::int64_t max_pixels, ImageHeader& header,
              bool& mpf) {
  if (!has(b, pos, 2) || byte_at(b, pos) != 0xFF || byte_at(b, pos + 1) != 0xD8)
    return std::unexpected(ImageRefusal::damaged);
  pos += 2;
  bool frame = false;
  bool scanned = false;
  while (true) {
    if (pos >= b.size()) return std::unexpected(ImageRefusal::truncated);
    if (byte_at(b, pos) != 0xFF) return std::unexpected(ImageRefusal::damaged);
    while (pos < b.size() && byte_at(b, pos) == 0xFF) ++pos;  // fill bytes
    if (pos >= b.size()) return std::unexpected(ImageRefusal::truncated);
    unsigned marker = byte_at(b, pos++);
    if (marker == 0xD9) {  // EOI
      if (!frame || !scanned) return std::unexpected(ImageRefusal::damaged);
      return pos;
    }
    if (marker == 0x00 || marker == 0xD8) return std::unexpected(ImageRefusal::damaged);
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;  // no length
    if (!has(b, pos, 2)) return std::unexpected(ImageRefusal::truncated);
    auto length = be16(b, pos);
    if (length < 2) return std::unexpected(ImageRefusal::damaged);
    if (!has(b, pos, length)) return std::unexpected(ImageRefusal::truncated);
    auto segment = b.substr(pos + 2, length - 2);
    if (is_start_of_frame(marker)) {
      if (frame || segment.size() < 6) return std::unexpected(ImageRefusal::damaged);
      frame = true;
      header.height = be16(segment, 1);  // 0 (a later DNL marker) is refused as damaged
      header.width = be16(segment, 3);
      if (auto refused = check_size(header.width, header.height, max_pixels))
        return std::unexpected(*refused);
    } else if (marker == 0xE2 && segment.starts_with(std::string_view("MPF\0", 4))) {
      mpf = true;
    }
    pos += length;
    if (marker != 0xDA) continue;
    // SOS: entropy-coded data up to the next marker (0xFF then neither 0x00 nor a restart).
    if (!frame) return std::unexpected(ImageRefusal::damaged);
    scanned = true;
    while (true) {
      auto ff = b.find('\xFF', pos);
      if (ff == kNpos || ff + 1 >= b.size()) return std::unexpected(ImageRefusal::truncated);
      auto next = byte_at(b, ff + 1);
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
        pos = ff + 2;
        continue;
      }
      pos = ff;
      break;
    }
  }
}

Sniffed jpeg(std::string_view b, std::int64_t max_pixels) {
  ImageHeader header{.format = ImageFormat::jpeg};
  bool mpf = false;
  auto end = walk_jpeg(b, 0, max_pixels, header, mpf);
  if (!end) return std::unexpected(end.error());
  if (*end == b.size()) return header;
  if (!mpf) return std::unexpected(ImageRefusal::polyglot);
  // What follows EOI: only whole JPEGs, as an MPF index announces (not decoded: no size limit).
  for (auto pos = *end; pos < b.size();) {
    ImageHeader ignored;
    bool nested = false;
    auto next = walk_jpeg(b, pos, kMaxSide * kMaxSide, ignored, nested);
    if (!next) return std::unexpected(ImageRefusal::polyglot);
    pos = *next;
  }
  return header;
}

// --- PNG --------------------------------------------------------------------------------------

bool is_chunk_type(std::string_view type) {
  return std::ranges::all_of(
      type, [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

Sniffed png(std::string_view b, std::int64_t max_pixels) {
  if (!has(b, 8, 8 + 13 + 4)) return std::unexpected(ImageRefusal::truncated);
  if (be32(b, 8) != 13 || b.substr(12, 4) != "IHDR") return std::unexpected(ImageRefusal::damaged);
  ImageHeader header{.format = ImageFormat::png, .width = be32(b, 16), .height = be32(b, 20)};
  if (auto refused = check_size(header.width, header.height, max_pixels))
    return std::unexpected(*refused);
  std::size_t pos = 8 + 12 + 13;
  bool pixels = false;
  while (true) {
    if (!has(b, pos, 8)) return std::unexpected(ImageRefusal::truncated);
    auto length = be32(b, pos);
    auto type = b.substr(pos + 4, 4);
    if (length > 0x7FFF'FFFF || !is_chunk_type(type) || type == "IHDR")
      return std::unexpected(ImageRefusal::damaged);
    if (!has(b, pos + 8, std::uint64_t{length} + 4))
      return std::unexpected(ImageRefusal::truncated);
    pos += 12 + std::size_t{length};
    if (type == "IDAT") pixels = true;
    if (type == "IEND") break;
  }
  if (!pixels) return std::unexpected(ImageRefusal::damaged);
  if (pos != b.size()) return std::unexpected(ImageRefusal::polyglot);
  return header;
}

// --- GIF --------------------------------------------------------------------------------------

// Skips data sub-blocks (a size byte, then that many bytes) up to the empty one.
End skip_sub_blocks(std::string_view b, std::size_t pos) {
  while (true) {
    if (pos >= b.size()) return std::unexpected(ImageRefusal::truncated);
    auto size = byte_at(b, pos++);
    if (size == 0) return pos;
    pos += size;
  }
}

Sniffed gif(std::string_view b, std::int64_t max_pixels) {
  if (!has(b, 0, 13)) return std::unexpected(ImageRefusal::truncated);
  ImageHeader header{.format = ImageFormat::gif, .width = le16(b, 6), .height = le16(b, 8)};
  if (auto refused = check_size(header.width, header.height, max_pixels))
    return std::unexpected(*refused);
  auto colour_table = [](unsigned flags) -> std::size_t {
    return flags & 0x80 ? 3 * (std::size_t{1} << ((flags & 7) + 1)) : 0;
  };
  std::size_t pos = 13 + colour_table(byte_at(b, 10));
  std::size_t frames = 0;
  while (true) {
    if (pos >= b.size()) return std::unexpected(ImageRefusal::truncated);
    auto block = byte_at(b, pos);
    if (block == 0x3B) {  // trailer
      if (frames == 0) return std::unexpected(ImageRefusal::damaged);
      ++pos;
      break;
    }
    End next;
    if (block == 0x21) {  // extension: label, then sub-blocks
      next = skip_sub_blocks(b, pos + 2);
    } else if (block == 0x2C) {  // image descriptor
      if (!has(b, pos, 10)) return std::unexpected(ImageRefusal::truncated);
      if (auto refused = check_size(le16(b, pos + 5), le16(b, pos + 7), max_pixels))
        return std::unexpected(*refused);
      // Then its colour table, the LZW minimum code size, and the pixel sub-blocks.
      next = skip_sub_blocks(b, pos + 10 + colour_table(byte_at(b, pos + 9)) + 1);
      ++frames;
    } else {
      return std::unexpected(ImageRefusal::damaged);
    }
    if (!next) return std::unexpected(next.error());
    pos = *next;
  }
  if (pos != b.size()) return std::unexpected(ImageRefusal::polyglot);
  return header;
}

// --- WebP -------------------------------------------------------------------------------------

Sniffed webp(std::string_view b, std::int64_t max_pixels) {
  auto riff_size = le32(b, 4);
  if (riff_size < 4 || riff_size % 2 != 0) return std::unexpected(ImageRefusal::damaged);
  auto end = std::uint64_t{8} + riff_size;
  if (end > b.size()) return std::unexpected(ImageRefusal::truncated);
  if (end < b.size()) return std::unexpected(ImageRefusal::polyglot);
  ImageHeader header{.format = ImageFormat::webp};
  std::size_t pos = 12;
  bool first = true;
  while (pos < end) {
    if (!has(b, pos, 8)) return std::unexpected(ImageRefusal::damaged);
    auto fourcc = b.substr(pos, 4);
    std::uint64_t size = le32(b, pos + 4);
    if (pos + 8 + size + (size & 1) > end) return std::unexpected(ImageRefusal::damaged);
    auto data = b.substr(pos + 8, size);
    if (first) {
      first = false;
      if (fourcc == "VP8 " && data.size() >= 10 && data.substr(3, 3) == "\x9d\x01\x2a") {
        header.width = le16(data, 6) & 0x3FFF;
        header.height = le16(data, 8) & 0x3FFF;
      } else if (fourcc == "VP8L" && data.size() >= 5 && byte_at(data, 0) == 0x2F) {
        auto bits = le32(data, 1);
        header.width = (bits & 0x3FFF) + 1;
        header.height = (bits >> 14 & 0x3FFF) + 1;
      } else if (fourcc == "VP8X" && data.size() >= 10) {
        header.width = le24(data, 4) + 1;
        header.height = le24(data, 7) + 1;
      } else {
        return std::unexpected(ImageRefusal::damaged);
      }
      if (auto refused = check_size(header.width, header.height, max_pixels))
        return std::unexpected(*refused);
    }
    pos += 8 + size + (size & 1);
  }
  if (first) return std::unexpected(ImageRefusal::damaged);
  return header;
}

// --- AVIF (ISO BMFF) --------------------------------------------------------------------------

struct Box {
  std::string_view type;
  std::size_t body = 0;  // where its content starts
  std::size_t end = 0;
};

// The box at `pos`, which must end by `limit`. A box "to the end of the file" (size 0) is refused:
// encoders write sizes, and it would swallow whatever was appended.
std::expected<Box, ImageRefusal> box_at(std::string_view b, std::size_t pos, std::size_t limit) {
  if (!has(b, pos, 8) || pos + 8 > limit) return std::unexpected(ImageRefusal::truncated);
  Box box{.type = b.substr(pos + 4, 4), .body = pos + 8, .end = 0};
  std::uint64_t size = be32(b, pos);
  if (size == 1) {
    if (!has(b, pos, 16) || pos + 16 > limit) return std::unexpected(ImageRefusal::truncated);
    size = be64(b, pos + 8);
    box.body = pos + 16;
  }
  if (size == 0 || size < box.body - pos) return std::unexpected(ImageRefusal::damaged);
  if (size > limit - pos) return std::unexpected(ImageRefusal::truncated);
  box.end = pos + static_cast<std::size_t>(size);
  return box;
}

// The boxes an AVIF file holds after its ftyp. Anything else there (a second ftyp, bytes that
// are no box) was appended.
bool is_top_level_box(std::string_view type) {
  for (std::string_view known : {"meta", "mdat", "moov", "free", "skip", "uuid", "wide"})
    if (type == known) return true;
  return false;
}

// The first child of type `type` in [from, to); nullopt when none; a broken child is an error.
std::expected<std::optional<Box>, ImageRefusal> child(std::string_view b, std::size_t from,
                                                      std::size_t to, std::string_view type) {
  for (auto pos = from; pos < to;) {
    auto box = box_at(b, pos, to);
    if (!box) return std::unexpected(ImageRefusal::damaged);
    if (box->type == type) return std::optional<Box>(*box);
    pos = box->end;
  }
  return std::nullopt;
}

bool is_avif_brand(std::string_view brand) {
  return brand == "avif" || brand == "avis";
}

Sniffed avif(std::string_view b, std::int64_t max_pixels) {
  auto ftyp = box_at(b, 0, b.size());
  if (!ftyp) return std::unexpected(ftyp.error());
  if (ftyp->end - ftyp->body < 8) return std::unexpected(ImageRefusal::damaged);
  auto major = b.substr(ftyp->body, 4);
  bool avif = is_avif_brand(major);
  if (major == "mif1" || major == "msf1")  // older encoders: AVIF among the compatible brands
    for (auto at = ftyp->body + 8; at + 4 <= ftyp->end; at += 4)
      avif = avif || is_avif_brand(b.substr(at, 4));
  if (!avif) return std::unexpected(ImageRefusal::type);  // HEIC and other ISO BMFF files

  std::optional<Box> meta;
  for (auto pos = ftyp->end; pos < b.size();) {
    if (!has(b, pos, 8) || !is_top_level_box(b.substr(pos + 4, 4)))
      return std::unexpected(ImageRefusal::polyglot);
    auto box = box_at(b, pos, b.size());
    if (!box) return std::unexpected(box.error());
    if (box->type == "meta" && !meta) meta = *box;
    pos = box->end;
  }
  if (!meta || meta->end - meta->body < 4) return std::unexpected(ImageRefusal::damaged);
  auto iprp = child(b, meta->body + 4, meta->end, "iprp");  // meta is a full box
  if (!iprp || !*iprp) return std::unexpected(ImageRefusal::damaged);
  auto ipco = child(b, (*iprp)->body, (*iprp)->end, "ipco");
  if (!ipco || !*ipco) return std::unexpected(ImageRefusal::damaged);
  ImageHeader header{.format = ImageFormat::avif};
  for (auto pos = (*ipco)->body; pos < (*ipco)->end;) {
    auto box = box_at(b, pos, (*ipco)->end);
    if (!box) return std::unexpected(ImageRefusal::damaged);
    if (box->type == "ispe") {  // full box, then width and height
      if (box->end - box->body < 12) return std::unexpected(ImageRefusal::damaged);
      std::int64_t width = be32(b, box->body + 4);
      std::int64_t height = be32(b, box->body + 8);
      if (auto refused = check_size(width, height, max_pixels)) return std::unexpected(*refused);
      if (width * height > header.width * header.height) {
        header.width = width;
        header.height = height;
      }
    }
    pos = box->end;
  }
  if (header.width == 0) return std::unexpected(ImageRefusal::damaged);
  return header;
}

// --- What it is when not an image ------------------------------------------------------------

bool is_executable(std::string_view b) {
  for (std::string_view magic :
       {std::string_view("\x7f"
                         "ELF"),
        std::string_view("MZ"), std::string_view("#!"), std::string_view("\xfe\xed\xfa\xce"),
        std::string_view("\xfe\xed\xfa\xcf"), std::string_view("\xce\xfa\xed\xfe"),
        std::string_view("\xcf\xfa\xed\xfe"), std::string_view("\xca\xfe\xba\xbe"),
        std::string_view("\0asm", 4)})
    if (b.starts_with(magic)) return true;
  return false;
}

bool is_archive(std::string_view b) {
  for (std::string_view magic :
       {std::string_view("PK\x03\x04"), std::string_view("PK\x05\x06"),
        std::string_view("PK\x07\x08"), std::string_view("\x1f\x8b"), std::string_view("\x1f\x9d"),
        std::string_view("BZh"),
        std::string_view("\xfd"
                         "7zXZ\0",
                         6),
        std::string_view("7z\xbc\xaf\x27\x1c"), std::string_view("Rar!\x1a\x07"),
        std::string_view("\x28\xb5\x2f\xfd"), std::string_view("!<arch>\n"),
        std::string_view("MSCF"), std::string_view("LZIP")})
    if (b.starts_with(magic)) return true;
  return b.size() >= 262 && b.substr(257, 5) == "ustar";
}

// Text whose first significant character is '<' (after a byte-order mark and blanks): SVG, XML,
// HTML, in UTF-8 or UTF-16.
bool is_markup(std::string_view b) {
  if (b.starts_with("\xff\xfe") || b.starts_with("\xfe\xff")) {
    for (std::size_t at = 2; at < b.size(); ++at) {
      char c = b[at];
      if (c == '<') return true;
      if (c != '\0' && c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    }
    return false;
  }
  if (b.starts_with("\xef\xbb\xbf")) b.remove_prefix(3);
  auto first = b.find_first_not_of(" \t\r\n\f");
  return first != kNpos && b[first] == '<';
}

}  // namespace

std::string_view code(ImageRefusal refusal) {
  switch (refusal) {
    case ImageRefusal::empty:
      return "empty";
    case ImageRefusal::type:
      return "type";
    case ImageRefusal::markup:
      return "markup";
    case ImageRefusal::executable:
      return "executable";
    case ImageRefusal::archive:
      return "archive";
    case ImageRefusal::too_large:
      return "too_large";
    case ImageRefusal::truncated:
      return "truncated";
    case ImageRefusal::polyglot:
      return "polyglot";
    case ImageRefusal::damaged:
      return "damaged";
  }
  return "damaged";
}

std::string_view name(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg:
      return "jpeg";
    case ImageFormat::png:
      return "png";
    case ImageFormat::gif:
      return "gif";
    case ImageFormat::webp:
      return "webp";
    case ImageFormat::avif:
      return "avif";
  }
  return "jpeg";
}

std::expected<ImageHeader, ImageRefusal> sniff_image(std::string_view b, std::int64_t max_pixels) {
  if (b.empty()) return std::unexpected(ImageRefusal::empty);
  Sniffed (*reader)(std::string_view, std::int64_t) = nullptr;
  if (b.starts_with("\xff\xd8\xff"))
    reader = jpeg;
  else if (b.starts_with("\x89PNG\r\n\x1a\n"))
    reader = png;
  else if (b.starts_with("GIF87a") || b.starts_with("GIF89a"))
    reader = gif;
  else if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP")
    reader = webp;
  else if (b.size() >= 8 && b.substr(4, 4) == "ftyp")
    reader = avif;
  if (reader != nullptr) {
    if (holds_active_markers(b)) return std::unexpected(ImageRefusal::polyglot);
    return reader(b, max_pixels);
  }
  if (is_executable(b)) return std::unexpected(ImageRefusal::executable);
  if (is_archive(b)) return std::unexpected(ImageRefusal::archive);
  if (is_markup(b)) return std::unexpected(ImageRefusal::markup);
  return std::unexpected(ImageRefusal::type);
}

}  // namespace comptoir::media
