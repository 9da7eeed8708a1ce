#include "catalog/catalog_audit.hpp"

#include <fmt/format.h>

#include <map>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace comptoir::catalog {
namespace {

namespace json = boost::json;
using Fields = std::map<std::string, json::value>;

json::value clipped(std::string_view text) {
  if (text.size() <= kMaxAuditText) return json::value(json::string(text));
  auto cut = kMaxAuditText;
  // Never inside a UTF-8 character: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return json::value(json::string(fmt::format("{}…", text.substr(0, cut))));
}

json::array ids(const std::vector<std::int64_t>& values) {
  json::array out;
  for (auto value : values) out.emplace_back(value);
  return out;
}

// Every field of a product the back office or the API can change, flattened.
Fields flatten(const Product& product) {
  Fields out;
  out["status"] = json::string(to_string(product.status));
  out["fulfillment_type"] = json::string(to_string(product.fulfillment));
  out["brand"] = clipped(product.brand);
  out["tax_class"] = json::string(product.tax_class);
  out["weight_grams"] = product.weight_grams;
  out["primary_category_id"] = product.primary_category_id
                                   ? json::value(*product.primary_category_id)
                                   : json::value(nullptr);
  out["category_ids"] = ids(product.category_ids);
  out["featured"] = product.featured;
  out["popularity"] = product.popularity;
  json::array options;
  for (const auto& axis : product.options) options.emplace_back(json::string(axis.code));
  out["options"] = std::move(options);
  for (auto locale : core::kLocales) {
    const auto& text = product.text[locale];
    auto key = [&](std::string_view field) {
      return fmt::format("text.{}.{}", core::code(locale), field);
    };
    out[key("name")] = clipped(text.name);
    out[key("slug")] = clipped(text.slug);
    out[key("short_description")] = clipped(text.short_description);
    out[key("description")] = clipped(text.description);
    out[key("meta_title")] = clipped(text.meta_title);
    out[key("meta_description")] = clipped(text.meta_description);
  }
  for (const auto& variant : product.variants) {
    auto key = [&](std::string_view field) {
      return fmt::format("variants.{}.{}", variant.id, field);
    };
    out[key("sku")] = json::string(variant.sku);
    out[key("gtin")] = json::string(variant.gtin);
    out[key("price_cents")] = variant.price.cents;
    out[key("currency")] = json::string(variant.price.currency);
    out[key("compare_at_cents")] =
        variant.compare_at_cents ? json::value(*variant.compare_at_cents) : json::value(nullptr);
    out[key("stock_on_hand")] = variant.stock_on_hand;
    out[key("track_inventory")] = variant.track_inventory;
    out[key("position")] = variant.position;
    for (const auto& [code, value] : variant.option_values)
      for (auto locale : core::kLocales)
        out[key(fmt::format("option_values.{}.{}", code, core::code(locale)))] =
            clipped(value[locale]);
  }
  for (const auto& image : product.images) {
    auto key = [&](std::string_view field) { return fmt::format("images.{}.{}", image.id, field); };
    out[key("path")] = json::string(image.path);
    out[key("position")] = image.position;
    for (auto locale : core::kLocales)
      out[key(fmt::format("alt.{}", core::code(locale)))] = clipped(image.alt[locale]);
  }
  return out;
}

// Every field of a category the back office or the API can change, flattened.
Fields flatten(const Category& category) {
  Fields out;
  out["parent_id"] = category.parent_id ? json::value(*category.parent_id) : json::value(nullptr);
  out["position"] = category.position;
  out["active"] = category.active;
  out["featured"] = category.featured;
  out["image_path"] = json::string(category.image_path);
  for (auto locale : core::kLocales) {
    const auto& text = category.text[locale];
    auto key = [&](std::string_view field) {
      return fmt::format("text.{}.{}", core::code(locale), field);
    };
    out[key("name")] = clipped(text.name);
    out[key("slug")] = clipped(text.slug);
    out[key("description")] = clipped(text.description);
    out[key("meta_title")] = clipped(text.meta_title);
    out[key("meta_description")] = clipped(text.meta_description);
  }
  return out;
}

json::object change(const json::value& before, const json::value& after) {
  return {{"before", before}, {"after", after}};
}

json::object changes(const Fields& old_fields, const Fields& new_fields) {
  json::object out;
  auto old_it = old_fields.begin();
  auto new_it = new_fields.begin();
  // Both maps are sorted by name: one merge walk finds what was removed, added or changed.
  while (old_it != old_fields.end() || new_it != new_fields.end()) {
    if (new_it == new_fields.end() ||
        (old_it != old_fields.end() && old_it->first < new_it->first)) {
      out[old_it->first] = change(old_it->second, nullptr);
      ++old_it;
    } else if (old_it == old_fields.end() || new_it->first < old_it->first) {
      out[new_it->first] = change(nullptr, new_it->second);
      ++new_it;
    } else {
      if (old_it->second != new_it->second)
        out[old_it->first] = change(old_it->second, new_it->second);
      ++old_it;
      ++new_it;
    }
  }
  return out;
}

}  // namespace

json::object product_changes(const Product& before, const Product& after) {
  return changes(flatten(before), flatten(after));
}

json::object product_changes(const Product* before, const Product* after) {
  return changes(before ? flatten(*before) : Fields{}, after ? flatten(*after) : Fields{});
}

json::object category_changes(const Category* before, const Category* after) {
  return changes(before ? flatten(*before) : Fields{}, after ? flatten(*after) : Fields{});
}

std::string_view category_action(const Category& before, const Category& after) {
  if (before.parent_id != after.parent_id) return "category.moved";
  auto changed = category_changes(&before, &after);
  if (changed.size() == 1 && changed.contains("position")) return "category.reordered";
  return "category.updated";
}

}  // namespace comptoir::catalog
