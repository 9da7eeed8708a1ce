#pragma once

#include <string_view>
#include <vector>

#include "catalog/catalog_error.hpp"
#include "catalog/catalog_input.hpp"
#include "catalog/model.hpp"

namespace comptoir::catalog {

// The rules a write must follow that need nothing but the values: required fields, formats,
// ranges, price ordering. Rules that need the database (a SKU or slug already taken, a category
// that does not exist, a cycle in the tree) are the service's.
//
// Updates are checked on the merged result: `apply_*` lays the input over the current value, and
// `check_*` looks at the input (what is required, what was given) and at the merged value.

inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMaxShortDescriptionLength = 1000;
inline constexpr std::size_t kMaxDescriptionLength = 20000;
inline constexpr std::size_t kMaxMetaTitleLength = 200;
inline constexpr std::size_t kMaxMetaDescriptionLength = 500;
inline constexpr std::size_t kMaxAltLength = 300;
inline constexpr std::size_t kMaxPathLength = 500;
inline constexpr std::int64_t kMaxImageSide = 20000;
inline constexpr std::int64_t kMaxStock = 1'000'000'000;
inline constexpr std::int64_t kMaxPriceCents = 100'000'000'000;  // a billion in major units
inline constexpr std::size_t kMaxVariants = 250;
inline constexpr std::size_t kMaxImages = 50;

using FieldErrors = std::vector<FieldError>;

bool is_valid_sku(std::string_view sku);            // [A-Za-z0-9][A-Za-z0-9._-]{0,63}
bool is_valid_currency(std::string_view currency);  // an ISO 4217 code in use (ICU)
bool is_valid_option_code(std::string_view code);   // [a-z][a-z0-9_]{0,31}
bool is_valid_media_path(std::string_view path);    // relative, no "..", no backslash

ProductText apply(const ProductTextInput& input, ProductText base);
CategoryText apply(const CategoryTextInput& input, CategoryText base);
Variant apply(const VariantInput& input, Variant base);
Image apply(const ImageInput& input, Image base);
// Product fields only: text, variants and images are applied by their own writes.
Product apply(const ProductInput& input, Product base);
Category apply(const CategoryInput& input, Category base);

// `prefix` is prepended to field names ("variants[0]." …). `creating`: required fields must be
// given. An empty slug after apply() is not an error: the service generates one from the name.
void check_text(const ProductTextInput& input, const ProductText& merged, bool creating,
                std::string_view prefix, FieldErrors& errors);
void check_text(const CategoryTextInput& input, const CategoryText& merged, bool creating,
                std::string_view prefix, FieldErrors& errors);
// `options`: the product's option axes; every option value must name one of them.
void check_variant(const VariantInput& input, const Variant& merged,
                   const std::vector<OptionAxis>& options, bool creating, std::string_view prefix,
                   FieldErrors& errors);
void check_image(const ImageInput& input, const Image& merged, bool creating,
                 std::string_view prefix, FieldErrors& errors);
// An upload's alternative texts (fields alt_fr, alt_en, as the upload form names them) and that
// it has a file at all (file).
void check_upload(const ImageUpload& upload, FieldErrors& errors);
// Product fields, and on create its texts, variants (at least one, SKUs distinct, one currency)
// and images.
void check_product(const ProductInput& input, const Product& merged, bool creating,
                   FieldErrors& errors);
void check_category(const CategoryInput& input, const Category& merged, bool creating,
                    FieldErrors& errors);

}  // namespace comptoir::catalog
