#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "http/types.hpp"

namespace comptoir::http {

// What a JSON API answers when the body is not a JSON object: translated messages and the
// problem's code, e.g. {"…", "…", "cart"} → codes cart.content_type and cart.malformed_json.
struct JsonBodyRefusals {
  std::string content_type{};  // the Content-Type is not application/json (415, with Accept)
  std::string malformed{};     // not JSON, not an object, a string with NUL, or a number too
                               // large for a double (400)
  std::string code_prefix{};
};

// The request's body as a JSON object, or HttpError 415 / 400 as `refusals` says.
boost::json::object json_object_body(const Context& ctx, const JsonBodyRefusals& refusals);

// The string at `key`, or "" when it is missing or not a string.
std::string string_field(const boost::json::object& object, std::string_view key);

}  // namespace comptoir::http
