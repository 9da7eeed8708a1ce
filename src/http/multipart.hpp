#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/types.hpp"

// multipart/form-data request bodies (RFC 7578, over RFC 2046's multipart syntax), read strictly:
// whatever two parsers could read differently is refused rather than guessed. Boost has no parser
// for them; this one is small, takes the whole body at once (the server has read it within the
// route's body limit) and copies nothing but names.
namespace comptoir::http {

struct MultipartLimits {
  std::size_t max_body_bytes = 16 * 1024 * 1024;  // the whole body
  std::size_t max_parts = 16;
  std::size_t max_part_header_bytes = 2048;  // one part's header block, its CRLFs included
  std::size_t max_field_bytes = 64 * 1024;   // one value without a filename (a text field)
};

// One part of the form. `data` points into the body given to parse_multipart: the form must not
// outlive it.
struct MultipartPart {
  std::string name;                     // Content-Disposition's name, clean text, not empty
  std::optional<std::string> filename;  // present for a file (possibly empty), clean text
  std::string content_type;             // "type/subtype" lower-cased; "text/plain" when absent
  std::string_view data;                // a text field's value is clean text
};

class MultipartForm {
 public:
  explicit MultipartForm(std::vector<MultipartPart> parts) : parts_(std::move(parts)) {}
  const std::vector<MultipartPart>& parts() const { return parts_; }
  // The first part named `name`; null when none is.
  const MultipartPart* find(std::string_view name) const;
  std::size_t count(std::string_view name) const;

 private:
  std::vector<MultipartPart> parts_;
};

enum class MultipartError {
  content_type,      // not multipart/form-data with one valid boundary parameter (400)
  malformed,         // the body does not follow the syntax below (400)
  unclean_text,      // a name, a filename or a text value is not clean text (400)
  too_many_parts,    // more than max_parts (413)
  header_too_large,  // a part's header block over max_part_header_bytes (413)
  field_too_large,   // a text value over max_field_bytes (413)
  body_too_large,    // the body over max_body_bytes (413)
};

// "malformed", "too_many_parts"…: the problem code is "multipart.<this>", the message key
// "multipart.error.<this>".
std::string_view name(MultipartError error);
Status status_of(MultipartError error);

// The boundary of a `multipart/form-data; boundary=…` Content-Type (type and parameter names in
// any case; the value a token or a quoted string of 1 to 70 of RFC 2046's characters, not ending
// in a space); nullopt for any other type, a missing, repeated or invalid boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Whether the Content-Type names multipart/form-data, whatever its parameters.
bool is_multipart_form(std::string_view content_type);

// The parts of `body`. Accepted, exactly:
//   "--" boundary CRLF part *(CRLF "--" boundary CRLF part) CRLF "--" boundary "--" [CRLF]
// where a part is header lines (each CRLF-ended, no folding, no NUL or other control character
// but tab) then CRLF then its bytes. So: no preamble, no epilogue, no padding after a boundary,
// and the boundary never followed by anything but CRLF or "--" (RFC 2046 forbids it in content).
// Headers: Content-Disposition exactly once, `form-data` with a non-empty `name` and an optional
// `filename` (tokens or quoted strings; no backslash escapes — browsers send `"` as %22 — and no
// `filename*`, which RFC 7578 §4.2 forbids; other parameters ignored, none twice); Content-Type at
// most once; Content-Transfer-Encoding at most once and only 7bit, 8bit or binary (§4.7); any
// other header is ignored (§4.8). At least one part.
std::expected<MultipartForm, MultipartError> parse_multipart(std::string_view content_type,
                                                             std::string_view body,
                                                             const MultipartLimits& limits = {});

// The client error for `error`: its status, `detail` (the translated message of
// "multipart.error.<name>") and {"code": "multipart.<name>"}.
HttpError multipart_refusal(MultipartError error, std::string detail);

}  // namespace comptoir::http
