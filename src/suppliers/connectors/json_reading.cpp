#include "suppliers/connectors/json_reading.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>

namespace comptoir::suppliers::json_reading {

namespace json = boost::json;

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return {};
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double() && std::isfinite(v->as_double()) && std::abs(v->as_double()) < 9e15)
    return static_cast<std::int64_t>(std::llround(v->as_double()));
  if (v->is_string()) {
    std::string_view s = v->as_string();
    std::int64_t out = 0;
    auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (error == std::errc{} && end == s.data() + s.size()) return out;
  }
  return std::nullopt;
}

std::optional<std::int64_t> decimal_minor(const json::value* v) {
  if (v == nullptr) return std::nullopt;
  double amount = 0;
  if (v->is_double()) {
    amount = v->as_double();
  } else if (v->is_int64()) {
    amount = static_cast<double>(v->as_int64());
  } else if (v->is_uint64()) {
    amount = static_cast<double>(v->as_uint64());
  } else if (v->is_string()) {
    std::string_view s = v->as_string();
    auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), amount);
    if (error != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(amount) || amount < 0 || amount > 1e12) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(amount * 100));
}

bool flag(const json::object& o, std::string_view key, bool otherwise) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_bool() ? v->as_bool() : otherwise;
}

const json::object* object(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

const json::array* array(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? &v->as_array() : nullptr;
}

std::optional<std::int64_t> offset_cursor(std::string_view cursor) {
  if (cursor.empty()) return 0;
  std::int64_t offset = 0;
  auto [end, parse] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), offset);
  if (parse != std::errc{} || end != cursor.data() + cursor.size() || offset < 0)
    return std::nullopt;
  return offset;
}

ConnectorError failure(const ApiResponse& response, std::string_view platform) {
  using Kind = ConnectorError::Kind;
  if (response.status == 0)
    return {.kind = Kind::unavailable,
            .message = fmt::format("{} did not answer: {}", platform, response.error)};
  // The platform's own words, when it gives them (message, error, errors[0].message…).
  std::string detail;
  boost::system::error_code ec;
  auto body = json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    const auto& o = body.as_object();
    for (auto key : {"message", "error_description", "error", "detail", "errors"}) {
      const auto* v = o.if_contains(key);
      if (v == nullptr) continue;
      detail = v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
      break;
    }
  }
  if (detail.size() > 300) detail.resize(300);
  auto message = fmt::format("{} answered {}{}{}", platform, response.status,
                             detail.empty() ? "" : ": ", detail);
  if (response.status == 429)
    return {.kind = Kind::rate_limited, .message = message, .status = 429};
  if (response.status >= 500)
    return {.kind = Kind::unavailable, .message = message, .status = response.status};
  if (response.status == 401 || response.status == 403)
    return {.kind = Kind::unauthorized, .message = message, .status = response.status};
  return {.kind = Kind::rejected, .message = message, .status = response.status};
}

std::expected<json::value, ConnectorError> parse_body(const ApiResponse& response,
                                                      std::string_view platform) {
  if (response.status < 200 || response.status >= 300)
    return std::unexpected(failure(response, platform));
  boost::system::error_code ec;
  auto value = json::parse(response.body, ec);
  if (ec)
    return std::unexpected(
        ConnectorError{.kind = ConnectorError::Kind::malformed,
                       .message = fmt::format("{} answered {} with a body that is not JSON ({})",
                                              platform, response.status, ec.message()),
                       .status = response.status});
  return value;
}

}  // namespace comptoir::suppliers::json_reading
