#pragma once

// Hand-built catalog values for the storefront and SEO unit tests (no database).
#include <chrono>
#include <string>

#include "catalog/model.hpp"

namespace comptoir::catalog::testing {

inline Timestamp at(int year, unsigned month, unsigned day) {
  return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} /
                               std::chrono::day{day}};
}

inline Category category(std::int64_t id, std::optional<std::int64_t> parent, std::string fr_name,
                         std::string fr_slug, std::string en_name, std::string en_slug) {
  Category c;
  c.id = id;
  c.parent_id = parent;
  c.text[Locale::fr].name = std::move(fr_name);
  c.text[Locale::fr].slug = std::move(fr_slug);
  c.text[Locale::en].name = std::move(en_name);
  c.text[Locale::en].slug = std::move(en_slug);
  return c;
}

// Cuisine (1) > Thé (2) > Théières (3); Jardin (4), inactive Archives (5).
inline CategoryTree tree() {
  CategoryTree t;
  t.categories.push_back(category(1, std::nullopt, "Cuisine", "cuisine", "Kitchen", "kitchen"));
  t.categories.push_back(category(4, std::nullopt, "Jardin", "jardin", "Garden", "garden"));
  auto archives = category(5, std::nullopt, "Archives", "archives", "Archive", "archive");
  archives.active = false;
  t.categories.push_back(archives);
  t.categories.push_back(category(2, 1, "Thé", "the", "Tea", "tea"));
  t.categories.push_back(category(3, 2, "Théières", "theieres", "Teapots", "teapots"));
  return t;
}

inline Variant variant(std::int64_t id, std::string sku, std::int64_t cents, int stock,
                       std::optional<std::int64_t> compare_at = std::nullopt) {
  Variant v;
  v.id = id;
  v.sku = std::move(sku);
  v.price = Money{cents, "CAD"};
  v.compare_at_cents = compare_at;
  v.stock_on_hand = stock;
  v.position = static_cast<int>(id);
  return v;
}

inline Image image(std::int64_t id, std::string path, int width, int height, std::string fr_alt,
                   std::string en_alt) {
  Image i;
  i.id = id;
  i.path = std::move(path);
  i.width = width;
  i.height = height;
  i.alt[Locale::fr] = std::move(fr_alt);
  i.alt[Locale::en] = std::move(en_alt);
  i.position = static_cast<int>(id);
  return i;
}

// « Théière en fonte », in Théières, two sizes (the large one sold out), two images.
inline Product teapot() {
  Product p;
  p.id = 42;
  p.status = ProductStatus::active;
  p.brand = "Fonderie Laval";
  p.primary_category_id = 3;
  p.category_ids = {3};
  OptionAxis size;
  size.code = "size";
  size.name[Locale::fr] = "Taille";
  size.name[Locale::en] = "Size";
  p.options = {size};
  auto small = variant(7, "TEA-POT-S", 4999, 3, 5999);
  small.option_values["size"][Locale::fr] = "Petite";
  small.option_values["size"][Locale::en] = "Small";
  auto large = variant(8, "TEA-POT-L", 6999, 0);
  large.option_values["size"][Locale::fr] = "Grande";
  large.option_values["size"][Locale::en] = "Large";
  p.variants = {small, large};
  p.images = {image(1, "products/42/1.jpg", 1000, 800, "Théière noire vue de face",
                    "Black teapot, front view"),
              image(2, "products/42/2.jpg", 300, 300, "", "")};
  p.text[Locale::fr] = {.name = "Théière en fonte",
                        .slug = "theiere-en-fonte",
                        .short_description = "Une théière qui garde la chaleur.",
                        .description = "Fonte émaillée.\n\nContenance 1,2 litre.",
                        .meta_title = "",
                        .meta_description = ""};
  p.text[Locale::en] = {.name = "Cast iron teapot",
                        .slug = "cast-iron-teapot",
                        .short_description = "A teapot that keeps the heat.",
                        .description = "Enamelled cast iron.\n\nHolds 1.2 litres.",
                        .meta_title = "",
                        .meta_description = ""};
  p.updated_at = at(2026, 11, 20);
  return p;
}

}  // namespace comptoir::catalog::testing
