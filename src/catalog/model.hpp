#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/locale.hpp"
#include "core/money.hpp"

namespace comptoir::catalog {

using core::Locale;
using core::Money;

// One value per storefront locale, indexed by core::Locale.
template <class T>
struct PerLocale {
  std::array<T, core::kLocales.size()> values{};
  T& operator[](Locale locale) { return values[static_cast<std::size_t>(locale)]; }
  const T& operator[](Locale locale) const { return values[static_cast<std::size_t>(locale)]; }
  friend bool operator==(const PerLocale&, const PerLocale&) = default;
};

using Timestamp = std::chrono::sys_seconds;

enum class ProductStatus { draft, active, archived };
enum class FulfillmentType { local_stock, dropshipping, print_on_demand };

std::string_view to_string(ProductStatus status);
std::optional<ProductStatus> parse_product_status(std::string_view text);
std::string_view to_string(FulfillmentType type);  // LOCAL_STOCK, DROPSHIPPING, PRINT_ON_DEMAND
std::optional<FulfillmentType> parse_fulfillment_type(std::string_view text);

struct CategoryText {
  std::string name;
  std::string slug;
  std::string description;
  std::string meta_title;
  std::string meta_description;
};

struct Category {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  int position = 0;
  bool active = true;
  bool featured = false;
  std::string image_path;  // under MEDIA_DIR; empty when none
  int version = 1;
  Timestamp updated_at{};
  PerLocale<CategoryText> text;
};

// The whole category tree, small enough to keep in memory in every process.
struct CategoryTree {
  std::vector<Category> categories;  // ordered by (parent, position, id)

  const Category* find(std::int64_t id) const;
  const Category* find_by_slug(Locale locale, std::string_view slug) const;
  std::vector<const Category*> children(std::optional<std::int64_t> parent_id) const;
  // Root first, the category itself last: for breadcrumbs.
  std::vector<const Category*> path_to(std::int64_t id) const;
  // The category and every descendant: category filters include subcategories.
  std::vector<std::int64_t> subtree_ids(std::int64_t id) const;
};

// Siblings in their order with `id` moved `offset` places (negative: towards the first), stopping
// at either end; unchanged when `id` is not among them.
std::vector<std::int64_t> moved_among(std::vector<std::int64_t> siblings, std::int64_t id,
                                      int offset);

struct ProductText {
  std::string name;
  std::string slug;
  std::string short_description;
  std::string description;
  std::string meta_title;
  std::string meta_description;
};

// An option axis of a product, e.g. {code "size", name {"Taille", "Size"}}.
struct OptionAxis {
  std::string code;
  PerLocale<std::string> name;
};

struct Variant {
  std::int64_t id = 0;
  std::string sku;
  std::string gtin;  // GTIN-8/12/13/14 as entered, "" when none (see catalog/gtin.hpp)
  std::map<std::string, PerLocale<std::string>> option_values;  // option code -> value
  Money price;
  std::optional<std::int64_t> compare_at_cents;  // same currency as price, > price
  int stock_on_hand = 0;
  int supplier_stock = 0;  // what its suppliers have (the supplier engine sets it); read only
  bool track_inventory = true;
  int position = 0;
  int version = 1;

  // Units that may be sold: the shop's own and its suppliers'.
  int sellable() const { return std::max(0, stock_on_hand) + supplier_stock; }
  bool available() const { return !track_inventory || sellable() > 0; }
};

struct Image {
  std::int64_t id = 0;
  std::string path;  // under MEDIA_DIR, served at /media/{path}
  int width = 0;
  int height = 0;
  PerLocale<std::string> alt;
  int position = 0;
};

struct Product {
  std::int64_t id = 0;
  ProductStatus status = ProductStatus::draft;
  FulfillmentType fulfillment = FulfillmentType::local_stock;
  std::string brand;
  std::string tax_class = "standard";
  int weight_grams = 0;
  std::optional<std::int64_t> primary_category_id;
  std::vector<std::int64_t> category_ids;
  bool featured = false;
  int popularity = 0;
  std::vector<OptionAxis> options;
  std::vector<Variant> variants;  // at least one, by position
  std::vector<Image> images;      // by position
  PerLocale<ProductText> text;
  int version = 1;  // bumped by every write to the product or its variants/images: the ETag
  Timestamp created_at{};
  Timestamp updated_at{};

