#include "admin/category_parts.hpp"

#include <fmt/format.h>

#include "admin/screen_parts.hpp"
#include "core/text.hpp"

namespace comptoir::admin {
namespace {

std::string text_field(const http::Form& form, std::string_view name) {
  return std::string(core::trim_blanks(form.get(name)));
}

}  // namespace

std::string category_path(const catalog::CategoryTree& tree, std::int64_t id, core::Locale locale) {
  std::string out;
  for (const auto* category : tree.path_to(id))
    out += fmt::format("{}{}", out.empty() ? "" : " › ", category->text[locale].name);
  return out;
}

std::optional<std::int64_t> read_category_choice(const http::Form& form, std::string_view name,
                                                 const std::string& field,
                                                 catalog::FieldErrors& errors) {
  auto text = core::trim_blanks(form.get(name));
  if (text.empty()) return std::nullopt;
  auto id = positive_number(text);
  if (!id) errors.push_back({field, "catalog.error.unknown_category", {}});
  return id;
}

catalog::CategoryInput read_new_category(const http::Form& form, catalog::FieldErrors& errors) {
  catalog::CategoryInput input;
  input.parent_id = read_category_choice(form, "parent", "parent_id", errors);
  for (auto locale : core::kLocales) {
    auto code = core::code(locale);
    catalog::CategoryTextInput text;
    text.name = text_field(form, fmt::format("{}_name", code));
    auto slug = text_field(form, fmt::format("{}_slug", code));
    if (!slug.empty()) text.slug = std::move(slug);
    input.text[locale] = std::move(text);
  }
  return input;
}

catalog::CategoryInput read_category(const http::Form& form) {
  catalog::CategoryInput input;
  input.active = form.get("active") == "yes";
  input.featured = form.get("featured") == "yes";
  for (auto locale : core::kLocales) {
    auto code = core::code(locale);
    auto field = [&](std::string_view name) { return fmt::format("{}_{}", code, name); };
    catalog::CategoryTextInput text;
    text.name = text_field(form, field("name"));
    auto slug = text_field(form, field("slug"));
    if (!slug.empty()) text.slug = std::move(slug);  // blank: kept as it is
    text.description = std::string(form.get(field("description")));
    text.meta_title = text_field(form, field("meta_title"));
    text.meta_description = text_field(form, field("meta_description"));
    input.text[locale] = std::move(text);
  }
  return input;
}

}  // namespace comptoir::admin
