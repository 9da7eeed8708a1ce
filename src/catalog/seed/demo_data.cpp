#include "catalog/seed/demo_data.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

namespace comptoir::catalog::seed {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// Where we are in the files, for error messages: "products-kitchen.json: tetsu-teapot: fr.slug".
struct Where {
  std::string text;
  Where at(std::string_view more) const { return {fmt::format("{}: {}", text, more)}; }
};

[[noreturn]] void fail(const Where& where, std::string_view problem) {
  throw DemoDataError(fmt::format("{}: {}", where.text, problem));
}

const json::value& field(const json::object& object, std::string_view key, const Where& where) {
  const auto* value = object.if_contains(key);
  if (!value) fail(where, fmt::format("'{}' is missing", key));
  return *value;
}

const json::object& as_object(const json::value& value, const Where& where) {
  if (!value.is_object()) fail(where, "expected an object");
  return value.get_object();
}

const json::array& as_array(const json::value& value, const Where& where) {
  if (!value.is_array()) fail(where, "expected an array");
  return value.get_array();
}

std::string as_string(const json::value& value, const Where& where, bool allow_empty = false) {
  if (!value.is_string()) fail(where, "expected a string");
  std::string text(value.get_string());
  if (text.empty() && !allow_empty) fail(where, "must not be empty");
  return text;
}

std::int64_t as_integer(const json::value& value, const Where& where, std::int64_t min,
                        std::int64_t max) {
  if (!value.is_int64()) fail(where, "expected an integer");
  auto number = value.get_int64();
  if (number < min || number > max) fail(where, fmt::format("must be in [{}, {}]", min, max));
  return number;
}

int as_int(const json::value& value, const Where& where, int min, int max) {
  return static_cast<int>(as_integer(value, where, min, max));
}

bool as_bool(const json::object& object, std::string_view key, const Where& where) {
  const auto* value = object.if_contains(key);
  if (!value) return false;
  if (!value->is_bool()) fail(where.at(key), "expected true or false");
  return value->get_bool();
}

std::string string_field(const json::object& object, std::string_view key, const Where& where) {
  return as_string(field(object, key, where), where.at(key));
}

bool is_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 120 || slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

// {"fr": "…", "en": "…"}
PerLocale<std::string> per_locale(const json::value& value, const Where& where) {
  const auto& object = as_object(value, where);
  PerLocale<std::string> out;
  for (auto locale : core::kLocales) out[locale] = string_field(object, core::code(locale), where);
  return out;
}

DemoText text_of(const json::object& object, bool product, const Where& where) {
  DemoText text;
  text.name = string_field(object, "name", where);
  text.slug = string_field(object, "slug", where);
  if (!is_slug(text.slug)) fail(where.at("slug"), "must be lowercase ASCII words joined by '-'");
  if (product) text.short_description = string_field(object, "short", where);
  text.description = string_field(object, "description", where);
  // Products may leave their meta fields to the defaults: name and short description.
  const auto* meta_title = object.if_contains("meta_title");
  const auto* meta_description = object.if_contains("meta_description");
  if (!product && (!meta_title || !meta_description))
    fail(where, "meta_title and meta_description are required");
  text.meta_title = meta_title ? as_string(*meta_title, where.at("meta_title")) : text.name;
  text.meta_description = meta_description
                              ? as_string(*meta_description, where.at("meta_description"))
                              : text.short_description;
  return text;
}

PerLocale<DemoText> texts_of(const json::object& object, bool product, const Where& where) {
  PerLocale<DemoText> texts;
  for (auto locale : core::kLocales) {
    auto code = core::code(locale);
    texts[locale] =
        text_of(as_object(field(object, code, where), where.at(code)), product, where.at(code));
  }
  return texts;
}

Rgb colour(const json::object& palette, std::string_view key, const Where& where) {
  auto parsed = parse_hex_colour(string_field(palette, key, where));
  if (!parsed) fail(where.at(key), "expected a colour like \"#c8a27a\"");
  return *parsed;
}

DemoCategory category_of(const json::object& object, const Where& file) {
  DemoCategory category;
  category.key = string_field(object, "key", file);
  Where where = file.at(category.key);
  const auto& parent = field(object, "parent", where);
  if (!parent.is_null()) category.parent = as_string(parent, where.at("parent"));
  category.position = as_int(field(object, "position", where), where.at("position"), 0, 10'000);
  category.featured = as_bool(object, "featured", where);
  const auto& palette = as_object(field(object, "palette", where), where.at("palette"));
  category.palette = {.from = colour(palette, "from", where.at("palette")),
                      .to = colour(palette, "to", where.at("palette")),
                      .accent = colour(palette, "accent", where.at("palette"))};
  category.text = texts_of(object, false, where);
  return category;
}

DemoVariant variant_of(const json::object& object, const std::vector<DemoOption>& options,
                       const Where& product) {
  DemoVariant variant;
  variant.sku = string_field(object, "sku", product.at("variants"));
  Where where = product.at(variant.sku);
  variant.price_cents =
      as_integer(field(object, "price", where), where.at("price"), 0, 100'000'000);
  if (const auto* compare_at = object.if_contains("compare_at")) {
    variant.compare_at_cents = as_integer(*compare_at, where.at("compare_at"), 0, 100'000'000);
    if (*variant.compare_at_cents <= variant.price_cents)
      fail(where.at("compare_at"), "must be higher than the price");
  }
  variant.stock = as_int(field(object, "stock", where), where.at("stock"), 0, 1'000'000);
  if (const auto* values = object.if_contains("values")) {
    for (const auto& [code, value] : as_object(*values, where.at("values")))
      variant.values[std::string(code)] = per_locale(value, where.at(code));
  }
  if (variant.values.size() != options.size())
    fail(where, "needs one value per option of the product");
  for (const auto& option : options)
    if (!variant.values.contains(option.code))
      fail(where, fmt::format("no value for option '{}'", option.code));
  return variant;
}

DemoImage image_of(const json::object& object, const Where& where) {
  DemoImage image;
  auto shape = parse_shape(string_field(object, "shape", where));
  if (!shape) fail(where.at("shape"), "unknown shape (circle, ring, arch, stripes, diamond, dots)");
  image.shape = *shape;
  if (const auto* size = object.if_contains("size")) {
    const auto& pair = as_array(*size, where.at("size"));
    if (pair.size() != 2) fail(where.at("size"), "expected [width, height]");
    image.width = as_int(pair[0], where.at("size"), 320, 4000);
    image.height = as_int(pair[1], where.at("size"), 320, 4000);
  }
  image.alt = per_locale(field(object, "alt", where), where.at("alt"));
  return image;
}

DemoProduct product_of(const json::object& object, const Where& file) {
  DemoProduct product;
  product.key = string_field(object, "key", file);
  Where where = file.at(product.key);
  product.category = string_field(object, "category", where);
  if (const auto* also = object.if_contains("categories"))
    for (const auto& key : as_array(*also, where.at("categories")))
      product.also_in.push_back(as_string(key, where.at("categories")));
  product.brand = string_field(object, "brand", where);
  product.weight_grams = as_int(field(object, "weight", where), where.at("weight"), 0, 1'000'000);
  product.status = string_field(object, "status", where);
  if (product.status != "draft" && product.status != "active" && product.status != "archived")
    fail(where.at("status"), "draft, active or archived");
  product.featured = as_bool(object, "featured", where);
  product.popularity =
      as_int(field(object, "popularity", where), where.at("popularity"), 0, 1'000'000);
  product.text = texts_of(object, true, where);
  if (const auto* options = object.if_contains("options")) {
    for (const auto& value : as_array(*options, where.at("options"))) {
      const auto& option = as_object(value, where.at("options"));
      DemoOption parsed{.code = string_field(option, "code", where.at("options"))};
      for (auto locale : core::kLocales)
        parsed.name[locale] = string_field(option, core::code(locale), where.at(parsed.code));
      product.options.push_back(std::move(parsed));
    }
  }
  for (const auto& value : as_array(field(object, "variants", where), where.at("variants")))
    product.variants.push_back(
        variant_of(as_object(value, where.at("variants")), product.options, where));
  if (product.variants.empty()) fail(where.at("variants"), "a product needs at least one variant");
  for (const auto& value : as_array(field(object, "images", where), where.at("images")))
    product.images.push_back(image_of(as_object(value, where.at("images")), where.at("images")));
  return product;
}

json::object read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DemoDataError(fmt::format("cannot read {}", path.string()));
  std::string text(std::istreambuf_iterator<char>(in), {});
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec) throw DemoDataError(fmt::format("{}: not valid JSON: {}", path.string(), ec.message()));
  return as_object(value, {path.filename().string()});
}

