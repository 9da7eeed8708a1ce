#include "catalog/validation.hpp"

#include "catalog/gtin.hpp"

#include <unicode/ucal.h>
#include <unicode/ucurr.h>

#include <fmt/format.h>
#include <algorithm>
#include <climits>
#include <set>

#include "catalog/slug.hpp"
#include "core/text.hpp"

namespace comptoir::catalog {
namespace {

using core::upper_ascii;

int clamp_int(std::int64_t value) {
  return static_cast<int>(std::clamp<std::int64_t>(value, INT_MIN, INT_MAX));
}

struct Checker {
  std::string_view prefix;
  FieldErrors& errors;

  void add(std::string_view field, std::string_view key, std::string value = {}) const {
    errors.push_back({fmt::format("{}{}", prefix, field), fmt::format("catalog.error.{}", key),
                      std::move(value)});
  }
  void required(std::string_view field, bool given) const {
    if (!given) add(field, "required");
  }
  void length(std::string_view field, const std::string& text, std::size_t max) const {
    // Code points, not bytes: « é » is one character to the person typing it.
    auto chars = std::ranges::count_if(text, [](char c) { return (c & 0xC0) != 0x80; });
    if (static_cast<std::size_t>(chars) > max) add(field, "too_long", std::to_string(max));
  }
  void name(std::string_view field, const std::optional<std::string>& input,
            const std::string& merged, bool creating) const {
    if (creating && !input) return add(field, "required");
    if (input && merged.find_first_not_of(" \t\r\n") == std::string::npos)
      return add(field, "required");
    length(field, merged, kMaxNameLength);
  }
  void slug(std::string_view field, const std::optional<std::string>& input) const {
    if (input && !is_valid_slug(*input)) add(field, "slug_format");
  }
  void range(std::string_view field, const std::optional<std::int64_t>& value, std::int64_t min,
             std::int64_t max) const {
    if (value && (*value < min || *value > max))
      add(field, "out_of_range", fmt::format("{}–{}", min, max));
  }
};

std::string field_at(std::string_view list, std::size_t index) {
  return fmt::format("{}[{}].", list, index);
}

}  // namespace

bool is_valid_sku(std::string_view sku) {
  if (sku.empty() || sku.size() > 64) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(sku.front())) return false;
  return std::ranges::all_of(sku,
                             [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool is_valid_currency(std::string_view currency) {
  if (currency.size() != 3 ||
      !std::ranges::all_of(currency, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return false;
  UChar code[4] = {static_cast<UChar>(currency[0]), static_cast<UChar>(currency[1]),
                   static_cast<UChar>(currency[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  // Legal tender somewhere today: rejects "XYZ" and retired codes such as "FRF".
  UDate now = ucal_getNow();
  bool available = ucurr_isAvailable(code, now, now, &status);
  return U_SUCCESS(status) && available;
}

bool is_valid_option_code(std::string_view code) {
  if (code.empty() || code.size() > 32 || !(code.front() >= 'a' && code.front() <= 'z'))
    return false;
  return std::ranges::all_of(
      code, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_valid_media_path(std::string_view path) {
  if (path.empty() || path.size() > kMaxPathLength || path.front() == '/') return false;
  if (path.find('\\') != std::string_view::npos || path.find("//") != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    auto segment = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (std::ranges::any_of(segment, [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

ProductText apply(const ProductTextInput& input, ProductText base) {
  if (input.name) base.name = *input.name;
  if (input.slug) base.slug = *input.slug;
  if (input.short_description) base.short_description = *input.short_description;
  if (input.description) base.description = *input.description;
  if (input.meta_title) base.meta_title = *input.meta_title;
  if (input.meta_description) base.meta_description = *input.meta_description;
  return base;
}

CategoryText apply(const CategoryTextInput& input, CategoryText base) {
  if (input.name) base.name = *input.name;
  if (input.slug) base.slug = *input.slug;
  if (input.description) base.description = *input.description;
  if (input.meta_title) base.meta_title = *input.meta_title;
  if (input.meta_description) base.meta_description = *input.meta_description;
  return base;
}

Variant apply(const VariantInput& input, Variant base) {
  if (input.sku) base.sku = *input.sku;
  if (input.gtin) base.gtin = *input.gtin;
  if (input.option_values) base.option_values = *input.option_values;
  if (input.price_cents) base.price.cents = *input.price_cents;
  if (input.currency) base.price.currency = *input.currency;
  if (input.compare_at_cents) base.compare_at_cents = *input.compare_at_cents;
  if (input.stock_on_hand) base.stock_on_hand = clamp_int(*input.stock_on_hand);
  if (input.track_inventory) base.track_inventory = *input.track_inventory;
  if (input.position) base.position = clamp_int(*input.position);
  return base;
}

Image apply(const ImageInput& input, Image base) {
  if (input.path) base.path = *input.path;
  if (input.width) base.width = clamp_int(*input.width);
  if (input.height) base.height = clamp_int(*input.height);
  for (auto locale : core::kLocales)
    if (input.alt[locale]) base.alt[locale] = *input.alt[locale];
  if (input.position) base.position = clamp_int(*input.position);
  return base;
}

Product apply(const ProductInput& input, Product base) {
  if (input.status) base.status = *input.status;
  if (input.fulfillment) base.fulfillment = *input.fulfillment;
  if (input.brand) base.brand = *input.brand;
  if (input.tax_class) base.tax_class = *input.tax_class;
  if (input.weight_grams) base.weight_grams = clamp_int(*input.weight_grams);
  if (input.primary_category_id) base.primary_category_id = *input.primary_category_id;
  if (input.category_ids) base.category_ids = *input.category_ids;
  if (input.featured) base.featured = *input.featured;
  if (input.popularity) base.popularity = clamp_int(*input.popularity);
  if (input.options) base.options = *input.options;
  // The primary category is always one of the product's categories: an asked primary joins
  // them; a primary left out of newly given categories gives way to the first of them.
  auto listed = [&](std::int64_t id) {
    return std::ranges::find(base.category_ids, id) != base.category_ids.end();
  };
  if (base.primary_category_id && !listed(*base.primary_category_id)) {
    if (input.primary_category_id || !input.category_ids)
      base.category_ids.push_back(*base.primary_category_id);
    else
      base.primary_category_id =
          base.category_ids.empty() ? std::nullopt : std::optional(base.category_ids.front());
  }
  return base;
}

Category apply(const CategoryInput& input, Category base) {
  if (input.parent_id) base.parent_id = *input.parent_id;
  if (input.position) base.position = clamp_int(*input.position);
  if (input.active) base.active = *input.active;
  if (input.featured) base.featured = *input.featured;
  if (input.image_path) base.image_path = *input.image_path;
  return base;
}

void check_text(const ProductTextInput& input, const ProductText& merged, bool creating,
                std::string_view prefix, FieldErrors& errors) {
  Checker check{prefix, errors};
  check.name("name", input.name, merged.name, creating);
  check.slug("slug", input.slug);
  check.length("short_description", merged.short_description, kMaxShortDescriptionLength);
  check.length("description", merged.description, kMaxDescriptionLength);
  check.length("meta_title", merged.meta_title, kMaxMetaTitleLength);
  check.length("meta_description", merged.meta_description, kMaxMetaDescriptionLength);
}

void check_text(const CategoryTextInput& input, const CategoryText& merged, bool creating,
                std::string_view prefix, FieldErrors& errors) {
  Checker check{prefix, errors};
  check.name("name", input.name, merged.name, creating);
  check.slug("slug", input.slug);
  check.length("description", merged.description, kMaxDescriptionLength);
  check.length("meta_title", merged.meta_title, kMaxMetaTitleLength);
  check.length("meta_description", merged.meta_description, kMaxMetaDescriptionLength);
}

void check_variant(const VariantInput& input, const Variant& merged,
                   const std::vector<OptionAxis>& options, bool creating, std::string_view prefix,
                   FieldErrors& errors) {
  Checker check{prefix, errors};
  if (creating) {
    check.required("sku", input.sku.has_value());
    check.required("price_cents", input.price_cents.has_value());
  }
  if (input.sku && !is_valid_sku(*input.sku)) check.add("sku", "sku_format");
  if (input.gtin && !input.gtin->empty() && !is_valid_gtin(*input.gtin))
    check.add("gtin", "gtin_format");
  if (input.price_cents && *input.price_cents < 0)
    check.add("price_cents", "price_negative");
  else
    check.range("price_cents", input.price_cents, 0, kMaxPriceCents);
  if (input.currency && !is_valid_currency(*input.currency)) check.add("currency", "currency");
  if (merged.compare_at_cents && *merged.compare_at_cents <= merged.price.cents &&
      (input.compare_at_cents || input.price_cents))
    check.add("compare_at_cents", "compare_at_not_greater");
  check.range("stock_on_hand", input.stock_on_hand, 0, kMaxStock);
  check.range("position", input.position, 0, 1'000'000);
  if (input.option_values) {
    for (const auto& [code, value] : *input.option_values) {
      auto field = fmt::format("option_values.{}", code);
      if (std::ranges::find(options, code, &OptionAxis::code) == options.end()) {
        check.add(field, "option_unknown");
        continue;
      }
      for (auto locale : core::kLocales) {
        auto localized = fmt::format("{}.{}", field, core::code(locale));
        if (value[locale].empty()) check.add(localized, "required");
        check.length(localized, value[locale], kMaxNameLength);
      }
    }
  }
}

void check_image(const ImageInput& input, const Image& merged, bool creating,
                 std::string_view prefix, FieldErrors& errors) {
  Checker check{prefix, errors};
  if (creating) {
    check.required("path", input.path.has_value());
    check.required("width", input.width.has_value());
    check.required("height", input.height.has_value());
  }
  if (input.path && !is_valid_media_path(*input.path)) check.add("path", "media_path");
  check.range("width", input.width, 1, kMaxImageSide);
  check.range("height", input.height, 1, kMaxImageSide);
  check.range("position", input.position, 0, 1'000'000);
  for (auto locale : core::kLocales)
    check.length(fmt::format("alt.{}", core::code(locale)), merged.alt[locale], kMaxAltLength);
}

void check_upload(const ImageUpload& upload, FieldErrors& errors) {
  Checker check{"", errors};
  if (!upload.has_file) check.add("file", "required");
  for (auto locale : core::kLocales)
    check.length(fmt::format("alt_{}", core::code(locale)), upload.alt[locale], kMaxAltLength);
}

void check_product(const ProductInput& input, const Product& merged, bool creating,
                   FieldErrors& errors) {
  Checker check{"", errors};
  check.length("brand", merged.brand, kMaxNameLength);
  if (input.tax_class && (input.tax_class->empty() || input.tax_class->size() > 32 ||
                          !std::ranges::all_of(*input.tax_class, [](char c) {
                            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                                   c == '-';
                          })))
    check.add("tax_class", "tax_class");
  check.range("weight_grams", input.weight_grams, 0, 1'000'000'000);
  check.range("popularity", input.popularity, 0, 1'000'000'000);
  if (input.options) {
    std::set<std::string> codes;
    for (std::size_t i = 0; i < input.options->size(); ++i) {
      const auto& axis = (*input.options)[i];
      Checker at{field_at("options", i), errors};
      if (!is_valid_option_code(axis.code))
        at.add("code", "option_code");
      else if (!codes.insert(axis.code).second)
        at.add("code", "option_duplicate");
      for (auto locale : core::kLocales) {
        auto field = fmt::format("name.{}", core::code(locale));
        if (axis.name[locale].empty()) at.add(field, "required");
        at.length(field, axis.name[locale], kMaxNameLength);
      }
    }
  }

  // Texts may come with an update too; variants and images only with a create.
  for (auto locale : core::kLocales) {
    auto prefix = fmt::format("text.{}.", core::code(locale));
    const auto& text = input.text[locale];
    if (!text) {
      if (creating) check.add(fmt::format("text.{}", core::code(locale)), "required");
      continue;
    }
    check_text(*text, apply(*text, merged.text[locale]), creating, prefix, errors);
  }
  if (!creating) return;

  if (input.variants.empty()) check.add("variants", "no_variant");
  if (input.variants.size() > kMaxVariants)
    check.add("variants", "too_many", std::to_string(kMaxVariants));
  std::set<std::string> skus;
  std::set<std::string> gtins;
  std::optional<std::string> currency;
  for (std::size_t i = 0; i < input.variants.size(); ++i) {
    const auto& variant = input.variants[i];
    auto prefix = field_at("variants", i);
    Variant base;
    base.position = static_cast<int>(i);
    auto merged_variant = apply(variant, base);
    check_variant(variant, merged_variant, merged.options, true, prefix, errors);
    if (variant.sku && !skus.insert(upper_ascii(*variant.sku)).second)
      errors.push_back({prefix + "sku", "catalog.error.sku_duplicate", {}});
    if (auto gtin = variant.gtin ? gtin14(*variant.gtin) : std::nullopt;
        gtin && !gtins.insert(*gtin).second)
      errors.push_back({prefix + "gtin", "catalog.error.gtin_duplicate", {}});
    if (!currency)
      currency = merged_variant.price.currency;
    else if (*currency != merged_variant.price.currency)
      errors.push_back({prefix + "currency", "catalog.error.currency_mismatch", *currency});
  }
  if (input.images.size() > kMaxImages) check.add("images", "too_many", std::to_string(kMaxImages));
  for (std::size_t i = 0; i < input.images.size(); ++i) {
    Image base;
    base.position = static_cast<int>(i);
    check_image(input.images[i], apply(input.images[i], base), true, field_at("images", i), errors);
  }
}

void check_category(const CategoryInput& input, const Category& merged, bool creating,
                    FieldErrors& errors) {
  Checker check{"", errors};
  check.range("position", input.position, 0, 1'000'000);
  if (input.image_path && !input.image_path->empty() && !is_valid_media_path(*input.image_path))
    check.add("image_path", "media_path");
  if (merged.id != 0 && merged.parent_id == merged.id) check.add("parent_id", "category_cycle");
  for (auto locale : core::kLocales) {
    const auto& text = input.text[locale];
    if (!text) {
      if (creating) check.add(fmt::format("text.{}", core::code(locale)), "required");
      continue;
    }
    check_text(*text, apply(*text, merged.text[locale]), creating,
               fmt::format("text.{}.", core::code(locale)), errors);
  }
}

}  // namespace comptoir::catalog
