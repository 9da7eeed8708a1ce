#pragma once

#include <optional>
#include <string_view>

namespace comptoir::http {

// One member of a weighted list header (Accept, Accept-Language, Accept-Encoding).
struct WeightedItem {
  std::string_view value;         // the media range, language range or coding, trimmed
  int q = 1000;                   // weight in thousandths (RFC 9110 §12.4.2): no floating point
  bool malformed = false;         // a weight that is not a qvalue
  bool other_parameters = false;  // parameters besides q (allowed in Accept only)
};

std::string_view trim_whitespace(std::string_view text);
// "0", "0.5", "1.000" → 0, 500, 1000; anything else → nullopt.
std::optional<int> parse_qvalue(std::string_view text);
WeightedItem parse_weighted_item(std::string_view item);

// Calls fn(const WeightedItem&) for each non-empty member of the comma-separated header.
template <class Fn>
void for_each_weighted(std::string_view header, Fn&& fn) {
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    if (!trim_whitespace(item).empty()) fn(parse_weighted_item(item));
  }
}

}  // namespace comptoir::http