// Unique slugs per locale and SKUs (case-insensitive, as the database compares them), known
// category keys, parents before children.
void check_references(const DemoCatalog& catalog) {
  std::set<std::string> keys;
  PerLocale<std::set<std::string>> category_slugs;
  for (const auto& category : catalog.categories) {
    if (category.parent && !keys.contains(*category.parent))
      throw DemoDataError(fmt::format("category {}: parent '{}' must come before it", category.key,
                                      *category.parent));
    if (!keys.insert(category.key).second)
      throw DemoDataError(fmt::format("category key '{}' is used twice", category.key));
    for (auto locale : core::kLocales)
      if (!category_slugs[locale].insert(category.text[locale].slug).second)
        throw DemoDataError(fmt::format("category {}: slug '{}' is used twice", category.key,
                                        category.text[locale].slug));
  }
  std::set<std::string> product_keys;
  std::set<std::string> skus;
  PerLocale<std::set<std::string>> product_slugs;
  for (const auto& product : catalog.products) {
    if (!product_keys.insert(product.key).second)
      throw DemoDataError(fmt::format("product key '{}' is used twice", product.key));
    if (!catalog.category(product.category))
      throw DemoDataError(
          fmt::format("product {}: unknown category '{}'", product.key, product.category));
    for (const auto& key : product.also_in)
      if (!catalog.category(key))
        throw DemoDataError(fmt::format("product {}: unknown category '{}'", product.key, key));
    for (auto locale : core::kLocales)
      if (!product_slugs[locale].insert(product.text[locale].slug).second)
        throw DemoDataError(fmt::format("product {}: slug '{}' is used twice", product.key,
                                        product.text[locale].slug));
    for (const auto& variant : product.variants) {
      std::string upper = variant.sku;
      std::ranges::transform(upper, upper.begin(), [](char c) {
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      });
      if (!skus.insert(upper).second)
        throw DemoDataError(
            fmt::format("product {}: SKU '{}' is used twice", product.key, variant.sku));
    }
  }
}

}  // namespace

