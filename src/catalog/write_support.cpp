#include "catalog/write_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "catalog/catalog_audit.hpp"
#include "catalog/slug.hpp"
#include "media/image_pipeline.hpp"

namespace comptoir::catalog::writes {
namespace {

bool from_query(const db::DbError& error, std::initializer_list<std::string_view> names) {
  return std::ranges::find(names, error.query_name()) != names.end();
}

}  // namespace

std::shared_ptr<const Product> reload(CatalogRepository& repo, std::int64_t id) {
  auto product = repo.product(id);
  if (!product) reject(CatalogError::not_found(std::string(kProductNotFound)));
  return std::make_shared<const Product>(std::move(*product));
}

Product lock(CatalogRepository& repo, std::int64_t id, std::optional<int> expected_version) {
  check_version(repo.lock_product(id), expected_version, kProductNotFound);
  auto product = repo.product(id);
  if (!product) reject(CatalogError::not_found(std::string(kProductNotFound)));
  return std::move(*product);
}

std::vector<media::PendingNote> orphaned_files(CatalogRepository& repo,
                                               const std::filesystem::path& media_dir,
                                               std::vector<std::string> paths) {
  std::ranges::sort(paths);
  auto [tail, end] = std::ranges::unique(paths);
  paths.erase(tail, end);
  std::vector<media::PendingNote> notes;
  for (const auto& path : paths)
    if (!repo.media_path_in_use(path)) notes.push_back(media::note_pending(media_dir, path));
  return notes;
}

void remove_files(const std::filesystem::path& media_dir,
                  const std::vector<media::PendingNote>& notes) {
  for (const auto& note : notes) {
    media::remove_image_files(media_dir, note.image_path);
    media::settle(note);
  }
}

std::optional<CatalogError> client_error(const db::DbError& error) {
  const auto& state = error.sqlstate();
  if (state == "23505") {  // unique_violation
    bool variant_write = from_query(error, {"catalog_insert_variant", "catalog_update_variant"});
    if (variant_write &&
        std::string_view(error.what()).find("variants_gtin") != std::string_view::npos)
      return CatalogError::conflict("catalog.error.gtin_taken",
                                    {{"gtin", "catalog.error.gtin_taken", {}}});
    if (variant_write)
      return CatalogError::conflict("catalog.error.sku_taken",
                                    {{"sku", "catalog.error.sku_taken", {}}});
    if (from_query(error, {"catalog_upsert_product_text", "catalog_upsert_category_text"}))
      return CatalogError::conflict("catalog.error.slug_taken",
                                    {{"slug", "catalog.error.slug_taken", {}}});
  }
  if (state == "23503") {  // foreign_key_violation
    if (from_query(error, {"catalog_upsert_product_categories", "catalog_insert_product",
                           "catalog_update_product"}))
      return CatalogError::invalid({{"category_ids", "catalog.error.unknown_category", {}}});
    if (from_query(error, {"catalog_insert_category", "catalog_update_category"}))
      return CatalogError::invalid({{"parent_id", "catalog.error.unknown_category", {}}});
    if (from_query(error, {"catalog_delete_category"}))
      return CatalogError::conflict("catalog.error.category_has_products");
  }
  if (state == "22021")  // a NUL byte in a text
    return CatalogError::invalid({{"", "catalog.error.invalid_text", {}}});
  return std::nullopt;
}

std::string settle_slug(CatalogRepository& repo, SlugOwner owner, Locale locale,
                        std::int64_t entity_id, const std::string& asked, const std::string& name,
                        const std::string& field) {
  auto taken_like = [&](std::string_view base) {
    auto slugs = owner == SlugOwner::product ? repo.product_slugs_like(locale, base, entity_id)
                                             : repo.category_slugs_like(locale, base, entity_id);
    return std::set<std::string, std::less<>>(slugs.begin(), slugs.end());
  };
  if (!asked.empty()) {
    if (taken_like(asked).contains(asked))
      reject(CatalogError::conflict("catalog.error.slug_taken",
                                    {{field, "catalog.error.slug_taken", {}}}));
    return asked;
  }
  auto base = slugify(name);
  if (base.empty())
    base = owner == SlugOwner::product ? (locale == Locale::fr ? "produit" : "product")
                                       : (locale == Locale::fr ? "categorie" : "category");
  // Two writers generating from the same name wait for each other instead of colliding.
  repo.lock_key(fmt::format("slug:{}:{}:{}", owner == SlugOwner::product ? "product" : "category",
                            core::code(locale), base));
  auto taken = taken_like(base);
  for (int n = 1;; ++n) {
    auto candidate = slug_candidate(base, n);
    if (!taken.contains(candidate)) return candidate;
  }
}

void record(CatalogRepository& repo, const std::optional<Author>& author, std::string_view action,
            std::int64_t product_id, const Product* before, const Product* after) {
  if (!author) return;
  auto changes = product_changes(before, after);
  if (before && after && changes.empty()) return;
  boost::json::object details{{"changes", std::move(changes)}};
  if (after) details["version"] = after->version;
  repo.audit({.actor = author->actor,
              .action = std::string(action),
              .target_kind = "product",
              .target_id = std::to_string(product_id),
              .ip = author->ip,
              .request_id = author->request_id,
              .details = std::move(details)});
}

void record_category(CatalogRepository& repo, const std::optional<Author>& author,
                     std::string_view action, std::int64_t category_id, const Category* before,
                     const Category* after, boost::json::object extra) {
  if (!author) return;
  auto changes = category_changes(before, after);
  if (before && after && changes.empty()) return;
  boost::json::object details{{"changes", std::move(changes)}};
  if (after) details["version"] = after->version;
  for (auto& [key, value] : extra) details[key] = std::move(value);
  repo.audit({.actor = author->actor,
              .action = std::string(action),
              .target_kind = "category",
              .target_id = std::to_string(category_id),
              .ip = author->ip,
              .request_id = author->request_id,
              .details = std::move(details)});
}

}  // namespace comptoir::catalog::writes
