#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace comptoir::staticfiles {

enum class ContentEncoding { identity, br, gzip };

std::string_view token(ContentEncoding encoding);

// Brotli at quality 11 / gzip at level 9; nullopt when the result would not be smaller.
std::optional<std::string> brotli_compress(std::string_view data);
std::optional<std::string> gzip_compress(std::string_view data);

// Which of the encodings we hold the client accepts best (RFC 9110 §12.5.3): highest q wins, br on
// a tie, q=0 refuses, `*` covers encodings not named. identity when nothing else fits.
ContentEncoding choose_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

}  // namespace comptoir::staticfiles
