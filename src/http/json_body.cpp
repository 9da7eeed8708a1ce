#include "http/json_body.hpp"

#include <boost/json/parse.hpp>

namespace comptoir::http {

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
  if (ec || !body.is_object())
    throw HttpError(Status::bad_request, refusals.malformed,
                    boost::json::object{{"code", refusals.code_prefix + ".malformed_json"}});
  return std::move(body.get_object());
}

std::string string_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string{};
}

}  // namespace comptoir::http
