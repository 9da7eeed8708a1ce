#include "http/weighted_list.hpp"

namespace comptoir::http {

std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<int> parse_qvalue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int value = (text[0] - '0') * 1000;
  if (text.size() == 1) return value;
  if (text[1] != '.' || text.size() > 5) return std::nullopt;
  int scale = 100;
  for (char c : text.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    value += (c - '0') * scale;
    scale /= 10;
  }
  if (value > 1000) return std::nullopt;
  return value;
}

WeightedItem parse_weighted_item(std::string_view item) {
  auto semicolon = item.find(';');
  WeightedItem result{trim_whitespace(item.substr(0, semicolon))};
  while (semicolon != std::string_view::npos) {
    item.remove_prefix(semicolon + 1);
    semicolon = item.find(';');
    auto parameter = trim_whitespace(item.substr(0, semicolon));
    if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
        parameter[1] == '=') {
      auto q = parse_qvalue(trim_whitespace(parameter.substr(2)));
      result.malformed = !q;
      result.q = q.value_or(0);
    } else {
      result.other_parameters = true;
    }
  }
  return result;
}

}  // namespace comptoir::http
