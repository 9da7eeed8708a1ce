#include "catalog/storefront_product.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "catalog/catalog_urls.hpp"

namespace comptoir::catalog::storefront {
namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

constexpr std::string_view kSeparator = " · ";

std::string stock_label(bool available, Locale locale, const i18n::Catalog& catalog) {
  return std::string(catalog.t(locale, available ? "product.in_stock" : "product.out_of_stock"));
}

CategoryCardView card(const Category& category, Locale locale) {
  const auto& text = category.text[locale];
  return {
      .name = text.name, .url = urls::category(locale, text.slug), .description = text.description};
}

}  // namespace

std::string variant_label(const Product& product, const Variant& variant, Locale locale) {
  std::vector<std::string> values;
  for (const auto& axis : product.options) {
    auto it = variant.option_values.find(axis.code);
    if (it != variant.option_values.end()) values.push_back(it->second[locale]);
  }
  auto label = join(values, kSeparator);
  return label.empty() ? variant.sku : label;
}

std::vector<Crumb> category_trail(const CategoryTree& tree, std::int64_t category_id, Locale locale,
                                  const i18n::Catalog& catalog) {
  std::vector<Crumb> trail{
      {.name = std::string(catalog.t(locale, "breadcrumbs.home")), .path = urls::home(locale)}};
  for (const auto* category : tree.path_to(category_id)) {
    if (!category->active) continue;
    const auto& text = category->text[locale];
    trail.push_back({.name = text.name, .path = urls::category(locale, text.slug)});
  }
  return trail;
}

std::optional<std::int64_t> breadcrumb_category(const Product& product, const CategoryTree& tree) {
  auto active = [&](std::int64_t id) {
    const auto* category = tree.find(id);
    return category != nullptr && category->active;
  };
  if (product.primary_category_id && active(*product.primary_category_id))
    return product.primary_category_id;
  for (auto id : product.category_ids)
    if (active(id)) return id;
  return std::nullopt;
}

ProductView product_view(const Product& product, const CategoryTree& tree, Locale locale,
                         const i18n::Formatter& formatter, const i18n::Catalog& catalog) {
  const auto& text = product.text[locale];
  ProductView view{.product_id = product.id,
                   .name = text.name,
                   .brand = product.brand,
                   .short_description = text.short_description,
                   .description = paragraphs(text.description)};
  for (auto each : core::kLocales)  // a missing translation has no page
    if (!product.text[each].slug.empty())
      view.paths[each] = urls::product(each, product.text[each].slug);

  auto category = breadcrumb_category(product, tree);
  view.breadcrumbs = category ? category_trail(tree, *category, locale, catalog)
                              : category_trail(tree, 0, locale, catalog);
  view.breadcrumbs.push_back({.name = text.name, .path = view.paths[locale]});

  for (std::size_t i = 0; i < product.images.size(); ++i) {
    bool main = i == 0;
    auto fallback = main ? text.name
                         : fill(fill(catalog.t(locale, "product.image_alt"), "name", text.name),
                                "n", std::to_string(i + 1));
    view.gallery.push_back(image_view(product.images[i], locale,
                                      main ? kMainImageSizes : kThumbnailSizes, main, fallback));
  }

  if (!product.variants.empty()) {
    const auto& cheapest = product.cheapest_variant();
    view.price = price_view(cheapest.price, cheapest.compare_at_cents, locale, formatter);
    view.item =
        analytics_item(cheapest.sku, fmt::format("variant-{}", cheapest.id), cheapest.price);
    view.price_varies = std::ranges::any_of(
        product.variants, [&](const Variant& v) { return v.price != cheapest.price; });
  }
  view.available = product.available();
  view.stock_label = stock_label(view.available, locale, catalog);
  if (product.variants.size() == 1) view.sku = product.variants.front().sku;

  std::vector<std::string> axis_names;
  for (const auto& axis : product.options) axis_names.push_back(axis.name[locale]);
  view.choice_legend = join(axis_names, kSeparator);
  if (view.choice_legend.empty())
    view.choice_legend = std::string(catalog.t(locale, "product.choose_variant"));

  for (const auto& variant : product.variants) {
    VariantView item{
        .id = variant.id,
        .input_id = fmt::format("variant-{}", variant.id),
        .label = variant_label(product, variant, locale),
        .sku = variant.sku,
        .price = price_view(variant.price, variant.compare_at_cents, locale, formatter),
        .available = variant.available(),
        .stock_label = stock_label(variant.available(), locale, catalog),
        .item = analytics_item(variant.sku, fmt::format("variant-{}", variant.id), variant.price)};
    if (item.available && view.default_variant_id == 0) {
      item.checked = true;
      view.default_variant_id = variant.id;
    }
    view.variants.push_back(std::move(item));
  }
  return view;
}

std::vector<CategoryCardView> featured_categories(const CategoryTree& tree, Locale locale) {
  std::vector<CategoryCardView> featured;
  std::vector<CategoryCardView> top_level;
  for (const auto& category : tree.categories) {
    if (!category.active) continue;
    if (category.featured) featured.push_back(card(category, locale));
    if (!category.parent_id) top_level.push_back(card(category, locale));
  }
  return featured.empty() ? top_level : featured;
}

std::vector<CategoryCardView> subcategories(const CategoryTree& tree, std::int64_t category_id,
                                            Locale locale) {
  std::vector<CategoryCardView> out;
  for (const auto* child : tree.children(category_id))
    if (child->active) out.push_back(card(*child, locale));
  return out;
}

}  // namespace comptoir::catalog::storefront
