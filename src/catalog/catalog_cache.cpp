#include "catalog/catalog_cache.hpp"

#include <algorithm>

namespace comptoir::catalog {

void CatalogCache::clear() {
  categories.reset();
  products.clear();
  product_slugs.clear();
  lists.clear();
  featured.clear();
}

void CatalogCache::drop_entries(const CacheDrop& drop) {
  auto named = [&](std::int64_t product_id) {
    return std::ranges::find(drop.products, product_id) != drop.products.end();
  };
  for (auto id : drop.products) products.erase(id);
  const bool products_change = !drop.products.empty() || drop.all_lists;
  if (products_change) {
    product_slugs.erase_if([&](const std::string&, const std::optional<ProductSlugMatch>& match) {
      return !match || named(match->product_id);
    });
    featured.clear();
  }
  lists.erase_if([&](const std::string&, const CachedList& cached) {
    if (drop.all_lists) return true;
    if (!cached.category) return products_change;
    if (std::ranges::find(drop.categories, *cached.category) != drop.categories.end()) return true;
    return std::ranges::any_of(cached.list->items,
                               [&](const ProductSummary& item) { return named(item.id); });
  });
}

}  // namespace comptoir::catalog
