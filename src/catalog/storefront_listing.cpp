#include "catalog/storefront_listing.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "catalog/catalog_urls.hpp"

namespace comptoir::catalog::storefront {
namespace {

struct SortOption {
  Sort sort;
  std::string_view code;  // what parse_sort reads
  std::string_view label_key;
};

constexpr std::array kSortOptions{
    SortOption{Sort::relevance, "relevance", "listing.sort.relevance"},
    SortOption{Sort::newest, "newest", "listing.sort.newest"},
    SortOption{Sort::price_asc, "price", "listing.sort.price_asc"},
    SortOption{Sort::price_desc, "-price", "listing.sort.price_desc"},
    SortOption{Sort::name, "name", "listing.sort.name"},
};

// Beyond any real catalog; keeps OFFSET arithmetic far from overflow.
constexpr int kMaxPage = 100'000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::int64_t> parse_price_cents(std::string_view text) {
  text = trim(text);
  auto separator = text.find_first_of(".,");
  auto units = text.substr(0, separator);
  auto cents =
      separator == std::string_view::npos ? std::string_view{} : text.substr(separator + 1);
  if (!all_digits(units) || units.size() > 10) return std::nullopt;
  if (separator != std::string_view::npos && (cents.size() > 2 || !all_digits(cents)))
    return std::nullopt;
  std::int64_t value = 0;
  std::from_chars(units.data(), units.data() + units.size(), value);
  std::int64_t fraction = 0;
  if (!cents.empty()) {
    std::from_chars(cents.data(), cents.data() + cents.size(), fraction);
    if (cents.size() == 1) fraction *= 10;
  }
  return value * 100 + fraction;
}

std::string price_input(std::int64_t cents) {
  if (cents % 100 == 0) return std::to_string(cents / 100);
  return fmt::format("{}.{:02}", cents / 100, cents % 100);
}

std::string_view sort_code(Sort sort) {
  for (const auto& option : kSortOptions)
    if (option.sort == sort) return option.code;
  return "newest";
}

Sort default_sort(const ListingParams& params) {
  return params.q.empty() ? Sort::newest : Sort::relevance;
}

ListingParams parse_listing_params(std::string_view raw_query) {
  ListingParams params;
  for (const auto& [name, value] : query_params(raw_query)) {
    if (name == "q") {
      params.q = std::string(trim(value));
    } else if (name == "sort") {
      params.sort = parse_sort(value);
    } else if (name == "min") {
      params.min_cents = parse_price_cents(value);
      params.min_price = params.min_cents ? price_input(*params.min_cents) : std::string{};
    } else if (name == "max") {
      params.max_cents = parse_price_cents(value);
      params.max_price = params.max_cents ? price_input(*params.max_cents) : std::string{};
    } else if (name == "in_stock") {
      params.in_stock = value == "1" || value == "on" || value == "true";
    } else if (name == "page") {
      int page = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), page);
      if (error == std::errc{} && end == value.data() + value.size() && page >= 1)
        params.page = std::min(page, kMaxPage);
    }
  }
  // Relevance means nothing without a search.
  if (params.sort == Sort::relevance && params.q.empty()) params.sort.reset();
  return params;
}

QueryParams listing_query(const ListingParams& params) {
  QueryParams query{{"q", params.q}};
  if (params.sort && *params.sort != default_sort(params))
    query.emplace_back("sort", std::string(sort_code(*params.sort)));
  query.emplace_back("min", params.min_price);
  query.emplace_back("max", params.max_price);
  if (params.in_stock) query.emplace_back("in_stock", "1");
  return query;
}

std::string listing_url(const std::string& path, const ListingParams& params, int page) {
  auto query = listing_query(params);
  if (page > 1) query.emplace_back("page", std::to_string(page));
  return with_query(path, query);
}

ProductQuery product_query(const ListingParams& params, Locale locale,
                           std::optional<std::int64_t> category_id, int page_size) {
  ProductQuery query;
  query.locale = locale;
  query.q = params.q;
  query.category_id = category_id;
  query.min_price_cents = params.min_cents;
  query.max_price_cents = params.max_cents;
  query.in_stock_only = params.in_stock;
  query.sort = params.sort.value_or(default_sort(params));
  query.page = params.page;
  query.page_size = page_size;
  return query;
}

int page_count(std::int64_t total, int page_size) {
  if (total <= 0 || page_size <= 0) return 1;
  return static_cast<int>(std::min<std::int64_t>((total + page_size - 1) / page_size, kMaxPage));
}

PaginationView pagination_view(const std::string& path, const ListingParams& params,
                               std::int64_t total, int page_size, Locale locale,
                               const i18n::Catalog& catalog) {
  PaginationView view;
  int pages = page_count(total, page_size);
  if (pages <= 1) return view;
  int current = std::min(params.page, pages);
  view.label = std::string(catalog.t(locale, "listing.pagination"));
  view.previous_label = std::string(catalog.t(locale, "listing.previous"));
  view.next_label = std::string(catalog.t(locale, "listing.next"));
  if (current > 1) view.previous_url = listing_url(path, params, current - 1);
  if (current < pages) view.next_url = listing_url(path, params, current + 1);
  auto page_label = catalog.t(locale, "listing.page_label");
  int last_shown = 0;
  for (int page = 1; page <= pages; ++page) {
    bool shown = page == 1 || page == pages || (page >= current - 2 && page <= current + 2);
    if (!shown) continue;
    if (last_shown != 0 && page > last_shown + 1) view.items.push_back({.gap = true});
    view.items.push_back({.label = std::to_string(page),
                          .url = listing_url(path, params, page),
                          .accessible_label = fill(page_label, "page", std::to_string(page)),
                          .current = page == current});
    last_shown = page;
  }
  return view;
}

std::vector<LinkView> sort_links(const std::string& path, const ListingParams& params,
                                 Locale locale, const i18n::Catalog& catalog) {
  std::vector<LinkView> links;
  auto active = params.sort.value_or(default_sort(params));
  for (const auto& option : kSortOptions) {
    if (option.sort == Sort::relevance && params.q.empty()) continue;
    ListingParams sorted = params;
    sorted.sort = option.sort;
    links.push_back({.label = std::string(catalog.t(locale, option.label_key)),
                     .url = listing_url(path, sorted, 1),
                     .current = option.sort == active});
  }
  return links;
}

std::vector<CardView> card_views(const std::vector<ProductSummary>& products, Locale locale,
                                 const i18n::Formatter& formatter, const i18n::Catalog& catalog,
                                 std::size_t eager_count) {
  std::vector<CardView> cards;
  cards.reserve(products.size());
  for (const auto& product : products) {
    CardView card{.name = product.name,
                  .url = urls::product(locale, product.slug),
                  .short_description = product.short_description,
                  .highlight_html =
                      product.highlight.empty() ? std::string{} : highlight_html(product.highlight),
                  .price = price_view(product.price, product.compare_at_cents, locale, formatter),
                  .in_stock = product.in_stock,
                  .stock_label = std::string(catalog.t(
                      locale, product.in_stock ? "product.in_stock" : "product.out_of_stock")),
                  .image = std::nullopt,
                  .item = analytics_item("", fmt::format("product-{}", product.id), product.price)};
    // The card's link already names the product: without an alt text of its own, the image is
    // decorative (alt="") rather than a second reading of the name.
    if (product.image)
      card.image = image_view(*product.image, locale, kCardImageSizes, cards.size() < eager_count,
                              /*fallback_alt=*/"");
    cards.push_back(std::move(card));
  }
  return cards;
}

}  // namespace comptoir::catalog::storefront
