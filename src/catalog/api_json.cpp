#include "catalog/api_json.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <boost/json/array.hpp>

#include "catalog/catalog_urls.hpp"
#include "core/markup.hpp"
#include "i18n/formatter.hpp"
#include "i18n/money_json.hpp"

namespace comptoir::catalog::api {
namespace {

namespace json = boost::json;

json::object per_locale_json(const PerLocale<std::string>& values) {
  json::object out;
  for (auto locale : core::kLocales) out[core::code(locale)] = values[locale];
  return out;
}

json::value optional_money(std::optional<std::int64_t> cents, const std::string& currency,
                           const JsonStyle& style) {
  if (!cents) return nullptr;
  return money_json({*cents, currency}, style);
}

json::object image_json(const Image& image) {
  return {{"id", image.id},
          {"path", image.path},
          {"url", fmt::format("/media/{}", image.path)},
          {"width", image.width},
          {"height", image.height},
          {"alt", per_locale_json(image.alt)},
          {"position", image.position}};
}

json::object variant_json(const Variant& variant, const JsonStyle& style) {
  json::object values;
  for (const auto& [code, value] : variant.option_values) values[code] = per_locale_json(value);
  return {
      {"id", variant.id},
      {"sku", variant.sku},
      {"gtin", variant.gtin},
      {"option_values", std::move(values)},
      {"price", money_json(variant.price, style)},
      {"compare_at_price", optional_money(variant.compare_at_cents, variant.price.currency, style)},
      {"stock_on_hand", variant.stock_on_hand},
      {"supplier_stock", variant.supplier_stock},
      {"track_inventory", variant.track_inventory},
      {"available", variant.available()},
      {"position", variant.position},
      {"version", variant.version}};
}

json::value optional_id(std::optional<std::int64_t> id) {
  return id ? json::value(*id) : json::value(nullptr);
}

}  // namespace

std::string iso8601(Timestamp time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", time);
}

json::object money_json(const Money& money, const JsonStyle& style) {
  return i18n::money_json(money, style.locale, style.formatter);
}

json::object product_json(const Product& product, const JsonStyle& style) {
  json::object text;
  json::object links;
  for (auto locale : core::kLocales) {
    const auto& t = product.text[locale];
    text[core::code(locale)] = {{"name", t.name},
                                {"slug", t.slug},
                                {"short_description", t.short_description},
                                {"description", t.description},
                                {"meta_title", t.meta_title},
                                {"meta_description", t.meta_description}};
    links[core::code(locale)] = urls::product(locale, t.slug);
  }
  json::array options;
  for (const auto& axis : product.options)
    options.push_back(json::object{{"code", axis.code}, {"name", per_locale_json(axis.name)}});
  json::array categories;
  for (auto id : product.category_ids) categories.push_back(id);
  json::array variants;
  for (const auto& variant : product.variants) variants.push_back(variant_json(variant, style));
  json::array images;
  for (const auto& image : product.images) images.push_back(image_json(image));

  json::object out{{"id", product.id},
                   {"status", to_string(product.status)},
                   {"fulfillment_type", to_string(product.fulfillment)},
                   {"brand", product.brand},
                   {"tax_class", product.tax_class},
                   {"weight_grams", product.weight_grams},
                   {"primary_category_id", optional_id(product.primary_category_id)},
                   {"category_ids", std::move(categories)},
                   {"featured", product.featured},
                   {"popularity", product.popularity},
                   {"options", std::move(options)},
                   {"text", std::move(text)},
                   {"links", std::move(links)},
                   {"variants", std::move(variants)},
                   {"images", std::move(images)},
                   {"available", product.available()},
                   {"version", product.version},
                   {"created_at", iso8601(product.created_at)},
                   {"updated_at", iso8601(product.updated_at)}};
  if (!product.variants.empty()) {
    const auto& cheapest = product.cheapest_variant();
    out["price"] = money_json(cheapest.price, style);
    out["compare_at_price"] =
        optional_money(cheapest.compare_at_cents, cheapest.price.currency, style);
  }
  return out;
}

json::object category_json(const Category& category, const JsonStyle&) {
  json::object text;
  json::object links;
  for (auto locale : core::kLocales) {
    const auto& t = category.text[locale];
    text[core::code(locale)] = {{"name", t.name},
                                {"slug", t.slug},
                                {"description", t.description},
                                {"meta_title", t.meta_title},
                                {"meta_description", t.meta_description}};
    links[core::code(locale)] = urls::category(locale, t.slug);
  }
  return {{"id", category.id},
          {"parent_id", optional_id(category.parent_id)},
          {"position", category.position},
          {"active", category.active},
          {"featured", category.featured},
          {"image_path",
           category.image_path.empty() ? json::value(nullptr) : json::value(category.image_path)},
          {"text", std::move(text)},
          {"links", std::move(links)},
          {"version", category.version},
          {"updated_at", iso8601(category.updated_at)}};
}

json::object category_tree_json(const CategoryTree& tree, bool include_inactive,
                                const JsonStyle& style) {
  // Depth-first from the roots; the tree is small (hundreds of nodes at most).
  auto build = [&](auto& self, std::optional<std::int64_t> parent) -> json::array {
    json::array nodes;
    for (const Category* child : tree.children(parent)) {
      if (!child->active && !include_inactive) continue;
      auto node = category_json(*child, style);
      node["children"] = self(self, child->id);
      nodes.push_back(std::move(node));
    }
    return nodes;
  };
  return {{"items", build(build, std::nullopt)}};
}

json::object product_list_json(const ProductList& list, const JsonStyle& style) {
  json::array items;
  for (const auto& item : list.items) {
    json::object entry{
        {"id", item.id},
        {"name", item.name},
        {"slug", item.slug},
        {"url", urls::product(style.locale, item.slug)},
        {"short_description", item.short_description},
        {"price", money_json(item.price, style)},
        {"compare_at_price", optional_money(item.compare_at_cents, item.price.currency, style)},
        {"in_stock", item.in_stock},
        {"image", item.image ? json::value(image_json(*item.image)) : json::value(nullptr)},
        {"updated_at", iso8601(item.updated_at)}};
    if (!item.highlight.empty()) entry["highlight"] = highlight_html(item.highlight);
    items.push_back(std::move(entry));
  }
  json::array suggestions;
  for (const auto& suggestion : list.suggestions) suggestions.push_back(json::string(suggestion));
  auto pages = list.page_size > 0 ? (list.total + list.page_size - 1) / list.page_size : 0;
  return {{"items", std::move(items)},          {"page", list.page},
          {"page_size", list.page_size},        {"total", list.total},
          {"total_capped", list.total_capped},  {"total_pages", pages},
          {"locale", core::code(style.locale)}, {"suggestions", std::move(suggestions)}};
}

std::string highlight_html(std::string_view marked) {
  std::string out;
  out.reserve(marked.size() + 32);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= marked.size(); ++i) {
    bool end = i == marked.size();
    if (!end && marked[i] != kHighlightStart && marked[i] != kHighlightEnd) continue;
    core::append_html_escaped(out, marked.substr(start, i - start));
    if (!end) out += marked[i] == kHighlightStart ? "<mark>" : "</mark>";
    start = i + 1;
  }
  return out;
}

}  // namespace comptoir::catalog::api
