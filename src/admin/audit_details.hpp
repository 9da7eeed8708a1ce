#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace comptoir::admin {

// An audit entry's details as the activity log shows them: the changes (a field, what it was,
// what it became) and the other facts (a name and a value), instead of the raw JSON.
struct AuditDetails {
  struct Change {
    std::string field{};  // "" when the entry changed one unnamed value (a role, a state)
    std::string before{};
    std::string after{};
  };
  struct Fact {
    std::string name{};
    std::string value{};
  };
  std::vector<Change> changes{};
  std::vector<Fact> facts{};
};

// Reads the shapes the writers of the log use:
//  - {"changes": {"field": {"before": x, "after": y}, ...}} (the catalog's): one change each;
//  - {"before": {...}, "after": {...}}: one change per field named on either side;
//  - {"before": x, "after": y} and {"from": x, "to": y}: one unnamed change;
//  - {"before_role": x, "after_role": y}: a change of `role`;
// everything else is a fact. Texts are shown as they are, numbers and booleans as JSON writes
// them, a missing or null side as "—", arrays and objects as compact JSON.
AuditDetails read_audit_details(const boost::json::object& details);

// One JSON value as a cell of the log: a string without its quotes, null as "—".
std::string plain_value(const boost::json::value& value);

}  // namespace comptoir::admin
