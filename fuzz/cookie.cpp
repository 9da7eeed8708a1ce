// The Cookie request header as the session middleware reads it (http::find_cookie), and the
// Set-Cookie values the server writes (http::set_cookie) read back as a browser would send them.
// Input: a cookie name, '\n', a Cookie header.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.hpp"
#include "http/cookie.hpp"

namespace {

using comptoir::fuzz::check;

// RFC 6265's cookie-octet (also every character of a token-ish name we write): no controls,
// whitespace, '"', ',', ';', '\\' or '='.
std::string cookie_octets(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7F && c != '"' && c != ',' && c != ';' && c != '\\' && c != '=')
      out += c;
  }
  return out;
}

bool within(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [name, header] = comptoir::fuzz::split_at_newline(comptoir::fuzz::as_text(data, size));

  if (auto value = comptoir::http::find_cookie(header, name)) {
    check(within(*value, header), "the value is a view into the header");
    check(value->find(';') == std::string_view::npos, "a value never spans a ';'");
  }
  if (name.find(';') != std::string_view::npos || name.find('=') != std::string_view::npos)
    check(!comptoir::http::find_cookie(header, name), "a name with ';' or '=' is never found");

  // What we set comes back: the first cookie of "name=value; Path=/; …", and the first of two.
  auto token = cookie_octets(name);
  auto value = cookie_octets(header);
  if (!token.empty()) {
    auto set = comptoir::http::set_cookie(token, value, {});
    auto read = comptoir::http::find_cookie(set, token);
    check(read && *read == value, "set_cookie's value reads back");
    auto twice = token + "=" + value + "; " + token + "=other";
    check(comptoir::http::find_cookie(twice, token) == std::string_view(value),
          "the first of two cookies with one name wins");
  }
  return 0;
}
