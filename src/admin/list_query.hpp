#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "views/dictionary.hpp"

// What the back office's lists share: the cursor and the search box of their query strings, the
// address of a page, and the options of their selects.
namespace comptoir::admin {

// A page's cursor (?before=): a positive id, nullopt for anything else.
std::optional<std::int64_t> cursor_of(std::string_view text);

// What was typed in a search box: without the blanks around it, at most `max` bytes, never cut
// inside a character.
std::string search_of(std::string_view text, std::size_t max);

// "2026-12-02" → that day (UTC); nullopt unless it is a real calendar day.
std::optional<std::chrono::sys_days> day_of(std::string_view text);

// `base` with the pairs that have a value as its query string (values form-encoded).
std::string list_url(std::string_view base,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> pairs);

// The links under a list: to its newest page (when not on it) and to the next, older one (when
// there is one); an empty URL leaves its link out.
void add_page_links(views::Dict& body, std::string_view newest_url, std::string_view newest_text,
                    std::string_view older_url, std::string_view older_text);

// One <option> of a select, in section `section` of `dict`.
void add_option(views::Dict& dict, std::string_view section, std::string_view value,
                std::string_view text, bool selected);

}  // namespace comptoir::admin
