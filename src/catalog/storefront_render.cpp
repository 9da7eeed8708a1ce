#include "catalog/storefront_render.hpp"

#include <string_view>

#include "catalog/catalog_urls.hpp"
#include "views/dictionary.hpp"

namespace comptoir::catalog::storefront {

using namespace views::literals;
namespace {

using views::Dict;
using views::include;
using views::set;
using views::ts;

class Filler {
 public:
  Filler(const i18n::Catalog& catalog, Locale locale) : catalog_(catalog), locale_(locale) {}

  void label(Dict& dict, views::Key name, std::string_view key) const {
    set(dict, name, catalog_.t(locale_, key));
  }

  void breadcrumbs(Dict& dict, const std::vector<Crumb>& crumbs) const {
    auto& nav = include(dict, "BREADCRUMBS"_key, "catalog/_breadcrumbs.tpl");
    label(nav, "LABEL"_key, "breadcrumbs.label");
    for (std::size_t i = 0; i < crumbs.size(); ++i) {
      auto* item = nav.AddSectionDictionary("CRUMB"_key);
      item->ShowSection(i + 1 == crumbs.size() ? "CURRENT"_key : "LINK"_key);
      set(*item, "NAME"_key, crumbs[i].name);
      set(*item, "URL"_key, crumbs[i].path);
    }
  }

  void price(Dict& dict, const PriceView& view, bool from) const {
    auto& price = include(dict, "PRICE"_key, "catalog/_price.tpl");
    set(price, "PRICE"_key, view.current);
    if (from) {
      price.ShowSection("FROM"_key);
      label(price, "FROM_LABEL"_key, "product.price_from");
    }
    sale(price, view);
  }

  // Compare-at price: struck, announced by hidden text since <s> is not read out.
  void sale(Dict& dict, const PriceView& view) const {
    if (view.compare_at.empty()) return;
    dict.ShowSection("ON_SALE"_key);
    set(dict, "WAS"_key, view.compare_at);
    label(dict, "NOW_LABEL"_key, "product.price_now");
    label(dict, "WAS_LABEL"_key, "product.price_was");
  }

  static void image(Dict& dict, const ImageView& view) {
    set(dict, "SRC"_key, view.src);
    if (!view.srcset.empty()) {
      dict.ShowSection("SRCSET_SECTION"_key);
      set(dict, "SRCSET"_key, view.srcset);
      set(dict, "SIZES"_key, view.sizes);
    }
    dict.SetIntValue("WIDTH"_key, view.width);
    dict.SetIntValue("HEIGHT"_key, view.height);
    set(dict, "ALT"_key, view.alt);
    set(dict, "LOADING"_key, view.eager ? "eager" : "lazy");
  }

  // data-item-id, data-item-price, data-currency (docs/analytics.md).
  static void analytics(Dict& dict, const AnalyticsItem& item) {
    set(dict, "ITEM_ID"_key, item.id);
    set(dict, "ITEM_PRICE"_key, item.price);
    set(dict, "ITEM_CURRENCY"_key, item.currency);
  }

  void grid(Dict& dict, const std::vector<CardView>& cards) const {
    if (cards.empty()) return;
    grid_items(include(dict, "GRID"_key, "catalog/_grid.tpl"), cards);
  }

  void grid_items(Dict& grid, const std::vector<CardView>& cards) const {
    for (const auto& card : cards) {
      auto* item = grid.AddSectionDictionary("CARD"_key);
      set(*item, "NAME"_key, card.name);
      set(*item, "URL"_key, card.url);
      if (card.image)
        image(*item->AddSectionDictionary("IMAGE"_key), *card.image);
      else
        item->ShowSection("NO_IMAGE"_key);  // an empty frame keeps the grid's rows aligned
      if (!card.highlight_html.empty()) {
        item->ShowSection("HIGHLIGHT_SECTION"_key);
        set(*item, "HIGHLIGHT"_key, card.highlight_html);
      }
      price(*item, card.price, false);
      analytics(*item, card.item);
      set(*item, "STOCK"_key, card.stock_label);
      set(*item, "STOCK_STATE"_key, card.in_stock ? "in" : "out");
    }
  }

  void pagination(Dict& dict, const PaginationView& view) const {
    if (view.items.empty()) return;
    auto& nav = include(dict, "PAGINATION"_key, "catalog/_pagination.tpl");
    set(nav, "LABEL"_key, view.label);
    if (!view.previous_url.empty()) {
      auto* previous = nav.AddSectionDictionary("PREVIOUS"_key);
      set(*previous, "URL"_key, view.previous_url);
      set(*previous, "TEXT"_key, view.previous_label);
    }
    for (const auto& item : view.items) {
      auto* li = nav.AddSectionDictionary("ITEM"_key);
      if (item.gap) {
        li->ShowSection("GAP"_key);
        continue;
      }
      auto* link = li->AddSectionDictionary("PAGE_LINK"_key);
      set(*link, "URL"_key, item.url);
      set(*link, "NUMBER"_key, item.label);
      set(*link, "ACCESSIBLE_LABEL"_key, item.accessible_label);
      if (item.current) link->ShowSection("CURRENT"_key);
    }
    if (!view.next_url.empty()) {
      auto* next = nav.AddSectionDictionary("NEXT"_key);
      set(*next, "URL"_key, view.next_url);
      set(*next, "TEXT"_key, view.next_label);
    }
  }

