#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/author.hpp"
#include "catalog/cache_drop.hpp"
#include "catalog/catalog_error.hpp"
#include "catalog/catalog_input.hpp"
#include "catalog/model.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::catalog {

namespace net = boost::asio;

// The catalog's rules and its in-process cache. Reads are served from the cache, from which every
// process drops what PostgreSQL's `catalog_changed` notifications name (a product and the
// listings showing it: cache_drop.hpp), so a write anywhere shows everywhere within a second.
// Writes validate, run in one transaction, and bump the entity's version.
//
// READ INTERFACE (shared contract of the storefront, SEO and API work; keep it stable):
class CatalogService {
 public:
  // `media_dir` (MEDIA_DIR) holds the product pictures: uploads are stored there, and the files
  // of a picture no row names any more (deleted, replaced) are removed from it.
  CatalogService(db::Database& db, std::filesystem::path media_dir);
  ~CatalogService();
  CatalogService(const CatalogService&) = delete;
  CatalogService& operator=(const CatalogService&) = delete;

  // Starts the LISTEN connection (conninfo of the primary) on its own thread; stops in the
  // destructor.
  void start_listening(std::string conninfo);

  net::awaitable<std::shared_ptr<const CategoryTree>> categories();

  // Active products only unless include_unpublished (staff, API with catalog:write).
  net::awaitable<std::shared_ptr<const Product>> product(std::int64_t id,
                                                         bool include_unpublished = false);
  // Any status, read on the primary and never cached: the back office's editor, which must show
  // what was just saved (and its version) even behind a replica that has not replayed it yet.
  net::awaitable<std::shared_ptr<const Product>> product_for_staff(std::int64_t id);
  net::awaitable<SlugLookup<std::shared_ptr<const Product>>> product_by_slug(
      Locale locale, std::string_view slug, bool include_unpublished = false);
  // Active categories only.
  net::awaitable<SlugLookup<Category>> category_by_slug(Locale locale, std::string_view slug);

  // An uncached query (query.cached false: the back office's lists) reads on the primary.
  net::awaitable<ProductList> list_products(const ProductQuery& query);
  net::awaitable<std::vector<ProductSummary>> featured_products(Locale locale, int limit);
  net::awaitable<std::vector<SitemapEntry>> sitemap_entries();

  // WRITE INTERFACE. Every write runs in one transaction, checks `expected_version` (the If-Match
  // of the API; nullopt: no check) against the product or category it changes, bumps that
  // version, and drops this process's cache at once (other processes on the notification).
  // A product write given an `author` appends its audit entry in that transaction
  // (product.created, product.updated, product.deleted, with what changed: catalog_audit.hpp).
  // Sub-resources (variants, images, translations) are versioned by their product or category.
  template <class T>
  using Result = std::expected<T, CatalogError>;
  using ProductPtr = std::shared_ptr<const Product>;

  // The product after the write and, for a created or changed variant or image, its id.
  struct ProductChange {
    ProductPtr product;
    std::int64_t subject_id = 0;
  };

  net::awaitable<Result<ProductPtr>> create_product(ProductInput input,
                                                    std::optional<Author> author = std::nullopt);
  // Product fields, categories, options and (when given) translations.
  net::awaitable<Result<ProductPtr>> update_product(std::int64_t id, ProductInput patch,
                                                    std::optional<int> expected_version,
                                                    std::optional<Author> author = std::nullopt);
  net::awaitable<Result<void>> delete_product(std::int64_t id, std::optional<int> expected_version,
                                              std::optional<Author> author = std::nullopt);

  net::awaitable<Result<ProductChange>> create_variant(std::int64_t product_id, VariantInput input,
                                                       std::optional<int> expected_version,
                                                       std::optional<Author> author = std::nullopt);
  net::awaitable<Result<ProductChange>> update_variant(std::int64_t product_id,
                                                       std::int64_t variant_id, VariantInput patch,
                                                       std::optional<int> expected_version,
                                                       std::optional<Author> author = std::nullopt);
  // A product keeps at least one variant: deleting the last one is a conflict.
  net::awaitable<Result<ProductChange>> delete_variant(std::int64_t product_id,
                                                       std::int64_t variant_id,
                                                       std::optional<int> expected_version,
                                                       std::optional<Author> author = std::nullopt);

  // Creates or updates one locale's text; a changed slug leaves a 301 from the old one.
  net::awaitable<Result<ProductPtr>> put_product_text(std::int64_t product_id, Locale locale,
                                                      ProductTextInput input,
                                                      std::optional<int> expected_version,
                                                      std::optional<Author> author = std::nullopt);

