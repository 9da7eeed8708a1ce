#include "http/json_body.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>

#include "http/form.hpp"

namespace comptoir::http {
namespace {

// Every key and string in `value` is clean text, and every number finite. The parser already
// refuses invalid UTF-8 and lone surrogates; this catches "\u0000", which libpq cannot carry, and
// a number too large for a double (1e400), which the parser reads as infinity and which no JSON
// can say back. The recursion is as deep as the parser allows (32 levels).
bool well_formed(const boost::json::value& value) {
  if (const auto* text = value.if_string()) return is_clean_text(*text);
  if (const auto* number = value.if_double()) return std::isfinite(*number);
  if (const auto* array = value.if_array())
    return std::ranges::all_of(*array, [](const auto& item) { return well_formed(item); });
  if (const auto* object = value.if_object())
    return std::ranges::all_of(*object, [](const auto& member) {
      return is_clean_text(member.key()) && well_formed(member.value());
    });
  return true;
}

}  // namespace

boost::json::object json_object_body(const Context& ctx, const JsonBodyRefusals& refusals) {
  auto type = std::string_view(ctx.header(Field::content_type));
  type = type.substr(0, type.find(';'));
  if (type != "application/json") {
    HttpError error(Status::unsupported_media_type, refusals.content_type,
                    boost::json::object{{"code", refusals.code_prefix + ".content_type"}});
    error.headers.emplace_back(Field::accept, "application/json");
    throw error;
  }
  boost::system::error_code ec;
  auto body = boost::json::parse(ctx.request.body(), ec);
  if (ec || !body.is_object() || !well_formed(body))
    throw HttpError(Status::bad_request, refusals.malformed,
                    boost::json::object{{"code", refusals.code_prefix + ".malformed_json"}});
  return std::move(body.get_object());
}

std::string string_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string{};
}

}  // namespace comptoir::http
