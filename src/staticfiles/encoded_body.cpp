#include "staticfiles/encoded_body.hpp"

#include <sodium.h>

#include <array>

#include <fmt/format.h>

#include "http/conditional.hpp"
#include "http/middleware.hpp"

namespace comptoir::staticfiles {

std::string content_hash(std::string_view content) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), 12);
}

EncodedBody EncodedBody::of(std::string identity, bool compress, Levels levels) {
  EncodedBody body;
  body.hash = content_hash(identity);
  if (compress) {
    body.br = brotli_compress(identity, levels.brotli);
    body.gzip = gzip_compress(identity, levels.gzip);
  }
  body.identity = std::move(identity);
  return body;
}

std::size_t EncodedBody::bytes() const {
  return identity.size() + (br ? br->size() : 0) + (gzip ? gzip->size() : 0) + hash.size();
}

http::Response respond(const http::Request& request, const EncodedBody& body,
                       std::string_view content_type,
                       const std::function<void(http::Response&)>& headers) {
  return respond(request, request[http::Field::accept_encoding], body, content_type, headers);
}

http::Response respond(const http::Request& request, std::string_view accept_encoding,
                       const EncodedBody& body, std::string_view content_type,
                       const std::function<void(http::Response&)>& headers) {
  auto encoding = choose_encoding(accept_encoding, body.br.has_value(), body.gzip.has_value());
  auto etag = encoding == ContentEncoding::identity
                  ? fmt::format("\"{}\"", body.hash)
                  : fmt::format("\"{}-{}\"", body.hash, token(encoding));
  auto finish = [&](http::Response& response) {
    headers(response);
    response.set(http::Field::etag, etag);
    if (body.negotiated()) http::add_vary(response, "Accept-Encoding");
  };

  if (http::matches_if_none_match(request[http::Field::if_none_match], etag)) {
    http::Response response{http::Status::not_modified, request.version()};
    finish(response);
    return response;
  }
  const std::string& bytes = encoding == ContentEncoding::br     ? *body.br
                             : encoding == ContentEncoding::gzip ? *body.gzip
                                                                 : body.identity;
  auto response = http::text(http::Status::ok, bytes, content_type);
  response.version(request.version());
  finish(response);
  if (encoding != ContentEncoding::identity)
    response.set(http::Field::content_encoding, token(encoding));
  return response;
}

}  // namespace comptoir::staticfiles
