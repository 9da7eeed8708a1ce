#pragma once

#include <boost/json/value.hpp>

#include <expected>
#include <vector>

#include "catalog/catalog_error.hpp"
#include "catalog/catalog_input.hpp"

namespace comptoir::catalog::api {

// JSON request bodies → write inputs. Only the shape is checked here (types, known fields);
// the rules are the service's. Every problem is reported, with the field path as the API names
// it ("variants[1].price_cents"). Fields a GET returns but a write cannot set (id, version, links,
// formatted prices…) are ignored, so a client may send back what it read; any other unknown
// field is an error, so a typo does not pass silently.
template <class T>
using Parsed = std::expected<T, std::vector<FieldError>>;

// `creating`: a POST (variants and images allowed) rather than a PATCH.
Parsed<ProductInput> parse_product(const boost::json::value& body, bool creating);
Parsed<VariantInput> parse_variant(const boost::json::value& body);
Parsed<ImageInput> parse_image(const boost::json::value& body);
Parsed<ProductTextInput> parse_product_text(const boost::json::value& body);
Parsed<CategoryInput> parse_category(const boost::json::value& body);
Parsed<CategoryTextInput> parse_category_text(const boost::json::value& body);

}  // namespace comptoir::catalog::api
