#pragma once

#include <string>
#include <string_view>

#include "http/types.hpp"

namespace comptoir::accounts {

struct Session;

// The form field and header that carry the synchronizer token.
inline constexpr std::string_view kCsrfField = "_csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

enum class CsrfVerdict {
  ok,
  cross_site,  // Sec-Fetch-Site or Origin says another site sent it
  bad_token,   // no session, or the token is not this session's (expired page, forged form)
};

// Cross-site request forgery defence for a state-changing request, in two layers:
// 1. the browser's word: `Sec-Fetch-Site` must be same-origin or none (typed, bookmarked) when
//    present, and `Origin`, when present, must be `allowed_origin` or this request's own origin;
// 2. the synchronizer token: `submitted` must equal the session's token (constant-time).
// `allowed_origin` is BASE_URL's scheme://host[:port].
CsrfVerdict check_csrf(const http::Context& ctx, const Session& session, std::string_view submitted,
                       std::string_view allowed_origin);

// Positive evidence from the browser that the request comes from this site: Sec-Fetch-Site is
// same-origin, or Origin is `allowed_origin` or the request's own. For a form on a cached page
// that has no session yet, and so no token (the product page's "add to cart").
bool proves_same_origin(const http::Context& ctx, std::string_view allowed_origin);

// "https://shop.example/x" → "https://shop.example".
std::string origin_of(std::string_view url);

}  // namespace comptoir::accounts
