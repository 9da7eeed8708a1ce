#include "http/multipart.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <functional>

#include "core/text.hpp"
#include "http/form.hpp"

namespace comptoir::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::ranges::equal(a, b, [](char x, char y) { return lower(x) == lower(y); });
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), lower);
  return out;
}

// RFC 9110's tchar: what a header name, a media type or a parameter's token is made of.
bool is_tchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046's bchars: what a boundary is made of.
bool is_bchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

std::size_t token_end(std::string_view text, std::size_t from) {
  while (from < text.size() && is_tchar(text[from])) ++from;
  return from;
}

struct Parameter {
  std::string_view name;
  std::string_view value;
};

// `*( OWS ";" OWS token "=" ( token / quoted-string ) ) OWS`, the parameters after a media type
// or a disposition type. A quoted string runs to the next '"', taken as is (no backslash
// escapes: browsers never write them, and send '"' in names as %22). nullopt when malformed,
// a trailing ';' included.
std::optional<std::vector<Parameter>> parameters(std::string_view text) {
  std::vector<Parameter> out;
  std::size_t i = 0;
  auto skip_blanks = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  while (true) {
    skip_blanks();
    if (i == text.size()) return out;
    if (text[i] != ';') return std::nullopt;
    ++i;
    skip_blanks();
    auto name_end = token_end(text, i);
    if (name_end == i || name_end == text.size() || text[name_end] != '=') return std::nullopt;
    Parameter parameter{.name = text.substr(i, name_end - i), .value = {}};
    i = name_end + 1;
    if (i < text.size() && text[i] == '"') {
      auto close = text.find('"', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      parameter.value = text.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      auto value_end = token_end(text, i);
      if (value_end == i) return std::nullopt;
      parameter.value = text.substr(i, value_end - i);
      i = value_end;
    }
    out.push_back(parameter);
  }
}

struct MediaType {
  std::string type;  // "type/subtype", lower-cased
  std::vector<Parameter> parameters;
};

std::optional<MediaType> media_type(std::string_view value) {
  value = core::trim_blanks(value);
  auto type_end = token_end(value, 0);
  if (type_end == 0 || type_end == value.size() || value[type_end] != '/') return std::nullopt;
  auto subtype_end = token_end(value, type_end + 1);
  if (subtype_end == type_end + 1) return std::nullopt;
  auto params = parameters(value.substr(subtype_end));
  if (!params) return std::nullopt;
  return MediaType{.type = lowered(value.substr(0, subtype_end)), .parameters = std::move(*params)};
}

// A header line's bytes: no CR, LF, NUL or other control character but tab (UTF-8 passes; what a
// name or filename holds is checked as clean text once decoded).
bool header_bytes_ok(std::string_view line) {
  return std::ranges::none_of(line, [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7f;
  });
}

using PartResult = std::expected<MultipartPart, MultipartError>;

// `form-data; name="…"[; filename="…"]` into `part`.
std::optional<MultipartError> read_disposition(std::string_view value, MultipartPart& part) {
  value = core::trim_blanks(value);
  auto type_end = token_end(value, 0);
  if (!iequals(value.substr(0, type_end), "form-data")) return MultipartError::malformed;
  auto params = parameters(value.substr(type_end));
  if (!params) return MultipartError::malformed;
  bool named = false;
  for (const auto& [name, text] : *params) {
    if (iequals(name, "name*") || iequals(name, "filename*")) return MultipartError::malformed;
    if (iequals(name, "name")) {
      if (named) return MultipartError::malformed;
      named = true;
      part.name = text;
    } else if (iequals(name, "filename")) {
      if (part.filename) return MultipartError::malformed;
      part.filename = std::string(text);
    }
  }
  if (!named || part.name.empty()) return MultipartError::malformed;
  if (!is_clean_text(part.name) || (part.filename && !is_clean_text(*part.filename)))
    return MultipartError::unclean_text;
  return std::nullopt;
}

// A part's header block: its lines, each ending in CRLF (the blank line not included).
PartResult read_headers(std::string_view block) {
  MultipartPart part;
  bool disposition = false;
  bool type = false;
  bool encoding = false;
  while (!block.empty()) {
    auto end = block.find(kCrlf);
    auto line = block.substr(0, end);
    block.remove_prefix(end + kCrlf.size());
    // Folded lines (obsolete) and stray control bytes: refused, never joined or skipped.
    if (line.empty() || line.front() == ' ' || line.front() == '\t' || !header_bytes_ok(line))
      return std::unexpected(MultipartError::malformed);
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || token_end(line, 0) != colon)
      return std::unexpected(MultipartError::malformed);
    auto name = line.substr(0, colon);
    auto value = core::trim_blanks(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      if (std::exchange(disposition, true)) return std::unexpected(MultipartError::malformed);
      if (auto error = read_disposition(value, part)) return std::unexpected(*error);
    } else if (iequals(name, "content-type")) {
      auto parsed = media_type(value);
      if (std::exchange(type, true) || !parsed) return std::unexpected(MultipartError::malformed);
      part.content_type = std::move(parsed->type);
    } else if (iequals(name, "content-transfer-encoding")) {
      if (std::exchange(encoding, true) ||
          !(iequals(value, "binary") || iequals(value, "8bit") || iequals(value, "7bit")))
        return std::unexpected(MultipartError::malformed);
    }
  }
  if (!disposition) return std::unexpected(MultipartError::malformed);
  if (!type) part.content_type = "text/plain";
  return part;
}

}  // namespace

