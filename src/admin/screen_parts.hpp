#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "views/dictionary.hpp"

// Small pieces the back office's screens share: a select's options and the address of a filtered
// list.
namespace comptoir::admin {

// Adds an option (VALUE, TEXT, SELECTED) to the section `section` of `dict`.
void add_option(views::Dict& dict, std::string_view section, std::string_view value,
                std::string_view text, bool selected);

// `base` with the non-empty values of `params` as its query string, form-encoded, in order:
// ("/admin/orders", {{"status", "paid"}, {"q", ""}}) → "/admin/orders?status=paid".
std::string list_url(std::string_view base,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> params);

}  // namespace comptoir::admin
