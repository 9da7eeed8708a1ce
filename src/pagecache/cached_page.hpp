#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/locale.hpp"
#include "http/types.hpp"
#include "staticfiles/encoded_body.hpp"
#include "staticfiles/encoding.hpp"

// A page as the cache keeps it, and the rules of what may be kept and under which key.
namespace comptoir::pagecache {

// The whole answer of a route: its own header fields and its body with gzip and brotli variants.
// A variant is compressed once, the first time a client that prefers it is answered from the
// page: browsers get brotli and never cost the page its gzip, and a client that accepts neither
// costs it no compression. Immutable once shared (the cache replaces a page by a copy holding one
// more variant), shared by the requests it answers.
struct CachedPage {
  // The handler's, as it set them, with Accept-Encoding in Vary (whether or not the variants are
  // made yet).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type;
  staticfiles::EncodedBody body;
  bool tried_br = false;  // whether brotli was tried (body.br: absent when it was not smaller)
  bool tried_gzip = false;

  // `response` must be storable (below); its body is not compressed yet.
  static CachedPage of(http::Response response);
  // The encoding a client with `accept_encoding` prefers among those the page holds or may make.
  staticfiles::ContentEncoding preferred(std::string_view accept_encoding) const;
  // Whether that encoding is one the page has not tried yet.
  bool lacks(std::string_view accept_encoding) const;
  // Compresses what lacks() says, at `levels`, until the preferred encoding is one the page holds
  // (or identity: a variant that is not smaller than the page is not kept).
  void make_for(std::string_view accept_encoding, staticfiles::EncodedBody::Levels levels);
  std::size_t bytes() const;  // bodies, hash and header fields
};

// The header field in which a route says what its page shows, as space-separated tags
// ("product:12 category:3"): PageStore::drop_tags() drops the pages carrying one. Internal: the
// page cache takes it out of every answer before it leaves.
inline constexpr std::string_view kTagsField = "Comptoir-Cache-Tags";

// Takes the tags out of `response` (none when it has none).
std::vector<std::string> take_tags(http::Response& response);

// Whether a handler's answer is the same for every visitor and may be kept: a 200 that sets no
// cookie, is not already encoded, and does not say Cache-Control: private or no-store (a route
// that opted in may still keep one answer out that way).
bool storable(const http::Response& response);

// The answer to `request`, whose Accept-Encoding is `accept_encoding`, from `page`
// (staticfiles::respond: the encoding it holds that the client prefers, its ETag and 304), with the
// page's own header fields and `cache_status` as the Cache-Status field (RFC 9211). HEAD gets the
// same fields: the server leaves the body out.
http::Response answer(const CachedPage& page, const http::Request& request,
                      std::string_view accept_encoding, std::string_view cache_status);

// The query string with its parameters in order of name (a name's values keep their order, so the
// last of a repeated one still wins) and empty ones dropped; names and values stay as the client
// encoded them, so two queries a page could read differently never share a key.
std::string normalized_query(std::string_view query);

// "fr /fr/produits?q=tasse&sort=price": what a page is stored under within one generation.
std::string page_key(core::Locale locale, std::string_view path, std::string_view query);

}  // namespace comptoir::pagecache
