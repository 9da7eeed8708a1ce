#include "catalog/price_raises.hpp"

#include <algorithm>

#include "catalog/catalog_repository.hpp"
#include "catalog/write_support.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog {

std::vector<std::int64_t> raise_prices(db::Connection& conn, const std::vector<PriceRaise>& raises,
                                       const Author& author) {
  CatalogRepository repo(conn);
  std::vector<std::int64_t> raised;
  for (const auto& raise : raises) {
    auto product_id = repo.product_id_of_variant(raise.variant_id);
    if (!product_id || !repo.lock_product(*product_id)) continue;
    auto before = repo.product(*product_id);
    if (!before) continue;
    auto it = std::ranges::find(before->variants, raise.variant_id, &Variant::id);
    if (it == before->variants.end() || it->price.cents != raise.from || raise.to <= raise.from)
      continue;
    auto variant = *it;
    variant.price.cents = raise.to;
    if (variant.compare_at_cents && *variant.compare_at_cents <= raise.to)
      variant.compare_at_cents.reset();
    repo.update_variant(variant);
    repo.touch_product(*product_id);
    auto after = writes::reload(repo, *product_id);
    writes::record(repo, author, "product.repriced", *product_id, &*before, after.get());
    raised.push_back(raise.variant_id);
  }
  return raised;
}

}  // namespace comptoir::catalog
