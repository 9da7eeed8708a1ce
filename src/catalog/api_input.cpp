#include "catalog/api_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

namespace comptoir::catalog::api {
namespace {

namespace json = boost::json;

using Keys = std::initializer_list<std::string_view>;

// Reads the members of one JSON object, recording type errors under `prefix`.
class Reader {
 public:
  Reader(const json::value& value, std::string prefix, std::vector<FieldError>& errors)
      : prefix_(std::move(prefix)), errors_(errors) {
    if (value.is_object())
      object_ = &value.get_object();
    else
      fail("", "catalog.error.type_object");
  }

  bool ok() const { return object_ != nullptr; }
  std::string path(std::string_view key) const { return prefix_ + std::string(key); }

  void fail(std::string_view key, std::string_view message_key, std::string value = {}) {
    auto field = path(key);
    if (!field.empty() && field.back() == '.') field.pop_back();
    errors_.push_back({std::move(field), std::string(message_key), std::move(value)});
  }

  // Members outside `known` and `read_only` are errors; read-only ones are ignored.
  void only(Keys known, Keys read_only = {}) {
    if (!object_) return;
    for (const auto& [key, value] : *object_) {
      std::string_view name(key);
      if (std::ranges::find(known, name) == known.end() &&
          std::ranges::find(read_only, name) == read_only.end())
        fail(name, "catalog.error.unknown_field");
    }
  }

  const json::value* find(std::string_view key) const {
    return object_ ? object_->if_contains(key) : nullptr;
  }

  std::optional<std::string> string(std::string_view key) {
    auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_string()) {
      fail(key, "catalog.error.type_string");
      return std::nullopt;
    }
    std::string text(value->get_string());
    if (text.find('\0') != std::string::npos) {
      fail(key, "catalog.error.invalid_text");
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::int64_t> integer(std::string_view key) {
    auto* value = find(key);
    if (!value) return std::nullopt;
    if (auto number = as_integer(*value)) return number;
    fail(key, "catalog.error.type_integer");
    return std::nullopt;
  }

  // Absent: nullopt; null: an empty inner optional.
  std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view key) {
    auto* value = find(key);
    if (!value) return std::nullopt;
    if (value->is_null()) return std::optional<std::int64_t>{};
    if (auto number = as_integer(*value)) return std::optional<std::int64_t>{*number};
    fail(key, "catalog.error.type_integer");
    return std::nullopt;
  }

  std::optional<bool> boolean(std::string_view key) {
    auto* value = find(key);
    if (!value) return std::nullopt;
    if (value->is_bool()) return value->get_bool();
    fail(key, "catalog.error.type_boolean");
    return std::nullopt;
  }

  const json::array* array(std::string_view key) {
    auto* value = find(key);
    if (!value) return nullptr;
    if (value->is_array()) return &value->get_array();
    fail(key, "catalog.error.type_array");
    return nullptr;
  }

  // {"fr": "…", "en": "…"}: each locale optional.
  PerLocale<std::optional<std::string>> localized(std::string_view key) {
    PerLocale<std::optional<std::string>> out;
    auto* value = find(key);
    if (!value) return out;
    Reader inner(*value, path(key) + ".", errors_);
    inner.only({"fr", "en"});
    for (auto locale : core::kLocales) out[locale] = inner.string(core::code(locale));
    return out;
  }

  std::vector<FieldError>& errors() { return errors_; }

