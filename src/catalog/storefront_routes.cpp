#include "catalog/storefront_routes.hpp"

#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/cache_drop.hpp"
#include "catalog/catalog_urls.hpp"
#include "catalog/lru_cache.hpp"
#include "catalog/storefront_render.hpp"
#include "catalog/storefront_urls.hpp"
#include "http/member_routes.hpp"

namespace comptoir::catalog::storefront {
namespace {

using http::Context;
using http::Response;
using http::Status;

constexpr int kFeaturedProducts = 8;

std::string keep_query(std::string path, std::string_view query) {
  if (!query.empty()) {
    path += '?';
    path += query;
  }
  return path;
}

template <class F>
PerLocale<std::string> per_locale(F&& path_for) {
  PerLocale<std::string> paths;
  for (auto locale : core::kLocales) paths[locale] = path_for(locale);
  return paths;
}

// Rendered product grids of listing pages. Building the cards (ICU prices, srcsets) and
// expanding them is most of a listing page's work (measured with callgrind: ~60 % of a category
// page), and the same page is asked for again and again. Keys start with the stamp of the list
// the grid was rendered from (ProductList::stamp): a list the catalog's cache dropped and read
// again has a new stamp, so its old grids are never reached again; they age out of the LRU.
class GridCache {
 public:
  std::shared_ptr<const std::string> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto hit = grids_.get(key);
    return hit ? *hit : nullptr;
  }
  void store(std::string key, std::shared_ptr<const std::string> html) {
    std::lock_guard lock(mutex_);
    grids_.put(std::move(key), std::move(html));
  }

 private:
  std::mutex mutex_;
  LruCache<std::string, std::shared_ptr<const std::string>> grids_{4'096};
};

class Storefront {
 public:
  explicit Storefront(StorefrontDeps deps) : deps_(deps), renderer_(deps.views, deps.messages) {}

  net::awaitable<Response> home(Context& ctx, Locale locale) const {
    auto tree = co_await deps_.catalog.categories();
    auto featured = co_await deps_.catalog.featured_products(locale, kFeaturedProducts);
    HomeModel model{
        .categories = featured_categories(*tree, locale),
        .featured = card_views(featured, locale, deps_.formatter, deps_.messages, kEagerCards)};
    PageFacts facts{.kind = PageKind::home,
                    .locale = locale,
                    .paths = per_locale(urls::home),
                    .query = ctx.query,
                    .name = text(locale, "home.title"),
                    .summary = text(locale, "home.description")};
    auto res =
        page_response(facts, [&](const views::Page& page) { return renderer_.home(page, model); });
    tag(res, featured, {std::string(page_tags::kHome)});
    co_return res;
  }

  net::awaitable<Response> category(Context& ctx, Locale locale) const {
    auto lookup = co_await deps_.catalog.category_by_slug(locale, ctx.param("slug"));
    if (lookup.moved_to)
      co_return http::redirect(Status::moved_permanently,
                               keep_query(urls::category(locale, *lookup.moved_to), ctx.query));
    if (!lookup.found) throw http::HttpError(Status::not_found);
    const auto& category = *lookup.found;
    const auto& text = category.text[locale];

    auto params = parse_listing_params(ctx.query);
    auto list = co_await deps_.catalog.list_products(
        product_query(params, locale, category.id, kListingPageSize));
    auto tree = co_await deps_.catalog.categories();

    auto model = listing_model(params, list, locale, urls::category(locale, text.slug));
    model.heading = text.name;
    model.intro = text.description;
    model.breadcrumbs = category_trail(*tree, category.id, locale, deps_.messages);
    model.subcategories = subcategories(*tree, category.id, locale);
    PageFacts facts{.kind = PageKind::category,
                    .locale = locale,
                    .paths = per_locale([&](Locale each) {
                      const auto& slug = category.text[each].slug;
                      return slug.empty() ? std::string{} : urls::category(each, slug);
                    }),
                    .query = ctx.query,
                    .meta_title = text.meta_title,
                    .name = text.name,
                    .meta_description = text.meta_description,
                    .summary = text.description,
                    .breadcrumbs = model.breadcrumbs};
    auto res = listing_response(facts, model);
    tag(res, list.items, {std::string(page_tags::kListing), page_tags::category(category.id)});
    co_return res;
  }

  net::awaitable<Response> products(Context& ctx, Locale locale) const {
    auto params = parse_listing_params(ctx.query);
    auto list = co_await deps_.catalog.list_products(
        product_query(params, locale, std::nullopt, kListingPageSize));

    auto model = listing_model(params, list, locale, urls::products(locale));
    model.search_page = true;
    model.heading = params.q.empty() ? text(locale, "products.title")
                                     : fill(text(locale, "products.search_title"), "q", params.q);
    model.breadcrumbs = {{.name = text(locale, "breadcrumbs.home"), .path = urls::home(locale)},
                         {.name = text(locale, "products.title"), .path = model.path}};
    for (const auto& suggestion : list.suggestions)
      model.suggestions.push_back(
          {.label = suggestion, .url = with_query(model.path, {{"q", suggestion}})});
    PageFacts facts{.kind = PageKind::listing,
                    .locale = locale,
                    .paths = per_locale(urls::products),
                    .query = ctx.query,
                    .name = model.heading,
                    .summary = text(locale, "products.description"),
                    .noindex = !params.q.empty(),  // internal search results stay out of indexes
                    .breadcrumbs = model.breadcrumbs};
    auto res = listing_response(facts, model);
    tag(res, list.items, {std::string(page_tags::kProducts)});
    co_return res;
  }