  void filters(Dict& dict, const ListingModel& model) const {
    auto& form = include(dict, "FILTERS"_key, "catalog/_filters.tpl");
    const auto& params = model.params;
    set(form, "ACTION"_key, model.path);
    label(form, "HEADING"_key, "listing.filters");
    if (!params.q.empty()) form.SetValueAndShowSection("Q"_key, params.q, "Q_SECTION"_key);
    if (params.sort && *params.sort != default_sort(params))
      form.SetValueAndShowSection("SORT"_key, ts(sort_code(*params.sort)), "SORT_SECTION"_key);
    label(form, "PRICE_LEGEND"_key, "listing.filter.price");
    label(form, "MIN_LABEL"_key, "listing.filter.min");
    label(form, "MAX_LABEL"_key, "listing.filter.max");
    set(form, "MIN"_key, params.min_price);
    set(form, "MAX"_key, params.max_price);
    if (params.in_stock) form.ShowSection("IN_STOCK"_key);
    label(form, "IN_STOCK_LABEL"_key, "listing.filter.in_stock");
    label(form, "APPLY_LABEL"_key, "listing.filter.apply");
    if (params.min_cents || params.max_cents || params.in_stock) {
      ListingParams cleared{.q = params.q, .sort = params.sort};
      form.ShowSection("RESET_SECTION"_key);
      set(form, "RESET_URL"_key, listing_url(model.path, cleared, 1));
      label(form, "RESET_LABEL"_key, "listing.filter.reset");
    }
  }

