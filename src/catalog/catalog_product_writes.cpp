// CatalogService: writes to products and their variants and texts (images: catalog_image_writes).
#include <fmt/format.h>

#include <algorithm>

#include "catalog/catalog_service.hpp"
#include "catalog/validation.hpp"
#include "catalog/write_support.hpp"

namespace comptoir::catalog {
namespace {

using writes::check_version;
using writes::fail_if;
using writes::kProductNotFound;
using writes::lock;
using writes::next_position;
using writes::reject;
using writes::reload;

// Category ids the tree does not know, as field errors.
void check_categories(const CategoryTree& tree, const ProductInput& input, FieldErrors& errors) {
  if (input.category_ids)
    for (std::size_t i = 0; i < input.category_ids->size(); ++i)
      if (!tree.find((*input.category_ids)[i]))
        errors.push_back(
            {fmt::format("category_ids[{}]", i), "catalog.error.unknown_category", {}});
  if (input.primary_category_id && *input.primary_category_id &&
      !tree.find(**input.primary_category_id))
    errors.push_back({"primary_category_id", "catalog.error.unknown_category", {}});
}

void check_sku_free(CatalogRepository& repo, const std::string& sku, std::int64_t own_variant_id,
                    const std::string& field) {
  auto holder = repo.variant_id_by_sku(sku);
  if (holder && *holder != own_variant_id)
    reject(CatalogError::conflict("catalog.error.sku_taken",
                                  {{field, "catalog.error.sku_taken", {}}}));
}

void check_gtin_free(CatalogRepository& repo, const std::string& gtin, std::int64_t own_variant_id,
                     const std::string& field) {
  if (gtin.empty()) return;
  auto holder = repo.variant_id_by_gtin(gtin);
  if (holder && *holder != own_variant_id)
    reject(CatalogError::conflict("catalog.error.gtin_taken",
                                  {{field, "catalog.error.gtin_taken", {}}}));
}

// Writes one locale's text, settling its slug (kept unless a new one is asked).
void write_text(CatalogRepository& repo, std::int64_t product_id, Locale locale,
                const ProductTextInput& input, const ProductText& current,
                const std::string& field_prefix) {
  auto merged = apply(input, current);
  bool slug_changes = input.slug && *input.slug != current.slug;
  if (current.slug.empty() || slug_changes)
    merged.slug = writes::settle_slug(repo, writes::SlugOwner::product, locale, product_id,
                                      input.slug.value_or(""), merged.name, field_prefix + "slug");
  repo.upsert_product_text(product_id, locale, merged);
}

}  // namespace

net::awaitable<CatalogService::Result<CatalogService::ProductPtr>> CatalogService::create_product(
    ProductInput input, std::optional<Author> author) {
  auto merged = apply(input, Product{});
  FieldErrors errors;
  check_product(input, merged, true, errors);
  check_categories(*co_await categories(), input, errors);
  if (!errors.empty()) co_return std::unexpected(CatalogError::invalid(std::move(errors)));

  auto drop = CacheDrop::product_write(0);  // names the product once it has an id
  co_return co_await writes::run<ProductPtr>(*state_, drop, [&](CatalogRepository& repo) {
    auto id = repo.insert_product(merged);
    drop.products.push_back(id);
    repo.set_product_categories(id, merged.category_ids);
    for (auto locale : core::kLocales)
      write_text(repo, id, locale, *input.text[locale], ProductText{},
                 fmt::format("text.{}.", core::code(locale)));
    for (std::size_t i = 0; i < input.variants.size(); ++i) {
      Variant base;
      base.position = static_cast<int>(i);
      auto variant = apply(input.variants[i], base);
      check_sku_free(repo, variant.sku, 0, fmt::format("variants[{}].sku", i));
      check_gtin_free(repo, variant.gtin, 0, fmt::format("variants[{}].gtin", i));
      repo.insert_variant(id, variant);
    }
    for (std::size_t i = 0; i < input.images.size(); ++i) {
      Image base;
      base.position = static_cast<int>(i);
      repo.insert_image(id, apply(input.images[i], base));
    }
    auto created = reload(repo, id);
    writes::record(repo, author, "product.created", id, nullptr, created.get());
    return created;
  });
}

net::awaitable<CatalogService::Result<CatalogService::ProductPtr>> CatalogService::update_product(
    std::int64_t id, ProductInput patch, std::optional<int> expected_version,
    std::optional<Author> author) {
  FieldErrors precheck;
  check_categories(*co_await categories(), patch, precheck);
  if (!precheck.empty()) co_return std::unexpected(CatalogError::invalid(std::move(precheck)));

  const auto drop = CacheDrop::product_write(id);
  co_return co_await writes::run<ProductPtr>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = lock(repo, id, expected_version);
    auto merged = apply(patch, current);
    FieldErrors errors;
    check_product(patch, merged, false, errors);
    if (patch.options)  // a variant may not keep a value of an axis that goes away
      for (const auto& variant : current.variants)
        for (const auto& [code, value] : variant.option_values)
          if (std::ranges::find(merged.options, code, &OptionAxis::code) == merged.options.end()) {
            errors.push_back({"options", "catalog.error.option_in_use", code});
            break;
          }
    fail_if(std::move(errors));
    repo.update_product(merged);
    if (patch.category_ids || patch.primary_category_id)
      repo.set_product_categories(id, merged.category_ids);
    for (auto locale : core::kLocales)
      if (patch.text[locale])
        write_text(repo, id, locale, *patch.text[locale], current.text[locale],
                   fmt::format("text.{}.", core::code(locale)));
    repo.touch_product(id);
    auto updated = reload(repo, id);
    writes::record(repo, author, "product.updated", id, &current, updated.get());
    return updated;
  });
}