  net::awaitable<Response> product(Context& ctx, Locale locale) const {
    auto lookup = co_await deps_.catalog.product_by_slug(locale, ctx.param("slug"));
    if (lookup.moved_to)
      co_return http::redirect(Status::moved_permanently,
                               keep_query(urls::product(locale, *lookup.moved_to), ctx.query));
    if (!lookup.found || !*lookup.found || (*lookup.found)->status != ProductStatus::active)
      throw http::HttpError(Status::not_found);
    const Product& product = **lookup.found;
    auto tree = co_await deps_.catalog.categories();

    auto model = product_view(product, *tree, locale, deps_.formatter, deps_.messages);
    const auto& text = product.text[locale];
    PageFacts facts{
        .kind = PageKind::product,
        .locale = locale,
        .paths = model.paths,
        .query = ctx.query,
        .meta_title = text.meta_title,
        .name = text.name,
        .meta_description = text.meta_description,
        .summary = text.short_description.empty() ? text.description : text.short_description,
        .breadcrumbs = model.breadcrumbs,
        .product = &product};
    if (!product.images.empty()) facts.image = product.images.front();
    auto res = page_response(
        facts, [&](const views::Page& page) { return renderer_.product(page, model); });
    tag(res, {}, {page_tags::product(product.id)});
    co_return res;
  }

 private:
  // A translation, the shop's name in place of "{shop}".
  std::string text(Locale locale, std::string_view key) const {
    return deps_.views.shop_name().in(deps_.messages.t(locale, key), locale);
  }

  // What the page shows, for the page cache (cache_drop.hpp's page tags): `tags`, and each of
  // `shown`'s products. Only when app asked for them (the page cache strips them).
  void tag(Response& res, const std::vector<ProductSummary>& shown,
           std::vector<std::string> tags) const {
    if (deps_.cache_tags_field.empty()) return;
    for (const auto& item : shown) tags.push_back(page_tags::product(item.id));
    std::string value;
    for (const auto& each : tags) {
      if (!value.empty()) value += ' ';
      value += each;
    }
    res.set(deps_.cache_tags_field, value);
  }

  ListingModel listing_model(const ListingParams& params, const ProductList& list, Locale locale,
                             std::string path) const {
    ListingModel model{.path = std::move(path), .params = params};
    model.count_text =
        count_text(deps_.messages, deps_.formatter, locale, "listing.count", list.total);
    model.grid_html = grid(list, locale, listing_url(model.path, params, params.page));
    model.pagination =
        pagination_view(model.path, params, list.total, kListingPageSize, locale, deps_.messages);
    model.sort_links = sort_links(model.path, params, locale, deps_.messages);
    return model;
  }

  // The listing's grid, from the cache when this exact listing (path with locale and category,
  // search, sort, filters, page) was rendered from the same cached list. Nothing is kept for a
  // list the catalog's cache does not hold (stamp 0: the cache is off).
  std::shared_ptr<const std::string> grid(const ProductList& list, Locale locale,
                                          std::string_view url) const {
    auto key = fmt::format("{}|{}", list.stamp, url);
    if (list.stamp != 0)
      if (auto hit = grids_.find(key)) return hit;
    auto html = std::make_shared<const std::string>(renderer_.grid(
        locale, card_views(list.items, locale, deps_.formatter, deps_.messages, kEagerCards)));
    if (list.stamp != 0) grids_.store(std::move(key), html);
    return html;
  }

  Response listing_response(const PageFacts& facts, const ListingModel& model) const {
    // Past the last page there is nothing to show: a 404, not an empty page to index.
    if (model.params.page > 1 && !model.has_products()) throw http::HttpError(Status::not_found);
    return page_response(facts,
                         [&](const views::Page& page) { return renderer_.listing(page, model); });
  }

  template <class Render>
  Response page_response(const PageFacts& facts, Render&& render) const {
    auto locale = facts.locale;
    auto other = core::other(locale);
    views::Page page{
        .locale = locale,
        .alternate_url = facts.paths[other].empty() ? urls::home(other) : facts.paths[other]};
    // The language switcher keeps the listing's search and filters.
    if (facts.kind == PageKind::category || facts.kind == PageKind::listing)
      page.alternate_url =
          with_query(page.alternate_url, listing_query(parse_listing_params(facts.query)));
    deps_.seo.describe(facts, page);
    return http::html(Status::ok, render(page));
  }

  StorefrontDeps deps_;
  PageRenderer renderer_;
  mutable GridCache grids_;
};

}  // namespace

void add_routes(http::Router& router, StorefrontDeps deps) {
  http::RouteOptions options;
  options.middleware = deps.page_middleware;
  const http::MemberRoutes routes(router, std::make_shared<const Storefront>(deps),
                                  std::move(options));
  for (auto locale : core::kLocales) {
    routes.add(http::Method::get, locale, urls::home(locale), &Storefront::home);
    routes.add(http::Method::get, locale, urls::products(locale), &Storefront::products);
    routes.add(http::Method::get, locale, urls::category_route(locale), &Storefront::category);
    routes.add(http::Method::get, locale, urls::product_route(locale), &Storefront::product);
  }
}

}  // namespace comptoir::catalog::storefront
