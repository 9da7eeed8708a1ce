#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace comptoir::http {

// The fields of an application/x-www-form-urlencoded body (or a query string), in order, decoded:
// '+' is a space and %XX a byte. A repeated name keeps every value.
class Form {
 public:
  static Form parse(std::string_view encoded);

  // The first value of `name`; empty when absent.
  std::string_view get(std::string_view name) const;
  std::optional<std::string_view> find(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }
  // Every name and value is clean text (is_clean_text below): what browsers send. Other bytes
  // would be refused by PostgreSQL and garble pages, so form_of/query_of refuse such a form (400).
  bool clean() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Well-formed UTF-8 without a NUL byte: what a page can show and PostgreSQL takes as a text
// parameter (it refuses invalid UTF-8; libpq would end the parameter at its first NUL).
bool is_clean_text(std::string_view text);

// "a b&c" → "a+b%26c": the inverse of Form::parse for one value (query strings, redirects).
std::string form_encode(std::string_view value);

}  // namespace comptoir::http