 private:
  static std::optional<std::int64_t> as_integer(const json::value& value) {
    if (value.is_int64()) return value.get_int64();
    if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
      return static_cast<std::int64_t>(value.get_uint64());
    // 12.0 is a whole number written as a double; 12.5 is not.
    if (value.is_double()) {
      double d = value.get_double();
      if (d >= -9.0e15 && d <= 9.0e15 && d == static_cast<double>(static_cast<std::int64_t>(d)))
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
  }

  const json::object* object_ = nullptr;
  std::string prefix_;
  std::vector<FieldError>& errors_;
};

template <class T>
Parsed<T> finish(T value, std::vector<FieldError>& errors) {
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return value;
}

PerLocale<std::string> required_localized(Reader& read, std::string_view key) {
  PerLocale<std::string> out;
  auto values = read.localized(key);
  for (auto locale : core::kLocales) out[locale] = values[locale].value_or("");
  return out;
}

ProductTextInput read_product_text(Reader& read) {
  read.only({"name", "slug", "short_description", "description", "meta_title", "meta_description"});
  return {read.string("name"),        read.string("slug"),       read.string("short_description"),
          read.string("description"), read.string("meta_title"), read.string("meta_description")};
}

CategoryTextInput read_category_text(Reader& read) {
  read.only({"name", "slug", "description", "meta_title", "meta_description"});
  return {read.string("name"), read.string("slug"), read.string("description"),
          read.string("meta_title"), read.string("meta_description")};
}

VariantInput read_variant(Reader& read) {
  read.only({"sku", "gtin", "option_values", "price_cents", "currency", "compare_at_cents",
             "stock_on_hand", "track_inventory", "position"},
            {"id", "version", "price", "compare_at_price", "available"});
  VariantInput in;
  in.sku = read.string("sku");
  in.gtin = read.string("gtin");
  if (auto* values = read.find("option_values")) {
    if (!values->is_object()) {
      read.fail("option_values", "catalog.error.type_object");
    } else {
      OptionValues out;
      Reader inner(*values, read.path("option_values."), read.errors());
      for (const auto& [code, value] : values->get_object())
        out[std::string(code)] = required_localized(inner, code);
      in.option_values = std::move(out);
    }
  }
  in.price_cents = read.integer("price_cents");
  in.currency = read.string("currency");
  in.compare_at_cents = read.nullable_integer("compare_at_cents");
  in.stock_on_hand = read.integer("stock_on_hand");
  in.track_inventory = read.boolean("track_inventory");
  in.position = read.integer("position");
  return in;
}

ImageInput read_image(Reader& read) {
  read.only({"path", "width", "height", "alt", "position"}, {"id", "url"});
  ImageInput in;
  in.path = read.string("path");
  in.width = read.integer("width");
  in.height = read.integer("height");
  in.alt = read.localized("alt");
  in.position = read.integer("position");
  return in;
}

template <class Text, class ReadText>
void read_texts(Reader& read, PerLocale<std::optional<Text>>& out, ReadText read_text) {
  auto* texts = read.find("text");
  if (!texts) return;
  Reader by_locale(*texts, read.path("text."), read.errors());
  if (!by_locale.ok()) return;
  by_locale.only({"fr", "en"});
  for (auto locale : core::kLocales) {
    auto* value = by_locale.find(core::code(locale));
    if (!value) continue;
    Reader text(*value, by_locale.path(core::code(locale)) + ".", read.errors());
    if (text.ok()) out[locale] = read_text(text);
  }
}

template <class T, class ReadItem>
std::vector<T> read_list(Reader& read, std::string_view key, ReadItem read_item) {
  std::vector<T> out;
  auto* items = read.array(key);
  if (!items) return out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    Reader item((*items)[i], fmt::format("{}[{}].", read.path(key), i), read.errors());
    out.push_back(item.ok() ? read_item(item) : T{});
  }
  return out;
}

}  // namespace

Parsed<ProductInput> parse_product(const json::value& body, bool creating) {
  std::vector<FieldError> errors;
  Reader read(body, "", errors);
  ProductInput in;
  if (!read.ok()) return std::unexpected(std::move(errors));
  Keys known = {"status",       "fulfillment_type",
                "brand",        "tax_class",
                "weight_grams", "primary_category_id",
                "category_ids", "featured",
                "popularity",   "options",
                "text",         "variants",
                "images"};
  read.only(known, {"id", "version", "created_at", "updated_at", "links", "available", "price",
                    "compare_at_price"});
  if (auto status = read.string("status")) {
    in.status = parse_product_status(*status);
    if (!in.status) read.fail("status", "catalog.error.one_of", "draft, active, archived");
  }
  if (auto type = read.string("fulfillment_type")) {
    in.fulfillment = parse_fulfillment_type(*type);
    if (!in.fulfillment)
      read.fail("fulfillment_type", "catalog.error.one_of",
                "LOCAL_STOCK, DROPSHIPPING, PRINT_ON_DEMAND");
  }
  in.brand = read.string("brand");
  in.tax_class = read.string("tax_class");
  in.weight_grams = read.integer("weight_grams");
  in.primary_category_id = read.nullable_integer("primary_category_id");
  if (auto* ids = read.array("category_ids")) {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const auto& id = (*ids)[i];
      if (id.is_int64())
        out.push_back(id.get_int64());
      else
        errors.push_back({fmt::format("category_ids[{}]", i), "catalog.error.type_integer", {}});
    }
    in.category_ids = std::move(out);
  }
  in.featured = read.boolean("featured");
  in.popularity = read.integer("popularity");
  if (read.find("options")) {
    in.options = read_list<OptionAxis>(read, "options", [](Reader& axis) {
      axis.only({"code", "name"});
      return OptionAxis{axis.string("code").value_or(""), required_localized(axis, "name")};
    });
  }
  read_texts(read, in.text, read_product_text);
  if (creating) {
    in.variants = read_list<VariantInput>(read, "variants", read_variant);
    in.images = read_list<ImageInput>(read, "images", read_image);
  } else {
    // Each variant and image has its own endpoint, with its own checks.
    if (read.find("variants")) read.fail("variants", "catalog.error.use_subresource");
    if (read.find("images")) read.fail("images", "catalog.error.use_subresource");
  }
  return finish(std::move(in), errors);
}

