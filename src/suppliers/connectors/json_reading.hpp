#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"

// Small readers shared by the connectors: platforms write ids as numbers or strings, and a
// missing field must read as "absent", never throw.
namespace comptoir::suppliers::json_reading {

// A string, or a number written as text; "" otherwise.
std::string text(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key);
// A decimal amount ("12.34" or 12.34) in minor units (1234).
std::optional<std::int64_t> decimal_minor(const boost::json::value* v);
bool flag(const boost::json::object& o, std::string_view key, bool otherwise);
const boost::json::object* object(const boost::json::object& o, std::string_view key);
const boost::json::array* array(const boost::json::object& o, std::string_view key);

// A page cursor that is an offset ("" = 0): nullopt when it is not a whole number ≥ 0.
std::optional<std::int64_t> offset_cursor(std::string_view cursor);

// The error of an answer that is not a success: the kind from the status, the platform's
// message from the body when there is one.
ConnectorError failure(const ApiResponse& response, std::string_view platform);
// The body of a successful answer as a JSON value, or a malformed error.
std::expected<boost::json::value, ConnectorError> parse_body(const ApiResponse& response,
                                                             std::string_view platform);

}  // namespace comptoir::suppliers::json_reading