const MultipartPart* MultipartForm::find(std::string_view name) const {
  auto it = std::ranges::find(parts_, name, &MultipartPart::name);
  return it == parts_.end() ? nullptr : &*it;
}

std::size_t MultipartForm::count(std::string_view name) const {
  return static_cast<std::size_t>(std::ranges::count(parts_, name, &MultipartPart::name));
}

std::string_view name(MultipartError error) {
  switch (error) {
    case MultipartError::content_type:
      return "content_type";
    case MultipartError::malformed:
      return "malformed";
    case MultipartError::unclean_text:
      return "unclean_text";
    case MultipartError::too_many_parts:
      return "too_many_parts";
    case MultipartError::header_too_large:
      return "header_too_large";
    case MultipartError::field_too_large:
      return "field_too_large";
    case MultipartError::body_too_large:
      return "body_too_large";
  }
  return "malformed";
}

Status status_of(MultipartError error) {
  switch (error) {
    case MultipartError::content_type:
    case MultipartError::malformed:
    case MultipartError::unclean_text:
      return Status::bad_request;
    case MultipartError::too_many_parts:
    case MultipartError::header_too_large:
    case MultipartError::field_too_large:
    case MultipartError::body_too_large:
      return Status::payload_too_large;
  }
  return Status::bad_request;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto parsed = media_type(content_type);
  if (!parsed || parsed->type != "multipart/form-data") return std::nullopt;
  std::optional<std::string_view> boundary;
  for (const auto& [name, value] : parsed->parameters) {
    if (!iequals(name, "boundary")) continue;
    if (boundary) return std::nullopt;
    boundary = value;
  }
  if (!boundary || boundary->empty() || boundary->size() > kMaxBoundary ||
      boundary->back() == ' ' || !std::ranges::all_of(*boundary, is_bchar))
    return std::nullopt;
  return std::string(*boundary);
}

bool is_multipart_form(std::string_view content_type) {
  auto type = core::trim_blanks(content_type.substr(0, content_type.find(';')));
  return iequals(type, "multipart/form-data");
}

std::expected<MultipartForm, MultipartError> parse_multipart(std::string_view content_type,
                                                             std::string_view body,
                                                             const MultipartLimits& limits) {
  auto boundary = multipart_boundary(content_type);
  if (!boundary) return std::unexpected(MultipartError::content_type);
  if (body.size() > limits.max_body_bytes) return std::unexpected(MultipartError::body_too_large);

  // Every boundary after the first one starts a line: CRLF "--" boundary.
  const std::string delimiter = std::string(kCrlf) + "--" + *boundary;
  const auto first = std::string_view(delimiter).substr(kCrlf.size());
  if (!body.starts_with(first)) return std::unexpected(MultipartError::malformed);
  // Linear whatever the body holds (a naive search is quadratic on near-boundaries).
  const std::boyer_moore_horspool_searcher next_delimiter(delimiter.begin(), delimiter.end());

  std::vector<MultipartPart> parts;
  std::size_t pos = first.size();
  while (true) {
    auto rest = body.substr(pos);
    if (rest.starts_with("--")) {  // the close delimiter: only a final CRLF may follow
      rest.remove_prefix(2);
      if ((!rest.empty() && rest != kCrlf) || parts.empty())
        return std::unexpected(MultipartError::malformed);
      return MultipartForm(std::move(parts));
    }
    if (!rest.starts_with(kCrlf)) return std::unexpected(MultipartError::malformed);
    pos += kCrlf.size();
    if (parts.size() == limits.max_parts) return std::unexpected(MultipartError::too_many_parts);

    // The header block ends at the first blank line, within the limit.
    auto window = body.substr(pos, limits.max_part_header_bytes);
    if (window.starts_with(kCrlf)) return std::unexpected(MultipartError::malformed);
    auto blank = window.find("\r\n\r\n");
    if (blank == std::string_view::npos)
      return std::unexpected(window.size() < limits.max_part_header_bytes
                                 ? MultipartError::malformed
                                 : MultipartError::header_too_large);
    auto part = read_headers(window.substr(0, blank + kCrlf.size()));
    if (!part) return std::unexpected(part.error());
    pos += blank + 2 * kCrlf.size();

    auto found =
        std::search(body.begin() + static_cast<std::ptrdiff_t>(pos), body.end(), next_delimiter);
    if (found == body.end()) return std::unexpected(MultipartError::malformed);
    auto at = static_cast<std::size_t>(found - body.begin());
    part->data = body.substr(pos, at - pos);
    pos = at + delimiter.size();
    if (!part->filename) {
      if (part->data.size() > limits.max_field_bytes)
        return std::unexpected(MultipartError::field_too_large);
      if (!is_clean_text(part->data)) return std::unexpected(MultipartError::unclean_text);
    }
    parts.push_back(std::move(*part));
  }
}

HttpError multipart_refusal(MultipartError error, std::string detail) {
  return HttpError(status_of(error), std::move(detail),
                   boost::json::object{{"code", "multipart." + std::string(name(error))}});
}

}  // namespace comptoir::http