const DemoCategory* DemoCatalog::category(std::string_view key) const {
  auto found = std::ranges::find(categories, key, &DemoCategory::key);
  return found == categories.end() ? nullptr : &*found;
}

DemoCatalog load_demo_catalog(const fs::path& dir) {
  DemoCatalog catalog;
  auto categories_file = dir / "categories.json";
  auto categories = read_json(categories_file);
  Where where{categories_file.filename().string()};
  for (const auto& value : as_array(field(categories, "categories", where), where))
    catalog.categories.push_back(category_of(as_object(value, where), where));

  std::vector<fs::path> product_files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto name = entry.path().filename().string();
    if (name.starts_with("products-") && name.ends_with(".json"))
      product_files.push_back(entry.path());
  }
  if (ec) throw DemoDataError(fmt::format("cannot list {}: {}", dir.string(), ec.message()));
  std::ranges::sort(
      product_files);  // a stable order: ids and pictures come out the same every time
  for (const auto& file : product_files) {
    auto products = read_json(file);
    Where file_where{file.filename().string()};
    for (const auto& value : as_array(field(products, "products", file_where), file_where))
      catalog.products.push_back(product_of(as_object(value, file_where), file_where));
  }
  if (catalog.products.empty())
    throw DemoDataError(fmt::format("no products-*.json in {}", dir.string()));
  check_references(catalog);
  return catalog;
}

}  // namespace comptoir::catalog::seed
