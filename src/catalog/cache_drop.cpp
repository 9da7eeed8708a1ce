#include "catalog/cache_drop.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace comptoir::catalog {
namespace {

constexpr std::string_view kProductPrefix = "product:";
constexpr std::string_view kCategoryPrefix = "category:";

// The id after `prefix`, when `payload` is exactly that: a positive decimal number.
std::optional<std::int64_t> id_after(std::string_view payload, std::string_view prefix) {
  if (!payload.starts_with(prefix)) return std::nullopt;
  auto digits = payload.substr(prefix.size());
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (error != std::errc{} || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
  return id;
}

void add_unique(std::vector<std::int64_t>& ids, std::int64_t id) {
  if (std::ranges::find(ids, id) == ids.end()) ids.push_back(id);
}

}  // namespace

CacheDrop CacheDrop::product_write(std::int64_t product_id) {
  CacheDrop drop{.all_lists = true};
  if (product_id > 0) drop.products.push_back(product_id);
  return drop;
}

void CacheDrop::merge(const CacheDrop& other) {
  everything = everything || other.everything;
  all_lists = all_lists || other.all_lists;
  for (auto id : other.products) add_unique(products, id);
  for (auto id : other.categories) add_unique(categories, id);
}

CacheDrop drop_of(const std::vector<std::string>& payloads) {
  CacheDrop drop;
  for (const auto& payload : payloads) {
    if (auto product = id_after(payload, kProductPrefix)) {
      add_unique(drop.products, *product);
    } else if (auto category = id_after(payload, kCategoryPrefix)) {
      add_unique(drop.categories, *category);
    } else {
      return CacheDrop::all();
    }
  }
  return drop;
}

namespace page_tags {
std::string product(std::int64_t id) {
  return fmt::format("{}{}", kProductPrefix, id);
}
std::string category(std::int64_t id) {
  return fmt::format("{}{}", kCategoryPrefix, id);
}
}  // namespace page_tags

std::vector<std::string> page_tags_of(const CacheDrop& drop) {
  if (drop.everything) return {};
  std::vector<std::string> tags;
  if (!drop.products.empty() || drop.all_lists) {
    tags.emplace_back(page_tags::kHome);
    tags.emplace_back(page_tags::kProducts);
  }
  if (drop.all_lists) tags.emplace_back(page_tags::kListing);
  for (auto id : drop.products) tags.push_back(page_tags::product(id));
  for (auto id : drop.categories) tags.push_back(page_tags::category(id));
  return tags;
}

}  // namespace comptoir::catalog
