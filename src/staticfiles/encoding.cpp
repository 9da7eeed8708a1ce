#include "staticfiles/encoding.hpp"

#include <brotli/encode.h>
// Makes z_stream::next_in a pointer to const, so the input needs no const_cast.
#define ZLIB_CONST
#include <zlib.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "http/weighted_list.hpp"

namespace comptoir::staticfiles {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view token(ContentEncoding encoding) {
  switch (encoding) {
    case ContentEncoding::br:
      return "br";
    case ContentEncoding::gzip:
      return "gzip";
    case ContentEncoding::identity:
      break;
  }
  return "identity";
}

std::optional<std::string> brotli_compress(std::string_view data, int quality) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  auto size = out.size();
  if (out.empty() ||
      !BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                             reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data())))
    return std::nullopt;
  if (size >= data.size()) return std::nullopt;
  out.resize(size);
  return out;
}

std::optional<std::string> gzip_compress(std::string_view data, int level) {
  if (data.size() > std::numeric_limits<uInt>::max()) return std::nullopt;
  z_stream stream{};
  // windowBits 15 + 16 asks zlib for a gzip wrapper rather than raw zlib.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib deflateInit2 failed");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<const Bytef*>(data.data());
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  auto result = deflate(&stream, Z_FINISH);
  auto size = static_cast<std::size_t>(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib deflate did not finish");
  if (size >= data.size()) return std::nullopt;
  out.resize(size);
  return out;
}

ContentEncoding choose_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip) {
  int br_q = -1;
  int gzip_q = -1;
  int any_q = -1;
  http::for_each_weighted(accept_encoding, [&](const http::WeightedItem& item) {
    // A malformed weight counts as a refusal (its q is 0).
    if (iequals(item.value, "br"))
      br_q = item.q;
    else if (iequals(item.value, "gzip") || iequals(item.value, "x-gzip"))
      gzip_q = item.q;
    else if (item.value == "*")
      any_q = item.q;
  });
  if (br_q < 0) br_q = any_q;
  if (gzip_q < 0) gzip_q = any_q;
  if (!have_br) br_q = 0;
  if (!have_gzip) gzip_q = 0;
  if (br_q > 0 && br_q >= gzip_q) return ContentEncoding::br;
  if (gzip_q > 0) return ContentEncoding::gzip;
  return ContentEncoding::identity;
}

}  // namespace comptoir::staticfiles
