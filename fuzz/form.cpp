// application/x-www-form-urlencoded bodies and query strings (http::Form, which form_of and
// query_of use), their clean-text check, and form_encode (redirects, query strings we build).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.hpp"
#include "http/form.hpp"

namespace {

using comptoir::fuzz::check;
using comptoir::http::Form;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto encoded = comptoir::fuzz::as_text(data, size);
  auto form = Form::parse(encoded);

  const auto& fields = form.fields();
  check(fields.size() <= static_cast<std::size_t>(std::ranges::count(encoded, '&')) + 1,
        "no more fields than '&'-separated pairs");
  bool all_clean = true;
  for (const auto& [name, value] : fields) {
    check(name.size() + value.size() <= encoded.size(), "decoding never lengthens");
    all_clean =
        all_clean && comptoir::http::is_clean_text(name) && comptoir::http::is_clean_text(value);
    // The first field of a name is what get() answers.
    auto first = std::ranges::find_if(fields, [&](const auto& f) { return f.first == name; });
    check(form.get(name) == first->second, "get() answers the first value of a name");
  }
  check(form.clean() == all_clean, "clean() is every name and value being clean text");

  // form_encode is the inverse of parsing, for any bytes, and writes only safe characters.
  for (std::string_view text :
       {encoded, fields.empty() ? encoded : std::string_view(fields[0].second)}) {
    auto again = comptoir::http::form_encode(text);
    check(std::ranges::all_of(again,
                              [](char c) {
                                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                       c == '*' || c == '+' || c == '%';
                              }),
          "form_encode writes only unreserved characters, '+' and escapes");
    check(Form::parse("v=" + again).get("v") == text, "parse(form_encode(text)) == text");
  }
  return 0;
}
