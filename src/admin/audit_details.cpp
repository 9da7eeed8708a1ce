#include "admin/audit_details.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <string_view>

namespace comptoir::admin {
namespace {

namespace json = boost::json;

constexpr std::string_view kNothing = "—";

std::string side(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value ? plain_value(*value) : std::string(kNothing);
}

// The pairs named by `before_X` / `after_X`, in the order their first key appears.
void add_prefixed_pairs(const json::object& details, AuditDetails& out,
                        std::vector<std::string>& used) {
  for (const auto& [key, value] : details) {
    std::string_view name(key);
    std::string_view field;
    if (name.starts_with("before_"))
      field = name.substr(7);
    else if (name.starts_with("after_"))
      field = name.substr(6);
    if (field.empty()) continue;
    std::string before_key = "before_" + std::string(field);
    std::string after_key = "after_" + std::string(field);
    if (std::ranges::find(used, before_key) != used.end()) continue;
    out.changes.push_back(
        {std::string(field), side(details, before_key), side(details, after_key)});
    used.push_back(std::move(before_key));
    used.push_back(std::move(after_key));
  }
}

}  // namespace

std::string plain_value(const json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_null()) return std::string(kNothing);
  return json::serialize(value);
}

AuditDetails read_audit_details(const json::object& details) {
  AuditDetails out;
  std::vector<std::string> used;
  const auto* before = details.if_contains("before");
  const auto* after = details.if_contains("after");
  if ((before && before->is_object()) || (after && after->is_object())) {
    static const json::object none;
    const auto& old_fields = before && before->is_object() ? before->get_object() : none;
    const auto& new_fields = after && after->is_object() ? after->get_object() : none;
    for (const auto& [key, value] : old_fields)
      out.changes.push_back({std::string(key), plain_value(value), side(new_fields, key)});
    for (const auto& [key, value] : new_fields)
      if (!old_fields.contains(key))
        out.changes.push_back({std::string(key), std::string(kNothing), plain_value(value)});
    used = {"before", "after"};
  } else if (before || after) {
    out.changes.push_back({"", side(details, "before"), side(details, "after")});
    used = {"before", "after"};
  }
  // The catalog's: {"changes": {"text.fr.name": {"before": …, "after": …}, …}}.
  if (const auto* changes = details.if_contains("changes"); changes && changes->is_object()) {
    for (const auto& [key, value] : changes->get_object()) {
      if (value.is_object())
        out.changes.push_back({std::string(key), side(value.get_object(), "before"),
                               side(value.get_object(), "after")});
      else
        out.changes.push_back({std::string(key), std::string(kNothing), plain_value(value)});
    }
    used.emplace_back("changes");
  }
  if (details.contains("from") || details.contains("to")) {
    out.changes.push_back({"", side(details, "from"), side(details, "to")});
    used.emplace_back("from");
    used.emplace_back("to");
  }
  add_prefixed_pairs(details, out, used);
  for (const auto& [key, value] : details) {
    if (std::ranges::find(used, std::string_view(key)) != used.end()) continue;
    out.facts.push_back({std::string(key), plain_value(value)});
  }
  return out;
}

}  // namespace comptoir::admin
