#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/storefront_listing.hpp"
#include "catalog/storefront_product.hpp"
#include "catalog/storefront_seo.hpp"
#include "i18n/catalog.hpp"
#include "views/views.hpp"

// Places view models in the storefront templates (templates/catalog/). Everything shown is
// already computed; this only maps fields to template variables and adds fixed labels.
namespace comptoir::catalog::storefront {

struct HomeModel {
  std::vector<CategoryCardView> categories{};
  std::vector<CardView> featured{};
};

struct ListingModel {
  bool search_page = false;  // the all-products/search page (else a category)
  std::string path{};        // this listing in the page's locale, without a query
  std::string heading{};
  std::string intro{};
  std::vector<Crumb> breadcrumbs{};
  std::vector<CategoryCardView> subcategories{};
  ListingParams params{};
  std::string count_text{};  // "24 produits"
  std::vector<CardView> cards{};
  // The grid already rendered (PageRenderer::grid, cached by the storefront); when set, `cards`
  // is not used.
  std::shared_ptr<const std::string> grid_html{};
  std::vector<LinkView> suggestions{};  // "did you mean"
  PaginationView pagination{};
  std::vector<LinkView> sort_links{};

  bool has_products() const { return grid_html ? !grid_html->empty() : !cards.empty(); }
};

class PageRenderer {
 public:
  PageRenderer(const views::Views& views, const i18n::Catalog& catalog)
      : views_(views), catalog_(catalog) {}

  std::string home(const views::Page& page, const HomeModel& model) const;
  std::string listing(const views::Page& page, const ListingModel& model) const;
  std::string product(const views::Page& page, const ProductView& model) const;
  // The product grid of a listing ("" without cards): the costly part of a listing page, which
  // the storefront caches.
  std::string grid(Locale locale, const std::vector<CardView>& cards) const;

 private:
  const views::Views& views_;
  const i18n::Catalog& catalog_;
};

}  // namespace comptoir::catalog::storefront
