#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace comptoir::http {

// The value of cookie `name` in a Cookie request header ("a=1; b=2"); nullopt when absent.
// When a name appears twice (a cookie set for a parent path as well), the first one wins, as in
// browsers, which send the most specific cookie first.
std::optional<std::string_view> find_cookie(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  bool secure = true;
  bool http_only = true;
  std::string_view same_site = "Lax";
  std::string_view path = "/";
  // Persistent for this long; a browser-session cookie when nullopt. Zero deletes the cookie.
  std::optional<std::chrono::seconds> max_age{};
};

// A Set-Cookie value. `value` must already be a cookie-octet string (the callers' are hex).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace comptoir::http
