#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// What a catalog change drops from the caches made of the catalog: the catalog's own
// (CatalogService) and whole storefront pages (pagecache, through the tags below). See
// docs/storefront.md, "What a change drops".
namespace comptoir::catalog {

struct CacheDrop {
  bool everything = false;
  // These products' entries, the lists that show them, every list not bound to a category
  // (search, all products: any may show them now) and the home's featured products.
  std::vector<std::int64_t> products{};
  // The lists of these categories (those under them are named too: category_listings holds the
  // ancestors, and the notification says each).
  std::vector<std::int64_t> categories{};
  // Every list, whatever its category: a write of this process, which does not know which
  // categories it touched (the notification that follows says it to the other processes).
  bool all_lists = false;

  static CacheDrop all() { return CacheDrop{.everything = true}; }
  // A write of this process about one product (0: a new product, in no cache yet).
  static CacheDrop product_write(std::int64_t product_id);
  bool empty() const { return !everything && !all_lists && products.empty() && categories.empty(); }
  // Adds `other`'s drops to this one.
  void merge(const CacheDrop& other);
};

// The drop that the payloads of `catalog_changed` notifications ask for (migration 0034):
// `product:<id>`, `category:<id>`; anything else (`categories`, an empty payload, a table name
// of older triggers) drops everything.
CacheDrop drop_of(const std::vector<std::string>& payloads);

// The tags of storefront pages (the page cache's `Comptoir-Cache-Tags`): what a page shows.
namespace page_tags {
inline constexpr std::string_view kHome = "home";          // the home pages
inline constexpr std::string_view kProducts = "products";  // all products and search pages
inline constexpr std::string_view kListing = "listing";    // every category page
std::string product(std::int64_t id);                      // its page, and listings showing it
std::string category(std::int64_t id);                     // that category's pages
}  // namespace page_tags

// The page tags `drop` drops (empty when it drops everything: the page cache's generation moves).
std::vector<std::string> page_tags_of(const CacheDrop& drop);

}  // namespace comptoir::catalog
