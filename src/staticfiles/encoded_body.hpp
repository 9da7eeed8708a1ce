#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/types.hpp"
#include "staticfiles/encoding.hpp"

namespace comptoir::staticfiles {

// A body kept with its precompressed variants and its validator, compressed once and then served
// many times: the static files (read at start) and the cached pages (pagecache). Immutable once
// built, so threads share it without a lock.
struct EncodedBody {
  std::string identity;
  std::optional<std::string> br;    // absent when brotli would not be smaller, or not asked for
  std::optional<std::string> gzip;  // likewise
  std::string hash;                 // first 12 hex digits of the SHA-256 of `identity`

  struct Levels {
    int brotli = 11;  // 0-11
    int gzip = 9;     // 1-9
  };
  // `identity` hashed and, when `compress`, compressed at `levels`.
  static EncodedBody of(std::string identity, bool compress, Levels levels);

  bool negotiated() const { return br.has_value() || gzip.has_value(); }
  std::size_t bytes() const;  // what the three bodies and the hash hold
};

// The first 12 hex digits of the SHA-256 of `content`: file fingerprints and entity tags.
std::string content_hash(std::string_view content);

// The answer to `request` from `body`: the representation the client's Accept-Encoding prefers
// (br, gzip or identity), its own ETag ("hash", "hash-br", "hash-gzip": RFC 9110 §8.8.3.3, so a
// cache never revalidates gzip bytes against a brotli tag) and, when variants exist,
// Vary: Accept-Encoding. 304 without a body when If-None-Match names that ETag; otherwise 200 with
// the bytes, `content_type` and Content-Encoding. `headers` adds the caller's own fields to
// either (Cache-Control, …) before the representation's are set.
http::Response respond(const http::Request& request, const EncodedBody& body,
                       std::string_view content_type,
                       const std::function<void(http::Response&)>& headers);
// The same, with the request's Accept-Encoding already read (`accept_encoding`).
http::Response respond(const http::Request& request, std::string_view accept_encoding,
                       const EncodedBody& body, std::string_view content_type,
                       const std::function<void(http::Response&)>& headers);

}  // namespace comptoir::staticfiles
