#pragma once

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
  std::vector<LinkView> suggestions{};  // "did you mean"
  PaginationView pagination{};
  std::vector<LinkView> sort_links{};
};

class PageRenderer {
 public:
  PageRenderer(const views::Views& views, const i18n::Catalog& catalog)
      : views_(views), catalog_(catalog) {}

  std::string home(const views::Page& page, const HomeModel& model) const;
  std::string listing(const views::Page& page, const ListingModel& model) const;
  std::string product(const views::Page& page, const ProductView& model) const;

 private:
  const views::Views& views_;
  const i18n::Catalog& catalog_;
};

}  // namespace comptoir::catalog::storefront
