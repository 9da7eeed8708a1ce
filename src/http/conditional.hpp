#pragma once

#include <string_view>

namespace comptoir::http {

// Whether an If-None-Match header names `etag` (a quoted entity tag) or is "*": the client's
// copy is current and a 304 answers it. RFC 9110 §13.1.2: weak comparison, so a "W/" prefix
// added by an intermediary still matches.
bool matches_if_none_match(std::string_view header, std::string_view etag);

}  // namespace comptoir::http
