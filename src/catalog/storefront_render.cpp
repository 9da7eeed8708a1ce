#include "catalog/storefront_render.hpp"

#include <string_view>

#include "catalog/catalog_urls.hpp"
#include "views/dictionary.hpp"

namespace comptoir::catalog::storefront {
namespace {

using views::Dict;
using views::include;
using views::set;
using views::ts;

class Filler {
 public:
  Filler(const i18n::Catalog& catalog, Locale locale) : catalog_(catalog), locale_(locale) {}

  void label(Dict& dict, std::string_view name, std::string_view key) const {
    set(dict, name, catalog_.t(locale_, key));
  }

  void breadcrumbs(Dict& dict, const std::vector<Crumb>& crumbs) const {
    auto& nav = include(dict, "BREADCRUMBS", "catalog/_breadcrumbs.tpl");
    label(nav, "LABEL", "breadcrumbs.label");
    for (std::size_t i = 0; i < crumbs.size(); ++i) {
      auto* item = nav.AddSectionDictionary("CRUMB");
      auto* link = item->AddSectionDictionary(i + 1 == crumbs.size() ? "CURRENT" : "LINK");
      set(*link, "NAME", crumbs[i].name);
      set(*link, "URL", crumbs[i].path);
    }
  }

  void price(Dict& dict, const PriceView& view, bool from) const {
    auto& price = include(dict, "PRICE", "catalog/_price.tpl");
    set(price, "PRICE", view.current);
    if (from) {
      price.ShowSection("FROM");
      label(price, "FROM_LABEL", "product.price_from");
    }
    sale(price, view);
  }

  // Compare-at price: struck, announced by hidden text since <s> is not read out.
  void sale(Dict& dict, const PriceView& view) const {
    if (view.compare_at.empty()) return;
    dict.ShowSection("ON_SALE");
    set(dict, "WAS", view.compare_at);
    label(dict, "NOW_LABEL", "product.price_now");
    label(dict, "WAS_LABEL", "product.price_was");
  }

  static void image(Dict& dict, const ImageView& view) {
    set(dict, "SRC", view.src);
    if (!view.srcset.empty()) {
      dict.ShowSection("SRCSET_SECTION");
      set(dict, "SRCSET", view.srcset);
      set(dict, "SIZES", view.sizes);
    }
    dict.SetIntValue("WIDTH", view.width);
    dict.SetIntValue("HEIGHT", view.height);
    set(dict, "ALT", view.alt);
    set(dict, "LOADING", view.eager ? "eager" : "lazy");
  }

  // data-item-id, data-item-price, data-currency (docs/analytics.md).
  static void analytics(Dict& dict, const AnalyticsItem& item) {
    set(dict, "ITEM_ID", item.id);
    set(dict, "ITEM_PRICE", item.price);
    set(dict, "ITEM_CURRENCY", item.currency);
  }

  void grid(Dict& dict, const std::vector<CardView>& cards) const {
    if (cards.empty()) return;
    grid_items(include(dict, "GRID", "catalog/_grid.tpl"), cards);
  }

  void grid_items(Dict& grid, const std::vector<CardView>& cards) const {
    for (const auto& card : cards) {
      auto* item = grid.AddSectionDictionary("CARD");
      set(*item, "NAME", card.name);
      set(*item, "URL", card.url);
      if (card.image)
        image(*item->AddSectionDictionary("IMAGE"), *card.image);
      else
        item->ShowSection("NO_IMAGE");  // an empty frame keeps the grid's rows aligned
      if (!card.highlight_html.empty()) {
        item->ShowSection("HIGHLIGHT_SECTION");
        set(*item, "HIGHLIGHT", card.highlight_html);
      }
      price(*item, card.price, false);
      analytics(*item, card.item);
      set(*item, "STOCK", card.stock_label);
      set(*item, "STOCK_STATE", card.in_stock ? "in" : "out");
    }
  }

