#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "http/types.hpp"
#include "views/dictionary.hpp"

namespace comptoir::catalog {
struct CatalogError;
}

// Small pieces the back office's screens share: a select's options, the address of a filtered
// list and the links to its pages, and what their query strings hold (a positive number, a search
// box, a date).
namespace comptoir::admin {

// Adds an option (VALUE, TEXT, SELECTED) to the section `section` of `dict`.
void add_option(views::Dict& dict, std::string_view section, std::string_view value,
                std::string_view text, bool selected);

// `base` with the non-empty values of `params` as its query string, form-encoded, in order:
// ("/admin/orders", {{"status", "paid"}, {"q", ""}}) → "/admin/orders?status=paid".
std::string list_url(std::string_view base,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> params);

// The links under a list paged by cursor (FIRST_PAGE, NEXT_PAGE): to its newest page (when not on
// it) and to the next, older one (when there is one); an empty URL leaves its link out.
void add_page_links(views::Dict& body, std::string_view newest_url, std::string_view newest_text,
                    std::string_view older_url, std::string_view older_text);

// A positive whole number written plainly (a page's cursor, a page, an id in a path); nullopt for
// anything else.
std::optional<std::int64_t> positive_number(std::string_view text);

// What was typed in a search box: without the blanks around it, at most `max` bytes, never cut
// inside a character.
std::string search_of(std::string_view text, std::size_t max);

// The status of a page refusing a catalog write: 404, 409 for a conflict or a form that saw
// another version (the API answers that one 412: a form is not a conditional request), else 422.
http::Status form_status(const catalog::CatalogError& error);

// "2026-12-02" → that day (UTC); nullopt unless it is a real calendar day.
std::optional<std::chrono::sys_days> day_of(std::string_view text);

}  // namespace comptoir::admin
