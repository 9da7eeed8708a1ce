#include "catalog/model.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace comptoir::catalog {

std::string_view to_string(ProductStatus status) {
  switch (status) {
    case ProductStatus::draft:
      return "draft";
    case ProductStatus::active:
      return "active";
    case ProductStatus::archived:
      return "archived";
  }
  return "draft";
}

std::optional<ProductStatus> parse_product_status(std::string_view text) {
  if (text == "draft") return ProductStatus::draft;
  if (text == "active") return ProductStatus::active;
  if (text == "archived") return ProductStatus::archived;
  return std::nullopt;
}

std::string_view to_string(FulfillmentType type) {
  switch (type) {
    case FulfillmentType::local_stock:
      return "LOCAL_STOCK";
    case FulfillmentType::dropshipping:
      return "DROPSHIPPING";
    case FulfillmentType::print_on_demand:
      return "PRINT_ON_DEMAND";
  }
  return "LOCAL_STOCK";
}

std::optional<FulfillmentType> parse_fulfillment_type(std::string_view text) {
  if (text == "LOCAL_STOCK") return FulfillmentType::local_stock;
  if (text == "DROPSHIPPING") return FulfillmentType::dropshipping;
  if (text == "PRINT_ON_DEMAND") return FulfillmentType::print_on_demand;
  return std::nullopt;
}

std::optional<Sort> parse_sort(std::string_view text) {
  if (text == "relevance") return Sort::relevance;
  if (text == "newest") return Sort::newest;
  if (text == "price") return Sort::price_asc;
  if (text == "-price") return Sort::price_desc;
  if (text == "name") return Sort::name;
  return std::nullopt;
}

const Category* CategoryTree::find(std::int64_t id) const {
  auto it = std::ranges::find(categories, id, &Category::id);
  return it == categories.end() ? nullptr : &*it;
}

const Category* CategoryTree::find_by_slug(Locale locale, std::string_view slug) const {
  auto it = std::ranges::find_if(
      categories, [&](const Category& category) { return category.text[locale].slug == slug; });
  return it == categories.end() ? nullptr : &*it;
}

std::vector<const Category*> CategoryTree::children(std::optional<std::int64_t> parent_id) const {
  std::vector<const Category*> out;
  for (const auto& category : categories)
    if (category.parent_id == parent_id) out.push_back(&category);
  return out;
}

std::vector<const Category*> CategoryTree::path_to(std::int64_t id) const {
  std::vector<const Category*> path;
  const Category* current = find(id);
  // The database forbids cycles; the bound only protects against a corrupt snapshot.
  while (current != nullptr && path.size() <= categories.size()) {
    path.push_back(current);
    current = current->parent_id ? find(*current->parent_id) : nullptr;
  }
  std::ranges::reverse(path);
  return path;
}

std::vector<std::int64_t> CategoryTree::subtree_ids(std::int64_t id) const {
  std::vector<std::int64_t> ids;
  if (find(id) == nullptr) return ids;
  ids.push_back(id);
  // Breadth-first over the growing list: each id's children are appended once.
  for (std::size_t i = 0; i < ids.size() && ids.size() <= categories.size(); ++i)
    for (const auto& category : categories)
      if (category.parent_id == ids[i]) ids.push_back(category.id);
  return ids;
}

std::vector<std::int64_t> moved_among(std::vector<std::int64_t> siblings, std::int64_t id,
                                      int offset) {
  auto at = std::ranges::find(siblings, id);
  if (at == siblings.end()) return siblings;
  const auto from = at - siblings.begin();
  const auto last = static_cast<std::ptrdiff_t>(siblings.size()) - 1;
  const auto to = std::clamp<std::ptrdiff_t>(from + offset, 0, last);
  if (to < from)
    std::rotate(siblings.begin() + to, siblings.begin() + from, siblings.begin() + from + 1);
  else if (to > from)
    std::rotate(siblings.begin() + from, siblings.begin() + from + 1, siblings.begin() + to + 1);
  return siblings;
}

bool Product::available() const {
  return std::ranges::any_of(variants, &Variant::available);
}

const Variant& Product::cheapest_variant() const {
  if (variants.empty()) throw std::logic_error("product without variant");
  // Same order as the database's products.cheapest_price_cents: price, then position, then id.
  return *std::ranges::min_element(variants, [](const Variant& a, const Variant& b) {
    return std::tie(a.price.cents, a.position, a.id) < std::tie(b.price.cents, b.position, b.id);
  });
}

}  // namespace comptoir::catalog