  void pagination(Dict& dict, const PaginationView& view) const {
    if (view.items.empty()) return;
    auto& nav = include(dict, "PAGINATION", "catalog/_pagination.tpl");
    set(nav, "LABEL", view.label);
    if (!view.previous_url.empty()) {
      auto* previous = nav.AddSectionDictionary("PREVIOUS");
      set(*previous, "URL", view.previous_url);
      set(*previous, "TEXT", view.previous_label);
    }
    for (const auto& item : view.items) {
      auto* li = nav.AddSectionDictionary("ITEM");
      if (item.gap) {
        li->ShowSection("GAP");
        continue;
      }
      auto* link = li->AddSectionDictionary("PAGE_LINK");
      set(*link, "URL", item.url);
      set(*link, "NUMBER", item.label);
      set(*link, "ACCESSIBLE_LABEL", item.accessible_label);
      if (item.current) link->ShowSection("CURRENT");
    }
    if (!view.next_url.empty()) {
      auto* next = nav.AddSectionDictionary("NEXT");
      set(*next, "URL", view.next_url);
      set(*next, "TEXT", view.next_label);
    }
  }

  void filters(Dict& dict, const ListingModel& model) const {
    auto& form = include(dict, "FILTERS", "catalog/_filters.tpl");
    const auto& params = model.params;
    set(form, "ACTION", model.path);
    label(form, "HEADING", "listing.filters");
    if (!params.q.empty()) form.SetValueAndShowSection("Q", params.q, "Q_SECTION");
    if (params.sort && *params.sort != default_sort(params))
      form.SetValueAndShowSection("SORT", ts(sort_code(*params.sort)), "SORT_SECTION");
    label(form, "PRICE_LEGEND", "listing.filter.price");
    label(form, "MIN_LABEL", "listing.filter.min");
    label(form, "MAX_LABEL", "listing.filter.max");
    set(form, "MIN", params.min_price);
    set(form, "MAX", params.max_price);
    if (params.in_stock) form.ShowSection("IN_STOCK");
    label(form, "IN_STOCK_LABEL", "listing.filter.in_stock");
    label(form, "APPLY_LABEL", "listing.filter.apply");
    if (params.min_cents || params.max_cents || params.in_stock) {
      ListingParams cleared{.q = params.q, .sort = params.sort};
      form.ShowSection("RESET_SECTION");
      set(form, "RESET_URL", listing_url(model.path, cleared, 1));
      label(form, "RESET_LABEL", "listing.filter.reset");
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
  set(body, "HEADING", views_.shop_name().in(catalog_.t(page.locale, "home.heading"), page.locale));
  fill.label(body, "INTRO", "home.intro");
  fill.label(body, "BROWSE_LABEL", "home.browse");
  set(body, "PRODUCTS_URL", urls::kProducts[page.locale]);
  if (!model.categories.empty()) {
    auto* section = body.AddSectionDictionary("CATEGORIES");
    fill.label(*section, "HEADING", "home.categories");
    for (const auto& category : model.categories) {
      auto* item = section->AddSectionDictionary("CATEGORY");
      set(*item, "NAME", category.name);
      set(*item, "URL", category.url);
      if (!category.description.empty())
        item->SetValueAndShowSection("DESCRIPTION", category.description, "DESCRIPTION_SECTION");
    }
  }
  if (!model.featured.empty()) {
    auto* section = body.AddSectionDictionary("FEATURED");
    fill.label(*section, "HEADING", "home.featured");
    fill.grid(*section, model.featured);
  }
  return views_.render("catalog/home.tpl", body, page);
}

std::string PageRenderer::listing(const views::Page& page, const ListingModel& model) const {
  Filler fill(catalog_, page.locale);
  Dict body("listing");
  fill.breadcrumbs(body, model.breadcrumbs);
  set(body, "HEADING", model.heading);
  if (!model.intro.empty()) body.SetValueAndShowSection("INTRO", model.intro, "INTRO_SECTION");
  if (model.search_page) {
    auto* search = body.AddSectionDictionary("SEARCH_SECTION");
    set(*search, "ACTION", model.path);
    set(*search, "Q", model.params.q);
    fill.label(*search, "SEARCH_LABEL", "listing.search_label");
    fill.label(*search, "SEARCH_BUTTON", "layout.search_button");
  }
  if (!model.subcategories.empty()) {
    auto* nav = body.AddSectionDictionary("SUBCATEGORIES");
    fill.label(*nav, "LABEL", "listing.subcategories");
    for (const auto& sub : model.subcategories) {
      auto* item = nav->AddSectionDictionary("SUBCATEGORY");
      set(*item, "NAME", sub.name);
      set(*item, "URL", sub.url);
    }
  }
  fill.filters(body, model);
  set(body, "COUNT", model.count_text);
  if (!model.suggestions.empty()) {
    auto* section = body.AddSectionDictionary("SUGGESTIONS");
    fill.label(*section, "DID_YOU_MEAN", "listing.did_you_mean");
    for (const auto& suggestion : model.suggestions) {
      auto* item = section->AddSectionDictionary("SUGGESTION");
      set(*item, "URL", suggestion.url);
      set(*item, "TEXT", suggestion.label);
    }
  }
  if (model.has_products() && model.sort_links.size() > 1) {
    auto* section = body.AddSectionDictionary("SORT_SECTION");
    fill.label(*section, "SORT_LABEL", "listing.sort.label");
    for (const auto& link : model.sort_links) {
      auto* item = section->AddSectionDictionary("SORT");
      set(*item, "URL", link.url);
      set(*item, "TEXT", link.label);
      if (link.current) item->ShowSection("CURRENT");
    }
  }
  if (!model.has_products())
    fill.label(*body.AddSectionDictionary("EMPTY"), "TEXT",
               model.params.q.empty() ? "listing.empty" : "listing.no_match");
  // Escaped when it was rendered, from the same auto-escaped _grid.tpl.
  set(body, "GRID_HTML", model.grid_html ? *model.grid_html : grid(page.locale, model.cards));
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
      Filler::image(*body.AddSectionDictionary("MAIN_IMAGE"), model.gallery[i]);
      continue;
    }
    if (i == 1) body.ShowSection("THUMBNAILS");
    Filler::image(*body.AddSectionDictionary("THUMBNAIL"), model.gallery[i]);
  }
  set(body, "NAME", model.name);
  if (!model.brand.empty()) body.SetValueAndShowSection("BRAND", model.brand, "BRAND_SECTION");
  fill.price(body, model.price, model.price_varies);
  set(body, "STOCK", model.stock_label);
  set(body, "STOCK_STATE", model.available ? "in" : "out");
  if (!model.short_description.empty())
    body.SetValueAndShowSection("SHORT_DESCRIPTION", model.short_description, "SHORT_SECTION");