 private:
  const i18n::Catalog& catalog_;
  Locale locale_;
};

}  // namespace

std::string PageRenderer::home(const views::Page& page, const HomeModel& model) const {
  Filler fill(catalog_, page.locale);
  Dict body("home");
  set(body, "HEADING"_key,
      views_.shop_name().in(catalog_.t(page.locale, "home.heading"), page.locale));
  fill.label(body, "INTRO"_key, "home.intro");
  fill.label(body, "BROWSE_LABEL"_key, "home.browse");
  set(body, "PRODUCTS_URL"_key, urls::kProducts[page.locale]);
  if (!model.categories.empty()) {
    auto* section = body.AddSectionDictionary("CATEGORIES"_key);
    fill.label(*section, "HEADING"_key, "home.categories");
    for (const auto& category : model.categories) {
      auto* item = section->AddSectionDictionary("CATEGORY"_key);
      set(*item, "NAME"_key, category.name);
      set(*item, "URL"_key, category.url);
      if (!category.description.empty())
        item->SetValueAndShowSection("DESCRIPTION"_key, category.description,
                                     "DESCRIPTION_SECTION"_key);
    }
  }
  if (!model.featured.empty()) {
    auto* section = body.AddSectionDictionary("FEATURED"_key);
    fill.label(*section, "HEADING"_key, "home.featured");
    fill.grid(*section, model.featured);
  }
  return views_.render("catalog/home.tpl", body, page);
}

std::string PageRenderer::listing(const views::Page& page, const ListingModel& model) const {
  Filler fill(catalog_, page.locale);
  Dict body("listing");
  fill.breadcrumbs(body, model.breadcrumbs);
  set(body, "HEADING"_key, model.heading);
  if (!model.intro.empty())
    body.SetValueAndShowSection("INTRO"_key, model.intro, "INTRO_SECTION"_key);
  if (model.search_page) {
    auto* search = body.AddSectionDictionary("SEARCH_SECTION"_key);
    set(*search, "ACTION"_key, model.path);
    set(*search, "Q"_key, model.params.q);
    fill.label(*search, "SEARCH_LABEL"_key, "listing.search_label");
    fill.label(*search, "SEARCH_BUTTON"_key, "layout.search_button");
  }
  if (!model.subcategories.empty()) {
    auto* nav = body.AddSectionDictionary("SUBCATEGORIES"_key);
    fill.label(*nav, "LABEL"_key, "listing.subcategories");
    for (const auto& sub : model.subcategories) {
      auto* item = nav->AddSectionDictionary("SUBCATEGORY"_key);
      set(*item, "NAME"_key, sub.name);
      set(*item, "URL"_key, sub.url);
    }
  }
  fill.filters(body, model);
  set(body, "COUNT"_key, model.count_text);
  if (!model.suggestions.empty()) {
    auto* section = body.AddSectionDictionary("SUGGESTIONS"_key);
    fill.label(*section, "DID_YOU_MEAN"_key, "listing.did_you_mean");
    for (const auto& suggestion : model.suggestions) {
      auto* item = section->AddSectionDictionary("SUGGESTION"_key);
      set(*item, "URL"_key, suggestion.url);
      set(*item, "TEXT"_key, suggestion.label);
    }
  }
  if (model.has_products() && model.sort_links.size() > 1) {
    auto* section = body.AddSectionDictionary("SORT_SECTION"_key);
    fill.label(*section, "SORT_LABEL"_key, "listing.sort.label");
    for (const auto& link : model.sort_links) {
      auto* item = section->AddSectionDictionary("SORT"_key);
      set(*item, "URL"_key, link.url);
      set(*item, "TEXT"_key, link.label);
      if (link.current) item->ShowSection("CURRENT"_key);
    }
  }
  if (!model.has_products())
    fill.label(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key,
               model.params.q.empty() ? "listing.empty" : "listing.no_match");
  // Escaped when it was rendered, from the same auto-escaped _grid.tpl.
  set(body, "GRID_HTML"_key, model.grid_html ? *model.grid_html : grid(page.locale, model.cards));
  fill.pagination(body, model.pagination);
  return views_.render("catalog/listing.tpl", body, page);
}

std::string PageRenderer::grid(Locale locale, const std::vector<CardView>& cards) const {
  if (cards.empty()) return {};
  Dict dict("grid");
  Filler(catalog_, locale).grid_items(dict, cards);
  return views_.fragment("catalog/_grid.tpl", dict);
}

std::string PageRenderer::product(const views::Page& page, const ProductView& model) const {
  Filler fill(catalog_, page.locale);
  Dict body("product");
  fill.breadcrumbs(body, model.breadcrumbs);
  for (std::size_t i = 0; i < model.gallery.size(); ++i) {
    if (i == 0) {
      Filler::image(*body.AddSectionDictionary("MAIN_IMAGE"_key), model.gallery[i]);
      continue;
    }
    if (i == 1) body.ShowSection("THUMBNAILS"_key);
    Filler::image(*body.AddSectionDictionary("THUMBNAIL"_key), model.gallery[i]);
  }
  set(body, "NAME"_key, model.name);
  show_with(body, "BRAND"_key, model.brand, "BRAND_SECTION"_key);
  fill.price(body, model.price, model.price_varies);
  set(body, "STOCK"_key, model.stock_label);
  set(body, "STOCK_STATE"_key, model.available ? "in" : "out");
  show_with(body, "SHORT_DESCRIPTION"_key, model.short_description, "SHORT_SECTION"_key);

  set(body, "CART_URL"_key, views_.navigation().cart[page.locale]);
  body.SetIntValue("PRODUCT_ID"_key, model.product_id);
  Filler::analytics(body, model.item);
  if (model.variants.size() > 1) {
    auto* choice = body.AddSectionDictionary("CHOICE"_key);
    set(*choice, "LEGEND"_key, model.choice_legend);
    for (const auto& variant : model.variants) {
      auto* item = choice->AddSectionDictionary("VARIANT"_key);
      set(*item, "INPUT_ID"_key, variant.input_id);
      item->SetIntValue("ID"_key, variant.id);
      set(*item, "LABEL"_key, variant.label);
      set(*item, "PRICE"_key, variant.price.current);
      Filler::analytics(*item, variant.item);
      fill.sale(*item, variant.price);
      set(*item, "STOCK"_key, variant.stock_label);
      set(*item, "STOCK_STATE"_key, variant.available ? "in" : "out");
      if (variant.checked) item->ShowSection("CHECKED"_key);
      if (!variant.available) item->ShowSection("UNAVAILABLE"_key);
    }
  } else if (!model.variants.empty()) {
    body.AddSectionDictionary("SINGLE"_key)->SetIntValue("ID"_key, model.variants.front().id);
  }
  fill.label(body, "QUANTITY_LABEL"_key, "product.quantity");
  fill.label(body, "ADD_LABEL"_key, "product.add_to_cart");
  if (model.default_variant_id == 0) body.ShowSection("SOLD_OUT"_key);
  if (!model.sku.empty()) {
    show_with(body, "SKU"_key, model.sku, "SKU_SECTION"_key);
    fill.label(body, "SKU_LABEL"_key, "product.sku");
  }
  if (!model.description.empty()) {
    body.ShowSection("DESCRIPTION_SECTION"_key);
    fill.label(body, "DESCRIPTION_HEADING"_key, "product.description");
    for (const auto& paragraph : model.description)
      set(*body.AddSectionDictionary("PARAGRAPH"_key), "TEXT"_key, paragraph);
  }
  return views_.render("catalog/product.tpl", body, page);
}

}  // namespace comptoir::catalog::storefront
