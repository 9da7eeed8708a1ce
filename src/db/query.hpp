#pragma once

#include <string>
#include <string_view>

namespace comptoir::db {

// A named, parameterized SQL statement. Declare queries as constants next to the code that runs
// them: `constexpr Query kSelectProduct{"select_product", "SELECT … WHERE id = $1"};`
// The name is the prepared-statement name (one per distinct SQL) and appears in errors and logs.
struct Query {
  std::string_view name;
  std::string_view sql;
  // Not prepared: parsed and planned with each call's values (an unnamed statement). For a
  // statement whose best plan depends on its values so much that PostgreSQL's cached generic
  // plan can be ruinous (a text search: a rare word wants the text index, a common one the
  // popularity order). Costs a parse and a plan per call.
  bool plan_each_call = false;
};

// `text` for a LIKE or ILIKE pattern written with ESCAPE '\': its %, _ and \ match themselves.
inline std::string escape_like(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace comptoir::db
