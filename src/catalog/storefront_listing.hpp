#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/storefront_format.hpp"
#include "catalog/storefront_images.hpp"
#include "catalog/storefront_urls.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

// View models of product lists: the category page and the all-products/search page.
namespace comptoir::catalog::storefront {

// A listing's query string, read leniently: a malformed value is ignored, never an error.
//   q, sort (relevance | newest | price | -price | name), min and max (price in currency units,
//   "12", "12.50" or "12,50"), in_stock=1, page (≥ 1).
struct ListingParams {
  std::string q{};
  std::optional<Sort> sort{};  // nullopt: the default (relevance when searching, else newest)
  std::string min_price{};     // as the form's number input wants it: "12", "12.50"
  std::string max_price{};
  std::optional<std::int64_t> min_cents{};
  std::optional<std::int64_t> max_cents{};
  bool in_stock = false;
  int page = 1;
};

ListingParams parse_listing_params(std::string_view raw_query);
// "12" → 1200, "12.5" / "12,50" → 1250; nullopt for anything else (negative, letters, 3 decimals).
std::optional<std::int64_t> parse_price_cents(std::string_view text);
// 1250 → "12.50", 1200 → "12": a value an <input type="number"> accepts.
std::string price_input(std::int64_t cents);
std::string_view sort_code(Sort sort);
Sort default_sort(const ListingParams& params);

// The parameters that reproduce the listing without its page: pagination, sort and language
// links keep the visitor's search and filters.
QueryParams listing_query(const ListingParams& params);
// `path` with the listing's parameters and the page (left out when 1).
std::string listing_url(const std::string& path, const ListingParams& params, int page);

ProductQuery product_query(const ListingParams& params, Locale locale,
                           std::optional<std::int64_t> category_id, int page_size);

inline constexpr int kListingPageSize = 24;
// Number of pages for `total` products; at least 1 so an empty listing still has its page 1.
int page_count(std::int64_t total, int page_size);

struct LinkView {
  std::string label{};
  std::string url{};
  bool current = false;
};

struct PaginationView {
  std::string label{};  // the nav's accessible name
  std::string previous_url{};
  std::string next_url{};
  std::string previous_label{};
  std::string next_label{};
  struct Item {
    std::string label{};  // "3"
    std::string url{};
    std::string accessible_label{};  // "Page 3"
    bool current = false;
    bool gap = false;  // an ellipsis between page numbers
  };
  std::vector<Item> items{};
};

// Empty (no items) when everything fits on one page. Shows the first and last pages and two on
// each side of the current one, with gaps between.
PaginationView pagination_view(const std::string& path, const ListingParams& params,
                               std::int64_t total, int page_size, Locale locale,
                               const i18n::Catalog& catalog);

// Sort choices as links; relevance only when searching.
std::vector<LinkView> sort_links(const std::string& path, const ListingParams& params,
                                 Locale locale, const i18n::Catalog& catalog);

struct CardView {
  std::string name{};
  std::string url{};
  std::string short_description{};
  std::string highlight_html{};  // escaped, with <mark>; empty when not searching
  PriceView price{};
  bool in_stock = false;
  std::string stock_label{};
  std::optional<ImageView> image{};
  AnalyticsItem item{};  // a card is a product: "product-<id>"
};

// The first `eager_count` cards (the first grid row) load their image eagerly, the rest lazily.
std::vector<CardView> card_views(const std::vector<ProductSummary>& products, Locale locale,
                                 const i18n::Formatter& formatter, const i18n::Catalog& catalog,
                                 std::size_t eager_count);

inline constexpr std::size_t kEagerCards = 4;
// A grid cell is about a quarter of the 68rem container on wide screens, half on phones.
inline constexpr std::string_view kCardImageSizes =
    "(min-width: 68rem) 16rem, (min-width: 40rem) 31vw, 46vw";

}  // namespace comptoir::catalog::storefront
