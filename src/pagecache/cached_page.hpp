#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/locale.hpp"
#include "http/types.hpp"
#include "staticfiles/encoded_body.hpp"

// A page as the cache keeps it, and the rules of what may be kept and under which key.
namespace comptoir::pagecache {

// The whole answer of a route: its own header fields and its body with gzip and brotli variants,
// compressed once when stored. Immutable, shared by the requests it answers.
struct CachedPage {
  std::vector<std::pair<std::string, std::string>> headers;  // the handler's, as it set them
  std::string content_type;
  staticfiles::EncodedBody body;

  // `response` must be storable (below); its body is compressed at `levels`.
  static CachedPage of(http::Response response, staticfiles::EncodedBody::Levels levels);
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

// The answer to `request` from `page` (staticfiles::respond: its encoding, ETag, Vary and 304),
// with the page's own header fields and `cache_status` as the Cache-Status field (RFC 9211).
// HEAD gets the same fields: the server leaves the body out.
http::Response answer(const CachedPage& page, const http::Request& request,
                      std::string_view cache_status);

// The query string with its parameters in order of name (a name's values keep their order, so the
// last of a repeated one still wins) and empty ones dropped; names and values stay as the client
// encoded them, so two queries a page could read differently never share a key.
std::string normalized_query(std::string_view query);

// "fr /fr/produits?q=tasse&sort=price": what a page is stored under within one generation.
std::string page_key(core::Locale locale, std::string_view path, std::string_view query);

}  // namespace comptoir::pagecache
