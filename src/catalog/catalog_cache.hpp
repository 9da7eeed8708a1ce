#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/cache_drop.hpp"
#include "catalog/catalog_repository.hpp"
#include "catalog/lru_cache.hpp"
#include "catalog/model.hpp"

namespace comptoir::catalog {

// The category tree with its slug history, loaded together.
struct CategorySnapshot {
  std::shared_ptr<const CategoryTree> tree;
  std::map<std::pair<Locale, std::string>, std::int64_t, std::less<>> redirects;
};

// A listing as cached: the list, and the category it lists (none: search, all products).
struct CachedList {
  std::shared_ptr<const ProductList> list;
  std::optional<std::int64_t> category;
};

// The entries of CatalogService's cache, and which of them a change drops. Not thread-safe by
// itself: whoever uses it holds `mutex` (CatalogCacheState does).
struct CatalogCache {
  std::mutex mutex;  // guards everything below
  std::shared_ptr<const CategorySnapshot> categories;
  LruCache<std::int64_t, std::shared_ptr<const Product>> products{20'000};       // null: no such id
  LruCache<std::string, std::optional<ProductSlugMatch>> product_slugs{50'000};  // null: none
  LruCache<std::string, CachedList> lists{2'000};
  LruCache<std::string, std::shared_ptr<const std::vector<ProductSummary>>> featured{64};

  void clear();
  // What `drop` touches (docs/storefront.md, "What a change drops"), when it does not drop
  // everything: the products it names (and slugs leading to them, and slugs that led nowhere: a
  // product may have taken one), every list showing one of them, every list not bound to a
  // category and the featured products when it names a product, the lists of the categories it
  // names, every list with all_lists. The category tree stays.
  void drop_entries(const CacheDrop& drop);
};

}  // namespace comptoir::catalog
