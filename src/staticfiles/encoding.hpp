#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace comptoir::staticfiles {

enum class ContentEncoding { identity, br, gzip };

std::string_view token(ContentEncoding encoding);

// Brotli at `quality` (0-11) / gzip at `level` (1-9); nullopt when the result would not be
// smaller. Static files take the best (once, at start); cached pages a cheaper one (pagecache).
std::optional<std::string> brotli_compress(std::string_view data, int quality = 11);
std::optional<std::string> gzip_compress(std::string_view data, int level = 9);

// Which of the encodings we hold the client accepts best (RFC 9110 §12.5.3): highest q wins, br on
// a tie, q=0 refuses, `*` covers encodings not named. identity when nothing else fits.
ContentEncoding choose_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

}  // namespace comptoir::staticfiles
