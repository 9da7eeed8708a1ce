#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <string_view>

#include "catalog/model.hpp"

namespace comptoir::catalog {

// What a write changed in a product, field by field, as {"field": {"before": …, "after": …}}
// (null where the field did not exist: a variant or picture added or removed). Fields are named
// like the API's: "status", "text.fr.name", "variants.12.price_cents", "images.7.alt.en".
// Long texts are cut to about kMaxAuditText bytes (never inside a character): the log says what
// changed, not the whole text.
boost::json::object product_changes(const Product& before, const Product& after);
// The same with a product absent on one side (null): a creation lists every field with a null
// before, a deletion every field with a null after.
boost::json::object product_changes(const Product* before, const Product* after);
inline constexpr std::size_t kMaxAuditText = 300;

// The same for a category: "parent_id", "position", "active", "featured", "image_path",
// "text.en.name", "text.fr.slug"… A creation lists every field with a null before, a deletion
// every field with a null after.
boost::json::object category_changes(const Category* before, const Category* after);
// What a change to an existing category is called in the log: "category.moved" when its parent
// changed, "category.reordered" when only its position did, else "category.updated".
std::string_view category_action(const Category& before, const Category& after);

}  // namespace comptoir::catalog
