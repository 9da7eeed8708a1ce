#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "catalog/catalog_input.hpp"
#include "catalog/validation.hpp"
#include "core/locale.hpp"
#include "http/form.hpp"

// How the category screens' forms become catalog inputs, and how a category is named in a list.
// A value that cannot be read is a FieldError named like the API's field ("parent_id",
// "reassign_to", "text.fr.name"), so one list of errors serves what the form could not read and
// what the catalog refused.
namespace comptoir::admin {

// "Cuisine › Thé › Théières": the category's names from the root down, in `locale`.
std::string category_path(const catalog::CategoryTree& tree, std::int64_t id, core::Locale locale);

// A select of categories (`name`): "" is none (the top of the tree, or no category), else a
// category's id; anything else is an error on `field`.
std::optional<std::int64_t> read_category_choice(const http::Form& form, std::string_view name,
                                                 const std::string& field,
                                                 catalog::FieldErrors& errors);

// The form for a new category: both names (required), optional slugs (blank: made from the
// name) and its parent ("parent"). Its position is left to the catalog: after its siblings.
catalog::CategoryInput read_new_category(const http::Form& form, catalog::FieldErrors& errors);

// A category's own form: shown or not ("active"), featured, and both locales' texts ("fr_name",
// "fr_slug", "fr_description", "fr_meta_title", "fr_meta_description"…). A blank slug keeps the
// current one.
catalog::CategoryInput read_category(const http::Form& form);

}  // namespace comptoir::admin
