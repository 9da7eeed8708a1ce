#include "http/cookie.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace comptoir::http {
std::optional<std::string_view> find_cookie(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    auto semicolon = cookie_header.find(';');
    auto pair = core::trim_blanks(cookie_header.substr(0, semicolon));
    cookie_header = semicolon == std::string_view::npos ? std::string_view{}
                                                        : cookie_header.substr(semicolon + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || core::trim_blanks(pair.substr(0, eq)) != name) continue;
    auto value = core::trim_blanks(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    return value;
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value,
                       const CookieOptions& options) {
  auto out = fmt::format("{}={}; Path={}", name, value, options.path);
  if (options.max_age) out += fmt::format("; Max-Age={}", options.max_age->count());
  if (options.secure) out += "; Secure";
  if (options.http_only) out += "; HttpOnly";
  if (!options.same_site.empty()) out += fmt::format("; SameSite={}", options.same_site);
  return out;
}

}  // namespace comptoir::http
