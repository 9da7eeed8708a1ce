#pragma once

#include <gtest/gtest.h>
#define ZLIB_CONST
#include <zlib.h>

#include <string>

namespace comptoir::staticfiles::test_support {

// windowBits 31: expect a gzip wrapper, as browsers do for Content-Encoding: gzip. Shared by the
// tests of what is served precompressed (static files, cached pages).
inline std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 31), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<const Bytef*>(compressed.data());
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

}  // namespace comptoir::staticfiles::test_support