  set(body, "CART_URL", views_.navigation().cart[page.locale]);
  body.SetIntValue("PRODUCT_ID", model.product_id);
  Filler::analytics(body, model.item);
  if (model.variants.size() > 1) {
    auto* choice = body.AddSectionDictionary("CHOICE");
    set(*choice, "LEGEND", model.choice_legend);
    for (const auto& variant : model.variants) {
      auto* item = choice->AddSectionDictionary("VARIANT");
      set(*item, "INPUT_ID", variant.input_id);
      item->SetIntValue("ID", variant.id);
      set(*item, "LABEL", variant.label);
      set(*item, "PRICE", variant.price.current);
      Filler::analytics(*item, variant.item);
      fill.sale(*item, variant.price);
      set(*item, "STOCK", variant.stock_label);
      set(*item, "STOCK_STATE", variant.available ? "in" : "out");
      if (variant.checked) item->ShowSection("CHECKED");
      if (!variant.available) item->ShowSection("UNAVAILABLE");
    }
  } else if (!model.variants.empty()) {
    body.AddSectionDictionary("SINGLE")->SetIntValue("ID", model.variants.front().id);
  }
  fill.label(body, "QUANTITY_LABEL", "product.quantity");
  fill.label(body, "ADD_LABEL", "product.add_to_cart");
  if (model.default_variant_id == 0) body.ShowSection("SOLD_OUT");
  if (!model.sku.empty()) {
    body.SetValueAndShowSection("SKU", model.sku, "SKU_SECTION");
    fill.label(body, "SKU_LABEL", "product.sku");
  }
  if (!model.description.empty()) {
    body.ShowSection("DESCRIPTION_SECTION");
    fill.label(body, "DESCRIPTION_HEADING", "product.description");
    for (const auto& paragraph : model.description)
      set(*body.AddSectionDictionary("PARAGRAPH"), "TEXT", paragraph);
  }
  return views_.render("catalog/product.tpl", body, page);
}

}  // namespace comptoir::catalog::storefront