Parsed<VariantInput> parse_variant(const json::value& body) {
  std::vector<FieldError> errors;
  Reader read(body, "", errors);
  if (!read.ok()) return std::unexpected(std::move(errors));
  auto in = read_variant(read);
  return finish(std::move(in), errors);
}

Parsed<ImageInput> parse_image(const json::value& body) {
  std::vector<FieldError> errors;
  Reader read(body, "", errors);
  if (!read.ok()) return std::unexpected(std::move(errors));
  auto in = read_image(read);
  return finish(std::move(in), errors);
}

Parsed<ProductTextInput> parse_product_text(const json::value& body) {
  std::vector<FieldError> errors;
  Reader read(body, "", errors);
  if (!read.ok()) return std::unexpected(std::move(errors));
  auto in = read_product_text(read);
  return finish(std::move(in), errors);
}

Parsed<CategoryInput> parse_category(const json::value& body) {
  std::vector<FieldError> errors;
  Reader read(body, "", errors);
  if (!read.ok()) return std::unexpected(std::move(errors));
  read.only({"parent_id", "position", "active", "featured", "image_path", "text"},
            {"id", "version", "updated_at", "links", "children"});
  CategoryInput in;
  in.parent_id = read.nullable_integer("parent_id");
  in.position = read.integer("position");
  in.active = read.boolean("active");
  in.featured = read.boolean("featured");
  if (auto* path = read.find("image_path"); path && path->is_null())
    in.image_path = std::string{};
  else
    in.image_path = read.string("image_path");
  read_texts(read, in.text, read_category_text);
  return finish(std::move(in), errors);
}

Parsed<CategoryTextInput> parse_category_text(const json::value& body) {
  std::vector<FieldError> errors;
  Reader read(body, "", errors);
  if (!read.ok()) return std::unexpected(std::move(errors));
  auto in = read_category_text(read);
  return finish(std::move(in), errors);
}

}  // namespace comptoir::catalog::api
