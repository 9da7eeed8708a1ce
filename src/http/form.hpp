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
  // Every name and value is well-formed UTF-8 (what browsers send); text that is not would be
  // refused by PostgreSQL and garbles pages, so handlers refuse such a form with 400.
  bool valid_utf8() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// "a b&c" → "a+b%26c": the inverse of Form::parse for one value (query strings, redirects).
std::string form_encode(std::string_view value);

}  // namespace comptoir::http
