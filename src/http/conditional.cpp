#include "http/conditional.hpp"

namespace comptoir::http {

bool matches_if_none_match(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    auto comma = header.find(',');
    auto candidate = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!candidate.empty() && (candidate.front() == ' ' || candidate.front() == '\t'))
      candidate.remove_prefix(1);
    while (!candidate.empty() && (candidate.back() == ' ' || candidate.back() == '\t'))
      candidate.remove_suffix(1);
    if (candidate == "*") return true;
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == etag) return true;
  }
  return false;
}

}  // namespace comptoir::http
