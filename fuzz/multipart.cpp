// multipart/form-data bodies (http::parse_multipart, which image uploads go through). Input: the
// Content-Type on the first line, the body after it. Properties: no crash, limits hold, every part
// is a piece of the body, text is clean, and what is accepted reads back the same once written
// out again with the same boundary.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"

namespace {

using comptoir::fuzz::check;
using comptoir::http::MultipartForm;

const comptoir::http::MultipartLimits kLimits{
    .max_body_bytes = 3000, .max_parts = 8, .max_part_header_bytes = 256, .max_field_bytes = 512};

bool within(std::string_view inner, std::string_view outer) {
  return inner.empty() || (inner.data() >= outer.data() &&
                           inner.data() + inner.size() <= outer.data() + outer.size());
}

// The form written out again, as a browser would with `boundary`.
std::string written(const MultipartForm& form, std::string_view boundary) {
  std::string out;
  for (const auto& part : form.parts()) {
    out += "--" + std::string(boundary) + "\r\nContent-Disposition: form-data; name=\"" +
           part.name + "\"";
    if (part.filename) out += "; filename=\"" + *part.filename + "\"";
    out += "\r\nContent-Type: " + part.content_type + "\r\n\r\n";
    out += part.data;
    out += "\r\n";
  }
  return out + "--" + std::string(boundary) + "--\r\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [content_type, body] = comptoir::fuzz::split_at_newline(comptoir::fuzz::as_text(data, size));
  auto boundary = comptoir::http::multipart_boundary(content_type);
  auto form = comptoir::http::parse_multipart(content_type, body, kLimits);
  if (!boundary) {
    check(!form && form.error() == comptoir::http::MultipartError::content_type,
          "without a boundary, the content type is the error");
    return 0;
  }
  check(boundary->size() >= 1 && boundary->size() <= 70, "a boundary has 1 to 70 characters");
  if (!form) {
    auto status = comptoir::http::status_of(form.error());
    check(status == comptoir::http::Status::bad_request ||
              status == comptoir::http::Status::payload_too_large,
          "a refusal is a 400 or a 413");
    return 0;
  }
  check(body.size() <= kLimits.max_body_bytes, "an accepted body is within the limit");
  check(!form->parts().empty() && form->parts().size() <= kLimits.max_parts,
        "one to max_parts parts");
  for (const auto& part : form->parts()) {
    check(within(part.data, body), "a part's bytes are a piece of the body");
    check(!part.name.empty() && comptoir::http::is_clean_text(part.name), "names are clean text");
    check(!part.filename || comptoir::http::is_clean_text(*part.filename),
          "filenames are clean text");
    check(!part.content_type.empty() && part.content_type.find('/') != std::string::npos,
          "a part has a media type");
    if (!part.filename) {
      check(part.data.size() <= kLimits.max_field_bytes, "a text value is within the limit");
      check(comptoir::http::is_clean_text(part.data), "a text value is clean text");
    }
    check(part.data.find("\r\n--" + *boundary) == std::string_view::npos,
          "no part holds the delimiter");
  }

  // Written out again (names and filenames as read: they hold no '"', CR or LF once accepted,
  // since a quoted value ends at the first '"' and header lines at CRLF), the same form.
  bool quotable = std::ranges::all_of(form->parts(), [](const auto& part) {
    auto plain = [](std::string_view text) {
      return text.find_first_of("\"\r\n") == std::string_view::npos;
    };
    return plain(part.name) && (!part.filename || plain(*part.filename));
  });
  check(quotable, "accepted names and filenames hold no quote, CR or LF");
  auto again_body = written(*form, *boundary);
  auto again = comptoir::http::parse_multipart(
      "multipart/form-data; boundary=\"" + *boundary + "\"", again_body,
      {.max_body_bytes = again_body.size(),
       .max_parts = kLimits.max_parts,
       .max_part_header_bytes = 4096,
       .max_field_bytes = kLimits.max_field_bytes});
  check(again.has_value(), "an accepted form written out again is accepted");
  check(again->parts().size() == form->parts().size(), "with as many parts");
  for (std::size_t i = 0; i < form->parts().size(); ++i) {
    const auto& a = form->parts()[i];
    const auto& b = again->parts()[i];
    check(a.name == b.name && a.filename == b.filename && a.content_type == b.content_type &&
              a.data == b.data,
          "and the same parts");
  }
  return 0;
}
