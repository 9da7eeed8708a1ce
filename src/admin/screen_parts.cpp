#include "admin/screen_parts.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>
#include <tuple>

#include "catalog/catalog_error.hpp"
#include "core/text.hpp"
#include "http/form.hpp"
#include "orders/order_reports.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;

http::Status form_status(const catalog::CatalogError& error) {
  switch (error.code) {
    case catalog::CatalogErrorCode::not_found:
      return http::Status::not_found;
    case catalog::CatalogErrorCode::conflict:
    case catalog::CatalogErrorCode::version_mismatch:
      return http::Status::conflict;
    case catalog::CatalogErrorCode::invalid:
      break;
  }
  return http::Status::unprocessable_entity;
}

void add_option(views::Dict& dict, std::string_view section, std::string_view value,
                std::string_view text, bool selected) {
  auto& option = *dict.AddSectionDictionary(views::ts(section));
  views::set(option, "VALUE"_key, value);
  views::set(option, "TEXT"_key, text);
  if (selected) option.ShowSection("SELECTED"_key);
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

void add_page_links(views::Dict& body, std::string_view newest_url, std::string_view newest_text,
                    std::string_view older_url, std::string_view older_text) {
  for (auto [section, url, text] : {std::tuple{"FIRST_PAGE", newest_url, newest_text},
                                    std::tuple{"NEXT_PAGE", older_url, older_text}}) {
    if (url.empty()) continue;
    auto& link = *body.AddSectionDictionary(section);
    views::set(link, "URL"_key, url);
    views::set(link, "TEXT"_key, text);
  }
}

std::optional<std::int64_t> positive_number(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value <= 0)
    return std::nullopt;
  return value;
}

std::string search_of(std::string_view text, std::size_t max) {
  std::string out(core::trim_blanks(text));
  if (out.size() <= max) return out;
  out.resize(max);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
    out.pop_back();  // cut inside a character: drop its continuation bytes…
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0)
    out.pop_back();  // …and its lead byte
  return out;
}

std::optional<std::chrono::sys_days> day_of(std::string_view text) {
  if (!orders::is_iso_date(text)) return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  std::from_chars(text.data(), text.data() + 4, y);
  std::from_chars(text.data() + 5, text.data() + 7, m);
  std::from_chars(text.data() + 8, text.data() + 10, d);
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

}  // namespace comptoir::admin