net::awaitable<CatalogService::Result<void>> CatalogService::delete_product(
    std::int64_t id, std::optional<int> expected_version, std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(id);
  auto deleted = co_await writes::run<std::vector<media::PendingNote>>(
      *state_, drop, [&](CatalogRepository& repo) {
        auto current = lock(repo, id, expected_version);
        auto paths = repo.product_image_paths(id);
        repo.delete_product(id);  // its pictures' rows go with it (ON DELETE CASCADE)
        writes::record(repo, author, "product.deleted", id, &current, nullptr);
        return writes::orphaned_files(repo, state_->media_dir, std::move(paths));
      });
  if (!deleted) co_return std::unexpected(std::move(deleted.error()));
  writes::remove_files(state_->media_dir, *deleted);
  co_return Result<void>{};
}

net::awaitable<CatalogService::Result<CatalogService::ProductChange>>
CatalogService::create_variant(std::int64_t product_id, VariantInput input,
                               std::optional<int> expected_version, std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  co_return co_await writes::run<ProductChange>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = lock(repo, product_id, expected_version);
    Variant base;
    base.position = next_position(current.variants);
    auto variant = apply(input, base);
    FieldErrors errors;
    check_variant(input, variant, current.options, true, "", errors);
    if (current.variants.size() >= kMaxVariants)
      errors.push_back({"", "catalog.error.too_many", std::to_string(kMaxVariants)});
    if (!current.variants.empty() &&
        current.variants.front().price.currency != variant.price.currency)
      errors.push_back(
          {"currency", "catalog.error.currency_mismatch", current.variants.front().price.currency});
    fail_if(std::move(errors));
    check_sku_free(repo, variant.sku, 0, "sku");
    check_gtin_free(repo, variant.gtin, 0, "gtin");
    auto variant_id = repo.insert_variant(product_id, variant);
    repo.touch_product(product_id);
    auto after = reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return ProductChange{after, variant_id};
  });
}

net::awaitable<CatalogService::Result<CatalogService::ProductChange>>
CatalogService::update_variant(std::int64_t product_id, std::int64_t variant_id, VariantInput patch,
                               std::optional<int> expected_version, std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  co_return co_await writes::run<ProductChange>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = lock(repo, product_id, expected_version);
    auto it = std::ranges::find(current.variants, variant_id, &Variant::id);
    if (it == current.variants.end())
      reject(CatalogError::not_found("catalog.error.variant_not_found"));
    auto variant = apply(patch, *it);
    FieldErrors errors;
    check_variant(patch, variant, current.options, false, "", errors);
    bool others = current.variants.size() > 1;
    if (patch.currency && others && variant.price.currency != it->price.currency)
      errors.push_back({"currency", "catalog.error.currency_mismatch", it->price.currency});
    fail_if(std::move(errors));
    if (patch.sku) check_sku_free(repo, variant.sku, variant_id, "sku");
    if (patch.gtin) check_gtin_free(repo, variant.gtin, variant_id, "gtin");
    repo.update_variant(variant);
    repo.touch_product(product_id);
    auto after = reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return ProductChange{after, variant_id};
  });
}

net::awaitable<CatalogService::Result<CatalogService::ProductChange>>
CatalogService::delete_variant(std::int64_t product_id, std::int64_t variant_id,
                               std::optional<int> expected_version, std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  co_return co_await writes::run<ProductChange>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = lock(repo, product_id, expected_version);
    if (std::ranges::find(current.variants, variant_id, &Variant::id) == current.variants.end())
      reject(CatalogError::not_found("catalog.error.variant_not_found"));
    if (current.variants.size() == 1) reject(CatalogError::conflict("catalog.error.last_variant"));
    repo.delete_variant(product_id, variant_id);
    repo.touch_product(product_id);
    auto after = reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return ProductChange{after, variant_id};
  });
}

net::awaitable<CatalogService::Result<CatalogService::ProductPtr>> CatalogService::put_product_text(
    std::int64_t product_id, Locale locale, ProductTextInput input,
    std::optional<int> expected_version, std::optional<Author> author) {
  const auto drop = CacheDrop::product_write(product_id);
  co_return co_await writes::run<ProductPtr>(*state_, drop, [&](CatalogRepository& repo) {
    auto current = lock(repo, product_id, expected_version);
    const auto& text = current.text[locale];
    bool creating = text.name.empty();
    FieldErrors errors;
    check_text(input, apply(input, text), creating, "", errors);
    fail_if(std::move(errors));
    write_text(repo, product_id, locale, input, text, "");
    repo.touch_product(product_id);
    auto after = reload(repo, product_id);
    writes::record(repo, author, "product.updated", product_id, &current, after.get());
    return after;
  });
}

}  // namespace comptoir::catalog
