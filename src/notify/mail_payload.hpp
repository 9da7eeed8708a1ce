#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

// Reading an outbox row's payload (JSON written by the module that queued the mail), for the
// renderers of notify.
namespace comptoir::notify {

// The member `key` as text (a string, or an integer written out); empty when absent.
std::string text_of(const boost::json::object& payload, std::string_view key);
// The member `key` when it is an array; null otherwise.
const boost::json::array* array_of(const boost::json::object& payload, std::string_view key);

// Each "{field}" of a translated text replaced by the payload's member: fill(text, payload,
// {{"{number}", "number"}}).
std::string fill(std::string text, const boost::json::object& payload,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

}  // namespace comptoir::notify
