#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "catalog/author.hpp"
#include "catalog/catalog_error.hpp"
#include "catalog/catalog_input.hpp"
#include "catalog/validation.hpp"
#include "core/locale.hpp"
#include "http/form.hpp"
#include "http/types.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

class Kit;

// The statuses a staff member chooses from, in the order the screens list them.
inline constexpr std::array kProductStatuses{catalog::ProductStatus::draft,
                                             catalog::ProductStatus::active,
                                             catalog::ProductStatus::archived};
inline constexpr std::array kFulfillments{catalog::FulfillmentType::local_stock,
                                          catalog::FulfillmentType::dropshipping,
                                          catalog::FulfillmentType::print_on_demand};
struct Staff;

// How the product screens' forms become catalog inputs, and back. Amounts are typed in major
// units with either decimal separator ("12,50" or "12.50"); stock and weight are whole numbers.
// A value that cannot be read is a FieldError named like the API's field, so one list of errors
// serves both what the form could not read and what the catalog refused.

// The product form: its fields and both locales' texts (names "{lang}_name", "{lang}_slug"…).
catalog::ProductInput read_product(const http::Form& form, catalog::FieldErrors& errors);
// A variant's form (sku, price, compare_at, stock, track_inventory). `creating`: a new variant,
// which is tracked by default.
catalog::VariantInput read_variant(const http::Form& form, bool creating,
                                   catalog::FieldErrors& errors);
// The new product form: both names, the first variant (sku, price, stock); a draft.
catalog::ProductInput read_new_product(const http::Form& form, catalog::FieldErrors& errors);

// The form's "version" field: the version of the product the page showed.
std::optional<int> read_version(const http::Form& form);
std::optional<int> read_version(std::string_view text);
// A positive id in a path parameter, else 404.
std::int64_t id_param(const http::Context& ctx, std::string_view name);

// The staff member behind a catalog write, for its audit entry. Name it before the co_await that
// passes it (GCC 12 destroys a temporary built inside co_await twice: docs/architecture.md).
std::optional<catalog::Author> author_of(const http::Context& ctx, const Staff& staff);

// "text.fr.name" → "f-text-fr-name": the id of the input an error is about (product.tpl).
std::string field_id(std::string_view field);
// The label of a field named like the API's ("text.fr.name" → "Name (FR)"); "" for none.
std::string field_label(const Kit& kit, core::Locale locale, std::string_view field);
// What the error list says about one field: its label, then the message.
std::string field_message(const Kit& kit, core::Locale locale, const catalog::FieldError& error);

// A form field's value: as typed when this form was refused (`typed`), else the stored one.
struct Values {
  const http::Form* typed = nullptr;
  std::string operator()(std::string_view name, std::string_view current) const {
    return typed ? std::string(typed->get(name)) : std::string(current);
  }
};

// The list of a refused form's fields ("FIELD_ERRORS"), each linking to its input; `prefix`
// comes before each field's name in the input's id (a variant's form: "variant.").
void add_field_errors(const Kit& kit, views::Dict& body, core::Locale locale,
                      const std::vector<catalog::FieldError>& fields, std::string_view prefix = {});

// One language's texts as a product's and a category's forms show them, side by side: a
// "LOCALE" section with its labels (in the staff member's `locale`) and values (typed, else
// `stored`), the slug's storefront address from `slug_url`. Returned for the fields only one of
// them has.
struct StoredTexts {
  std::string_view name, slug, description, meta_title, meta_description;
};
views::Dict& add_text_block(const Kit& kit, views::Dict& body, core::Locale locale,
                            core::Locale language, const StoredTexts& stored, const Values& v,
                            std::string_view slug_hint_key,
                            std::string (*slug_url)(core::Locale, std::string_view));

// What a stale form shows: each change of `changes` (catalog_audit's {"field": {"before": now,
// "after": typed}}) as "Brand — now “Atelier Nord”, you typed “Atelier Sud”" (French quotes in
// French).
std::vector<std::string> difference_lines(const Kit& kit, core::Locale locale,
                                          const boost::json::object& changes);

}  // namespace comptoir::admin
