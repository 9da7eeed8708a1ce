#include "seo/json_ld.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <string>

#include "core/money.hpp"
#include "media/media_paths.hpp"
#include "seo/canonical.hpp"

namespace comptoir::seo {
namespace {

namespace json = boost::json;

constexpr std::string_view kInStock = "https://schema.org/InStock";
constexpr std::string_view kOutOfStock = "https://schema.org/OutOfStock";

json::object offer_node(const catalog::Variant& variant, std::string_view page_url) {
  json::object offer{{"@type", "Offer"},
                     {"sku", variant.sku},
                     {"price", decimal_amount(variant.price.cents, variant.price.currency)},
                     {"priceCurrency", variant.price.currency},
                     {"availability", variant.available() ? kInStock : kOutOfStock},
                     {"url", page_url}};
  if (!variant.gtin.empty()) offer["gtin"] = variant.gtin;
  return offer;
}

}  // namespace

std::string script_safe(std::string_view json_text) {
  // The bytes that start something to replace; the runs between them are copied whole.
  static constexpr auto kStarts = [] {
    std::array<bool, 256> starts{};
    for (char c : {'<', '>', '&', '\xE2'}) starts[static_cast<unsigned char>(c)] = true;
    return starts;
  }();
  std::string out;
  out.reserve(json_text.size() + 16);
  std::size_t copied = 0;  // json_text[copied, i) is still to copy
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    char c = json_text[i];
    if (!kStarts[static_cast<unsigned char>(c)]) continue;
    std::string_view replacement;
    std::size_t length = 1;
    if (c == '<') {
      replacement = "\\u003c";
    } else if (c == '>') {
      replacement = "\\u003e";
    } else if (c == '&') {
      replacement = "\\u0026";
    } else if (i + 2 < json_text.size() && json_text[i + 1] == '\x80' &&
               (json_text[i + 2] == '\xA8' || json_text[i + 2] == '\xA9')) {
      // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, UTF-8 E2 80 A8 / E2 80 A9.
      replacement = json_text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      length = 3;
    } else {
      continue;  // another character starting with E2 (an em dash, curly quotes…)
    }
    out.append(json_text.substr(copied, i - copied));
    out.append(replacement);
    i += length - 1;
    copied = i + 1;
  }
  out.append(json_text.substr(copied));
  return out;
}

std::string json_ld_text(const json::array& nodes) {
  // What serializing {"@context": …, "@graph": nodes} writes, without copying the nodes into a
  // document first (on a product page that no cache holds, the copy and its release were a
  // tenth of the page's instructions).
  std::string document = R"({"@context":"https://schema.org","@graph":)";
  document += json::serialize(nodes);
  document += '}';
  return script_safe(document);
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

json::object product_node(const catalog::Product& product, catalog::Locale locale,
                          std::string_view page_url, std::string_view origin) {
  const auto& text = product.text[locale];
  json::object node{{"@type", "Product"}, {"name", text.name}, {"url", page_url}};
  auto description = text.short_description.empty() ? text.description : text.short_description;
  if (!description.empty()) node["description"] = description;
  if (!product.brand.empty())
    node["brand"] = json::object{{"@type", "Brand"}, {"name", product.brand}};
  json::array images;
  for (const auto& image : product.images)
    images.emplace_back(absolute_url(origin, media::url(image.path)));
  if (!images.empty()) node["image"] = std::move(images);
  if (product.variants.size() == 1) {
    node["sku"] = product.variants.front().sku;
    if (!product.variants.front().gtin.empty()) node["gtin"] = product.variants.front().gtin;
    node["offers"] = offer_node(product.variants.front(), page_url);
  } else if (!product.variants.empty()) {
    json::array offers;
    for (const auto& variant : product.variants) offers.emplace_back(offer_node(variant, page_url));
    node["offers"] = std::move(offers);
  }
  return node;
}

json::object breadcrumb_node(const std::vector<catalog::storefront::Crumb>& crumbs,
                             std::string_view origin) {
  json::array items;
  std::int64_t position = 1;
  for (const auto& crumb : crumbs)
    items.emplace_back(json::object{{"@type", "ListItem"},
                                    {"position", position++},
                                    {"name", crumb.name},
                                    {"item", absolute_url(origin, crumb.path)}});
  return {{"@type", "BreadcrumbList"}, {"itemListElement", std::move(items)}};
}

json::object organization_node(std::string_view name, std::string_view origin) {
  auto url = absolute_url(origin, "/");
  return {{"@type", "Organization"}, {"@id", url + "#organization"}, {"name", name}, {"url", url}};
}

json::object website_node(std::string_view name, std::string_view origin, std::string_view home_url,
                          std::string_view search_path, std::string_view language_tag) {
  // Written by hand: the braces are schema.org's placeholder and must not be percent-encoded.
  auto url_template = absolute_url(origin, search_path, "q={search_term_string}");
  return {{"@type", "WebSite"},
          {"@id", absolute_url(origin, "/") + "#website"},
          {"name", name},
          {"url", home_url},
          {"inLanguage", language_tag},
          {"publisher", json::object{{"@id", absolute_url(origin, "/") + "#organization"}}},
          {"potentialAction", json::object{{"@type", "SearchAction"},
                                           {"target", json::object{{"@type", "EntryPoint"},
                                                                   {"urlTemplate", url_template}}},
                                           {"query-input", "required name=search_term_string"}}}};
}

}  // namespace comptoir::seo
