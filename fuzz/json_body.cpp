// JSON request bodies as every API handler reads them (http::json_object_body): an object of clean
// text, or a 400 problem; never a crash, however deep or strange the bytes. Input: the body.
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/check.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"

namespace {

namespace json = boost::json;
using comptoir::fuzz::check;
using comptoir::http::Field;
using comptoir::http::HttpError;
using comptoir::http::Request;
using comptoir::http::Status;

const comptoir::http::JsonBodyRefusals kRefusals{"wrong type", "malformed", "fuzz"};

// What json_object_body makes of `body` sent as `type`: the object, or the status it refused.
std::pair<std::optional<json::object>, Status> read(std::string_view body, std::string_view type) {
  static boost::asio::io_context io;
  Request req;
  req.set(Field::content_type, type);
  req.body() = std::string(body);
  comptoir::http::Context ctx(req, io.get_executor(), "/api/v1/fuzz", "");
  try {
    return {comptoir::http::json_object_body(ctx, kRefusals), Status::ok};
  } catch (const HttpError& e) {
    return {std::nullopt, e.status()};
  }
}

// Clean text everywhere and finite numbers: what json_object_body accepts.
bool clean(const json::value& value) {
  if (const auto* text = value.if_string()) return comptoir::http::is_clean_text(*text);
  if (const auto* number = value.if_double()) return std::isfinite(*number);
  if (const auto* array = value.if_array()) {
    for (const auto& item : *array)
      if (!clean(item)) return false;
  }
  if (const auto* object = value.if_object()) {
    for (const auto& member : *object)
      if (!comptoir::http::is_clean_text(member.key()) || !clean(member.value())) return false;
  }
  return true;
}

// Boost.JSON reads numbers with a fraction or an exponent as doubles, and not to the last bit
// (its default, imprecise parsing): those do not read back exactly. Amounts are integers of cents.
bool has_double(const json::value& value) {
  if (value.is_double()) return true;
  if (const auto* array = value.if_array()) {
    for (const auto& item : *array)
      if (has_double(item)) return true;
  }
  if (const auto* object = value.if_object()) {
    for (const auto& member : *object)
      if (has_double(member.value())) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = comptoir::fuzz::as_text(data, size);
  auto [object, status] = read(body, "application/json; charset=utf-8");
  if (object) {
    check(clean(*object), "an accepted body holds only clean text");
    // What a handler sees is what was sent: serialised and read again, the same object.
    auto again = read(json::serialize(*object), "application/json");
    check(again.first.has_value(), "an accepted object is accepted again once serialised");
    if (!has_double(*object))
      check(*again.first == *object, "an accepted object reads back the same");
    comptoir::http::string_field(*object, "email");  // any member, any type: no throw
  } else {
    check(status == Status::bad_request, "a refused JSON body is a 400");
    boost::system::error_code ec;
    auto parsed = json::parse(body, ec);
    check(ec || !parsed.is_object() || !clean(parsed),
          "only a non-object or unclean body is refused");
  }
  check(read(body, "text/plain").second == Status::unsupported_media_type,
        "another content type is a 415 whatever the body");
  return 0;
}
