#pragma once

// Smallest well-formed files of each format the sniffer reads, built byte by byte so a test can
// change exactly one thing (a size, a marker, what follows the end).

#include <cstdint>
#include <string>
#include <string_view>

namespace comptoir::media::test {

inline std::string be16(unsigned v) {
  return {static_cast<char>(v >> 8 & 0xFF), static_cast<char>(v & 0xFF)};
}
inline std::string be32(std::uint32_t v) {
  return be16(v >> 16) + be16(v & 0xFFFF);
}
inline std::string le16(unsigned v) {
  return {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8 & 0xFF)};
}
inline std::string le32(std::uint32_t v) {
  return le16(v & 0xFFFF) + le16(v >> 16);
}

// A JPEG segment: marker, then its length (counting itself) and payload.
inline std::string segment(unsigned char marker, std::string_view payload) {
  return std::string{'\xFF', static_cast<char>(marker)} +
         be16(static_cast<unsigned>(payload.size() + 2)) + std::string(payload);
}

// SOI, `extra` segments, SOF0 of width × height, SOS, entropy-coded bytes (with a stuffed 0xFF and
// a restart marker), EOI.
inline std::string jpeg(unsigned width = 16, unsigned height = 12, std::string_view extra = {}) {
  using namespace std::string_literals;
  return "\xFF\xD8"s + segment(0xE0, "JFIF\0\1\1\0\0\1\0\1\0\0"s) + std::string(extra) +
         segment(0xC0, "\x08"s + be16(height) + be16(width) + "\x01\x01\x11\x00"s) +
         segment(0xDA, "\x01\x01\x00\x00\x3F\x00"s) + "\x12\x34\xFF\x00\x56\xFF\xD0\x78"s +
         "\xFF\xD9"s;
}

inline std::string png_chunk(std::string_view type, std::string_view data) {
  return be32(static_cast<std::uint32_t>(data.size())) + std::string(type) + std::string(data) +
         "CRC!";  // never checked by the sniffer: the decoder does
}

inline std::string png(std::uint32_t width = 16, std::uint32_t height = 12,
                       std::string_view extra_chunks = {}) {
  using namespace std::string_literals;
  return "\x89PNG\r\n\x1A\n"s + png_chunk("IHDR", be32(width) + be32(height) + "\x08\x02\0\0\0"s) +
         std::string(extra_chunks) + png_chunk("IDAT", "\x78\x9C\x63\x00\x00"s) +
         png_chunk("IEND", "");
}

// GIF89a with a 2-colour table and one frame of the screen's size.
inline std::string gif(unsigned width = 16, unsigned height = 12,
                       std::string_view extensions = {}) {
  using namespace std::string_literals;
  return "GIF89a"s + le16(width) + le16(height) + "\x80\x00\x00"s + "\0\0\0\xFF\xFF\xFF"s +
         std::string(extensions) + "\x2C"s + le16(0) + le16(0) + le16(width) + le16(height) +
         "\x00\x02\x02\x44\x01\x00"s + "\x3B"s;
}

// A lossless WebP (VP8L) of width × height.
inline std::string webp(unsigned width = 16, unsigned height = 12) {
  using namespace std::string_literals;
  std::string chunk = "VP8L"s + le32(5) + "\x2F"s + le32((width - 1) | (height - 1) << 14) + "\0"s;
  return "RIFF"s + le32(static_cast<std::uint32_t>(4 + chunk.size())) + "WEBP"s + chunk;
}

inline std::string box(std::string_view type, std::string_view body) {
  return be32(static_cast<std::uint32_t>(8 + body.size())) + std::string(type) + std::string(body);
}

// ftyp (major brand `brand`), meta with iprp/ipco/ispe of width × height, mdat.
inline std::string avif(std::uint32_t width = 16, std::uint32_t height = 12,
                        std::string_view brand = "avif") {
  using namespace std::string_literals;
  auto ispe = box("ispe", "\0\0\0\0"s + be32(width) + be32(height));
  auto meta =
      box("meta", "\0\0\0\0"s + box("hdlr", "\0\0\0\0\0\0\0\0pict"s + std::string(13, '\0')) +
                      box("iprp", box("ipco", ispe)));
  return box("ftyp", std::string(brand) + "\0\0\0\0"s + "avifmif1miaf") + meta +
         box("mdat", "pixels");
}

}  // namespace comptoir::media::test
