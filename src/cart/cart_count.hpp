#pragma once

#include <string_view>

#include "http/types.hpp"

// The number of items in the visitor's cart, for the header's badge. Pages are the same for every
// visitor (so that they can be cached); the count travels in its own cookie, which
// static/js/site.js reads. It holds a number and nothing else, is readable by scripts (not
// HttpOnly) and is only a hint: every view of the cart (page or API) and every order placed sets
// it to what the cart really holds.
namespace comptoir::cart {

inline constexpr std::string_view kCountCookie = "comptoir_cart_count";

// Sets the cookie on `res` to `items` (deleted at 0), unless the request already carries that
// value: an unchanged count costs no header.
void set_count_cookie(const http::Request& req, http::Response& res, int items);

}  // namespace comptoir::cart
