#include "notify/mail_payload.hpp"

namespace comptoir::notify {

std::string text_of(const boost::json::object& payload, std::string_view key) {
  const auto* value = payload.if_contains(key);
  if (value == nullptr) return {};
  if (value->is_string()) return std::string(value->get_string());
  if (value->is_int64()) return std::to_string(value->get_int64());
  return {};
}

const boost::json::array* array_of(const boost::json::object& payload, std::string_view key) {
  const auto* value = payload.if_contains(key);
  return value && value->is_array() ? &value->as_array() : nullptr;
}

std::string fill(std::string text, const boost::json::object& payload,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  for (auto [field, key] : fields) {
    auto value = text_of(payload, key);
    for (auto at = text.find(field); at != std::string::npos;
         at = text.find(field, at + value.size()))
      text.replace(at, field.size(), value);
  }
  return text;
}

}  // namespace comptoir::notify