  bool available() const;
  const Variant& cheapest_variant() const;
};

enum class Sort { relevance, newest, price_asc, price_desc, name };
std::optional<Sort> parse_sort(
    std::string_view text);  // "relevance", "newest", "price", "-price", "name"

struct ProductQuery {
  Locale locale = Locale::fr;
  std::string q{};                            // full-text search; an exact SKU also matches
  std::optional<std::int64_t> category_id{};  // includes descendants
  std::optional<std::int64_t> min_price_cents{};
  std::optional<std::int64_t> max_price_cents{};
  bool in_stock_only = false;
  bool out_of_stock_only = false;  // staff: what needs restocking (ignored with in_stock_only)
  std::vector<ProductStatus> statuses{ProductStatus::active};  // other statuses: staff only
  std::optional<FulfillmentType> fulfillment{};  // products of that type alone (a staff filter)
  Sort sort = Sort::newest;                      // relevance when q is set and no sort was asked
  int page = 1;
  int page_size = 24;
  // False for the back office's lists: read from the database each time, so that staff paging
  // through every status and filter never push the storefront's pages out of the cache.
  bool cached = true;
  // Browsing counts the matches up to this many (or to the page's end, when deeper), then says
  // "more" (ProductList::total_capped): counting is the costly part of a list whose filter keeps
  // few products. The back office counts to 1 000.
  std::int64_t count_up_to = 10'000;
  static constexpr int kMaxPageSize = 100;
};

// A product as listed in a grid or an API list.
struct ProductSummary {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::string short_description;
  Money price;  // the cheapest variant's
  std::optional<std::int64_t> compare_at_cents;
  bool in_stock = false;
  std::optional<Image> image;
  // With a search: the matching text with matches between kHighlightStart/kHighlightEnd markers.
  // Views escape the text first, then turn the markers into <mark>…</mark>.
  std::string highlight;
  Timestamp updated_at{};
  ProductStatus status = ProductStatus::active;  // other than active in staff listings only
};

inline constexpr char kHighlightStart = '\x02';
inline constexpr char kHighlightEnd = '\x03';

struct ProductList {
  std::vector<ProductSummary> items;
  std::int64_t total = 0;
  // More than `total` match: counting stopped at ProductQuery::count_up_to (kTotalCap by
  // default) when browsing, and a search ranks only its kSearchTotalCap most popular matches
  // (more for deeper pages). Shown as "10 000+".
  bool total_capped = false;
  int page = 1;
  int page_size = 24;
  // "Did you mean": the query with each unknown word replaced by the closest word of published
  // product names (pg_trgm), when a search finds little. Each is a query to search for.
  std::vector<std::string> suggestions;
  // Names this very list as the catalog's cache holds it (0: not cached): what is rendered from a
  // list may be kept under its stamp, which a reloaded list never shares.
  std::uint64_t stamp = 0;
  static constexpr std::int64_t kTotalCap = 10'000;
  static constexpr std::int64_t kSearchTotalCap = 300;
};

// What a slug resolves to: the entity, a redirect to its current slug (301), or nothing (404).
template <class T>
struct SlugLookup {
  std::optional<T> found;
  std::optional<std::string> moved_to;  // current slug when an old one was asked
};

// Sitemap entry: an active product or category with both locales' slugs.
struct SitemapEntry {
  enum class Kind { category, product } kind;
  PerLocale<std::string> slug;
  Timestamp lastmod{};
};

}  // namespace comptoir::catalog
