// CatalogService: writes to the category tree.
#include <fmt/format.h>

#include <algorithm>

#include <boost/json/array.hpp>

#include "catalog/catalog_audit.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/validation.hpp"
#include "catalog/write_support.hpp"

namespace comptoir::catalog {
namespace {

using writes::check_version;
using writes::reject;

constexpr std::string_view kCategoryNotFound = "catalog.error.category_not_found";

Category find(const CategoryTree& tree, std::int64_t id) {
  const Category* found = tree.find(id);
  if (!found) reject(CatalogError::not_found(std::string(kCategoryNotFound)));
  return *found;
}

void write_text(CatalogRepository& repo, std::int64_t category_id, Locale locale,
                const CategoryTextInput& input, const CategoryText& current,
                const std::string& field_prefix) {
  auto merged = apply(input, current);
  bool slug_changes = input.slug && *input.slug != current.slug;
  if (current.slug.empty() || slug_changes)
    merged.slug = writes::settle_slug(repo, writes::SlugOwner::category, locale, category_id,
                                      input.slug.value_or(""), merged.name, field_prefix + "slug");
  repo.upsert_category_text(category_id, locale, merged);
}

// A parent must exist and must not be the category or one of its descendants.
void check_parent(const CategoryTree& tree, std::int64_t id, std::optional<std::int64_t> parent,
                  FieldErrors& errors) {
  if (!parent) return;
  if (!tree.find(*parent)) {
    errors.push_back({"parent_id", "catalog.error.unknown_category", {}});
    return;
  }
  auto own_subtree = tree.subtree_ids(id);
  if (std::ranges::find(own_subtree, *parent) != own_subtree.end())
    errors.push_back({"parent_id", "catalog.error.category_cycle", {}});
}

// The position after every child of `parent` but `except`: the end of its siblings.
int last_position(const CategoryTree& tree, std::optional<std::int64_t> parent,
                  std::int64_t except) {
  int next = 0;
  for (const auto* child : tree.children(parent))
    if (child->id != except) next = std::max(next, child->position + 1);
  return next;
}

boost::json::array id_array(const std::vector<std::int64_t>& ids) {
  boost::json::array out;
  for (auto id : ids) out.emplace_back(id);
  return out;
}

}  // namespace

net::awaitable<CatalogService::Result<Category>> CatalogService::create_category(
    CategoryInput input, std::optional<Author> author) {
  const auto drop = CacheDrop::all();  // a category shows on every page
  co_return co_await writes::run<Category>(*state_, drop, [&](CatalogRepository& repo) {
    auto tree = repo.categories();
    auto category = apply(input, Category{});
    FieldErrors errors;
    check_category(input, category, true, errors);
    check_parent(tree, 0, category.parent_id, errors);
    if (!errors.empty()) reject(CatalogError::invalid(std::move(errors)));
    if (!input.position) category.position = last_position(tree, category.parent_id, 0);
    auto id = repo.insert_category(category);
    for (auto locale : core::kLocales)
      write_text(repo, id, locale, *input.text[locale], CategoryText{},
                 fmt::format("text.{}.", core::code(locale)));
    auto created = find(repo.categories(), id);
    writes::record_category(repo, author, "category.created", id, nullptr, &created);
    return created;
  });
}

net::awaitable<CatalogService::Result<Category>> CatalogService::update_category(
    std::int64_t id, CategoryInput patch, std::optional<int> expected_version,
    std::optional<Author> author) {
  const auto drop = CacheDrop::all();  // a category shows on every page
  co_return co_await writes::run<Category>(*state_, drop, [&](CatalogRepository& repo) {
    if (patch.parent_id) repo.lock_category_tree();
    check_version(repo.lock_category(id), expected_version, kCategoryNotFound);
    auto tree = repo.categories();
    auto current = find(tree, id);
    auto merged = apply(patch, current);
    FieldErrors errors;
    check_category(patch, merged, false, errors);
    if (patch.parent_id) check_parent(tree, id, merged.parent_id, errors);
    if (!errors.empty()) reject(CatalogError::invalid(std::move(errors)));
    if (merged.parent_id != current.parent_id && !patch.position)
      merged.position = last_position(tree, merged.parent_id, id);
    repo.update_category(merged);
    for (auto locale : core::kLocales)
      if (patch.text[locale])
        write_text(repo, id, locale, *patch.text[locale], current.text[locale],
                   fmt::format("text.{}.", core::code(locale)));
    repo.touch_category(id);
    auto updated = find(repo.categories(), id);
    writes::record_category(repo, author, category_action(current, updated), id, &current,
                            &updated);
    return updated;
  });
}

net::awaitable<CatalogService::Result<Category>> CatalogService::put_category_text(
    std::int64_t id, Locale locale, CategoryTextInput input, std::optional<int> expected_version,
    std::optional<Author> author) {
  const auto drop = CacheDrop::all();  // a category shows on every page
  co_return co_await writes::run<Category>(*state_, drop, [&](CatalogRepository& repo) {
    check_version(repo.lock_category(id), expected_version, kCategoryNotFound);
    auto current = find(repo.categories(), id);
    const auto& text = current.text[locale];
    FieldErrors errors;
    check_text(input, apply(input, text), text.name.empty(), "", errors);
    if (!errors.empty()) reject(CatalogError::invalid(std::move(errors)));
    write_text(repo, id, locale, input, text, "");
    repo.touch_category(id);
    auto updated = find(repo.categories(), id);
    writes::record_category(repo, author, "category.updated", id, &current, &updated);
    return updated;
  });
}

net::awaitable<CatalogService::Result<Category>> CatalogService::reorder_category(
    std::int64_t id, int offset, std::optional<int> expected_version,
    std::optional<Author> author) {
  const auto drop = CacheDrop::all();  // a category shows on every page
  co_return co_await writes::run<Category>(*state_, drop, [&](CatalogRepository& repo) {
    repo.lock_category_tree();  // the siblings stay the siblings while they are renumbered
    check_version(repo.lock_category(id), expected_version, kCategoryNotFound);
    auto tree = repo.categories();
    auto current = find(tree, id);
    std::vector<std::int64_t> siblings;
    for (const auto* sibling : tree.children(current.parent_id)) siblings.push_back(sibling->id);
    auto order = moved_among(siblings, id, offset);
    if (order == siblings) return current;  // already first (or last): nothing to write
    repo.set_category_order(order);
    auto reordered = find(repo.categories(), id);
    boost::json::object extra{
        {"order", {{"before", id_array(siblings)}, {"after", id_array(order)}}}};
    writes::record_category(repo, author, "category.reordered", id, &current, &reordered,
                            std::move(extra));
    return reordered;
  });
}

net::awaitable<CatalogService::Result<void>> CatalogService::delete_category(
    std::int64_t id, std::optional<std::int64_t> reassign_to, std::optional<int> expected_version,
    std::optional<Author> author) {
  const auto drop = CacheDrop::all();  // a category shows on every page
  co_return co_await writes::run<void>(*state_, drop, [&](CatalogRepository& repo) {
    repo.lock_category_tree();
    check_version(repo.lock_category(id), expected_version, kCategoryNotFound);
    auto tree = repo.categories();
    auto doomed_category = find(tree, id);
    boost::json::object extra;
    if (author) {
      std::vector<std::int64_t> children;
      for (const auto* child : tree.children(id)) children.push_back(child->id);
      extra["reassigned_to"] = reassign_to ? boost::json::value(*reassign_to) : nullptr;
      extra["products"] = repo.count_category_products(id);
      extra["subcategories"] = id_array(children);
    }
    if (reassign_to) {
      if (!tree.find(*reassign_to))
        reject(CatalogError::invalid({{"reassign_to", "catalog.error.unknown_category", {}}}));
      auto doomed = tree.subtree_ids(id);
      if (std::ranges::find(doomed, *reassign_to) != doomed.end())
        reject(CatalogError::invalid({{"reassign_to", "catalog.error.category_cycle", {}}}));
      repo.reassign_category(id, *reassign_to);
      repo.touch_category(*reassign_to);
    } else {
      if (repo.count_category_products(id) > 0)
        reject(CatalogError::conflict("catalog.error.category_has_products"));
      if (repo.count_category_children(id) > 0)
        reject(CatalogError::conflict("catalog.error.category_has_children"));
    }
    repo.delete_category(id);
    writes::record_category(repo, author, "category.deleted", id, &doomed_category, nullptr,
                            std::move(extra));
  });
}

}  // namespace comptoir::catalog
