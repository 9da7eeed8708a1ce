#include "staticfiles/encoding.hpp"

#include <brotli/encode.h>
// Makes z_stream::next_in a pointer to const, so the input needs no const_cast.
#define ZLIB_CONST
#include <zlib.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

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

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// qvalue in thousandths (RFC 9110 §12.4.2); a malformed weight counts as a refusal.
int parse_qvalue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return 0;
  int value = (text[0] - '0') * 1000;
  if (text.size() == 1) return value;
  if (text[1] != '.' || text.size() > 5) return 0;
  int scale = 100;
  for (char c : text.substr(2)) {
    if (c < '0' || c > '9') return 0;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return value > 1000 ? 0 : value;
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

std::optional<std::string> brotli_compress(std::string_view data) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  auto size = out.size();
  if (out.empty() ||
      !BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                             data.size(), reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data())))
    return std::nullopt;
  if (size >= data.size()) return std::nullopt;
  out.resize(size);
  return out;
}

std::optional<std::string> gzip_compress(std::string_view data) {
  if (data.size() > std::numeric_limits<uInt>::max()) return std::nullopt;
  z_stream stream{};
  // windowBits 15 + 16 asks zlib for a gzip wrapper rather than raw zlib.
  if (deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
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
  while (!accept_encoding.empty()) {
    auto comma = accept_encoding.find(',');
    auto item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    auto semicolon = item.find(';');
    auto coding = trim(item.substr(0, semicolon));
    int q = 1000;
    if (semicolon != std::string_view::npos) {
      auto parameter = trim(item.substr(semicolon + 1));
      q = parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
                  parameter[1] == '='
              ? parse_qvalue(trim(parameter.substr(2)))
              : 0;
    }
    if (iequals(coding, "br"))
      br_q = q;
    else if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
      gzip_q = q;
    else if (coding == "*")
      any_q = q;
  }
  if (br_q < 0) br_q = any_q;
  if (gzip_q < 0) gzip_q = any_q;
  if (!have_br) br_q = 0;
  if (!have_gzip) gzip_q = 0;
  if (br_q > 0 && br_q >= gzip_q) return ContentEncoding::br;
  if (gzip_q > 0) return ContentEncoding::gzip;
  return ContentEncoding::identity;
}

}  // namespace comptoir::staticfiles
