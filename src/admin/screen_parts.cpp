#include "admin/screen_parts.hpp"

#include <fmt/format.h>

#include <iterator>

#include "http/form.hpp"

namespace comptoir::admin {

void add_option(views::Dict& dict, std::string_view section, std::string_view value,
                std::string_view text, bool selected) {
  auto& option = *dict.AddSectionDictionary(views::ts(section));
  views::set(option, "VALUE", value);
  views::set(option, "TEXT", text);
  if (selected) option.ShowSection("SELECTED");
}

std::string list_url(std::string_view base,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> params) {
  std::string url(base);
  char separator = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    fmt::format_to(std::back_inserter(url), "{}{}={}", separator, name, http::form_encode(value));
    separator = '&';
  }
  return url;
}

}  // namespace comptoir::admin
