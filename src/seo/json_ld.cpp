#include "seo/json_ld.hpp"

#include <string>

#include "core/money.hpp"
#include "media/media_paths.hpp"
#include "seo/canonical.hpp"

namespace comptoir::seo {
namespace {

constexpr std::string_view kInStock = "https://schema.org/InStock";
constexpr std::string_view kOutOfStock = "https://schema.org/OutOfStock";

void offer(JsonWriter& json, const catalog::Variant& variant, std::string_view page_url) {
  json.open_object()
      .field("@type", "Offer")
      .field("sku", variant.sku)
      .field("price", decimal_amount(variant.price.cents, variant.price.currency))
      .field("priceCurrency", variant.price.currency)
      .field("availability", variant.available() ? kInStock : kOutOfStock)
      .field("url", page_url);
  if (!variant.gtin.empty()) json.field("gtin", variant.gtin);
  json.close_object();
}

}  // namespace

JsonLdGraph::JsonLdGraph() {
  json_.reserve(2048);  // a product page's graph, without growing
  json_.open_object().field("@context", "https://schema.org").key("@graph").open_array();
}

JsonWriter& JsonLdGraph::node(std::string_view type) {
  ++nodes_;
  return json_.open_object().field("@type", type);
}

std::string JsonLdGraph::text() && {
  if (nodes_ == 0) return {};
  json_.close_array().close_object();
  return std::move(json_).take();
}

void JsonLdGraph::product(const catalog::Product& product, catalog::Locale locale,
                          std::string_view page_url, std::string_view origin) {
  const auto& text = product.text[locale];
  auto& json = node("Product").field("name", text.name).field("url", page_url);
  auto description = text.short_description.empty() ? text.description : text.short_description;
  if (!description.empty()) json.field("description", description);
  if (!product.brand.empty())
    json.key("brand")
        .open_object()
        .field("@type", "Brand")
        .field("name", product.brand)
        .close_object();
  if (!product.images.empty()) {
    json.key("image").open_array();
    for (const auto& image : product.images)
      json.string(absolute_url(origin, media::url(image.path)));
    json.close_array();
  }
  if (product.variants.size() == 1) {
    const auto& only = product.variants.front();
    json.field("sku", only.sku);
    if (!only.gtin.empty()) json.field("gtin", only.gtin);
    offer(json.key("offers"), only, page_url);
  } else if (!product.variants.empty()) {
    json.key("offers").open_array();
    for (const auto& variant : product.variants) offer(json, variant, page_url);
    json.close_array();
  }
  json.close_object();
}

void JsonLdGraph::breadcrumbs(const std::vector<catalog::storefront::Crumb>& crumbs,
                              std::string_view origin) {
  auto& json = node("BreadcrumbList").key("itemListElement").open_array();
  std::int64_t position = 1;
  for (const auto& crumb : crumbs)
    json.open_object()
        .field("@type", "ListItem")
        .key("position")
        .number(position++)
        .field("name", crumb.name)
        .field("item", absolute_url(origin, crumb.path))
        .close_object();
  json.close_array().close_object();
}

void JsonLdGraph::organization(std::string_view name, std::string_view origin) {
  auto url = absolute_url(origin, "/");
  node("Organization")
      .field("@id", url + "#organization")
      .field("name", name)
      .field("url", url)
      .close_object();
}

void JsonLdGraph::website(std::string_view name, std::string_view origin, std::string_view home_url,
                          std::string_view search_path, std::string_view language_tag) {
  // Written by hand: the braces are schema.org's placeholder and must not be percent-encoded.
  auto url_template = absolute_url(origin, search_path, "q={search_term_string}");
  auto root = absolute_url(origin, "/");
  node("WebSite")
      .field("@id", root + "#website")
      .field("name", name)
      .field("url", home_url)
      .field("inLanguage", language_tag)
      .key("publisher")
      .open_object()
      .field("@id", root + "#organization")
      .close_object()
      .key("potentialAction")
      .open_object()
      .field("@type", "SearchAction")
      .key("target")
      .open_object()
      .field("@type", "EntryPoint")
      .field("urlTemplate", url_template)
      .close_object()
      .field("query-input", "required name=search_term_string")
      .close_object()
      .close_object();
}

std::string decimal_amount(std::int64_t minor_units, std::string_view iso_currency) {
  auto digits = static_cast<std::size_t>(core::minor_unit_digits(iso_currency));
  bool negative = minor_units < 0;
  auto magnitude = negative ? 0 - static_cast<std::uint64_t>(minor_units)
                            : static_cast<std::uint64_t>(minor_units);
  auto text = std::to_string(magnitude);
  if (digits > 0) {
    if (text.size() <= digits) text.insert(0, digits + 1 - text.size(), '0');
    text.insert(text.size() - digits, 1, '.');
  }
  if (negative) text.insert(0, 1, '-');
  return text;
}

}  // namespace comptoir::seo