  // A picture whose files are already under MEDIA_DIR (`path`, its size and alt texts).
  net::awaitable<Result<ProductChange>> create_image(std::int64_t product_id, ImageInput input,
                                                     std::optional<int> expected_version,
                                                     std::optional<Author> author = std::nullopt);
  // An uploaded picture, at the end of the product's pictures (the API's multipart upload and the
  // back office call this). The bytes go through media::store_image off the I/O threads, one
  // picture at a time per process: type sniffed from the bytes, polyglots, decompression bombs,
  // truncated and damaged files refused (422 with its own code: catalog.error.image_<code>, field
  // `file`); EXIF/GPS dropped, re-encoded as JPEG plus WebP variants under a random name
  // (products/{id}/{32 hex}.jpg). A refused picture, a failed write (If-Match included, checked
  // once the picture is stored) or a crash leaves no file behind (media/pending_files.hpp).
  net::awaitable<Result<ProductChange>> add_uploaded_image(
      std::int64_t product_id, ImageUpload upload, std::optional<int> expected_version,
      std::optional<Author> author = std::nullopt);
  // Moves (`position`) or relabels a picture; a new `path` removes the old one's files once no
  // row names them.
  net::awaitable<Result<ProductChange>> update_image(std::int64_t product_id, std::int64_t image_id,
                                                     ImageInput patch,
                                                     std::optional<int> expected_version,
                                                     std::optional<Author> author = std::nullopt);
  // Puts the product's pictures in the order of `image_ids`, which names each of them exactly
  // once (the back office's drag and drop), in one write; else 422 on `image_ids`.
  net::awaitable<Result<ProductPtr>> reorder_images(std::int64_t product_id,
                                                    std::vector<std::int64_t> image_ids,
                                                    std::optional<int> expected_version,
                                                    std::optional<Author> author = std::nullopt);
  // Removes the row, then the picture's files under MEDIA_DIR unless another row (a product's
  // picture, a category's image) still names them. delete_product does the same for all of them.
  net::awaitable<Result<ProductChange>> delete_image(std::int64_t product_id, std::int64_t image_id,
                                                     std::optional<int> expected_version,
                                                     std::optional<Author> author = std::nullopt);

  // Category writes given an `author` append their entry in the same transaction, as product
  // writes do: category.created, category.updated (texts, status), category.moved (a new
  // parent), category.reordered, category.deleted, with the fields before and after. A new
  // category, or one moved under another parent, without a `position` goes after its siblings.
  net::awaitable<Result<Category>> create_category(CategoryInput input,
                                                   std::optional<Author> author = std::nullopt);
  net::awaitable<Result<Category>> update_category(std::int64_t id, CategoryInput patch,
                                                   std::optional<int> expected_version,
                                                   std::optional<Author> author = std::nullopt);
  net::awaitable<Result<Category>> put_category_text(std::int64_t id, Locale locale,
                                                     CategoryTextInput input,
                                                     std::optional<int> expected_version,
                                                     std::optional<Author> author = std::nullopt);
  // Moves the category `offset` places among its siblings (negative: towards the first; it stops
  // at either end) and numbers the siblings' positions 0, 1, 2…; a sibling whose position changes
  // gets a new version. Moving past an end writes nothing.
  net::awaitable<Result<Category>> reorder_category(std::int64_t id, int offset,
                                                    std::optional<int> expected_version,
                                                    std::optional<Author> author = std::nullopt);
  // A category with products or subcategories is a conflict unless `reassign_to` names another
  // category (not one of its descendants) to receive them: its products (memberships and main
  // category) and its subcategories go there, so no product is left without its category.
  net::awaitable<Result<void>> delete_category(std::int64_t id,
                                               std::optional<std::int64_t> reassign_to,
                                               std::optional<int> expected_version,
                                               std::optional<Author> author = std::nullopt);
  // How many products each category holds itself (not its subcategories'), for staff; read from
  // the database, not cached.
  net::awaitable<std::map<std::int64_t, std::int64_t>> category_product_counts();

  // Any category (active or not) and any product (any status), straight from the cache or the
  // database: for staff and the API.
  net::awaitable<std::optional<Category>> category(std::int64_t id);

  // True while the LISTEN connection is up; the cache serves reads only then.
  bool listening() const noexcept;
  // The epoch of the cache, 0 while caching is off: it moves when everything is dropped (a change
  // of the category tree, an import, a notification without a payload, a reconnection), not with
  // a change the cache drops narrowly (a product's: cache_drop.hpp). Those, observers hear.
  std::uint64_t cache_generation() const noexcept;
  // Drops every cached entry.
  void invalidate();
  // `observer(drop)` runs after each drop (on the listener's thread for a notification, or on the
  // writer's), the catalog's entries already gone: the page cache drops its pages by tag there.
  // Add observers before start_listening.
  void on_drop(std::function<void(const CacheDrop&)> observer);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace comptoir::catalog
