#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/audit_log.hpp"
#include "catalog/model.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::catalog {

// An old slug and the entity it now redirects to.
struct SlugRedirect {
  Locale locale = Locale::fr;
  std::string old_slug;
  std::int64_t entity_id = 0;
};

// A product found by slug: its id, and its current slug when an old one was asked.
struct ProductSlugMatch {
  std::int64_t product_id = 0;
  std::optional<std::string> moved_to;
};

// A slug's match with the product it names, read together.
struct ProductAtSlug {
  ProductSlugMatch match;
  Product product;
};

// The catalog's SQL: every query of the module is a named constant in the repository files, and
// rows become model structs here, never further up. Runs on the connection it is given (inside
// Database::read or ::transact); it opens no transaction itself.
class CatalogRepository {
 public:
  explicit CatalogRepository(db::Connection& connection) : conn_(connection) {}

  // Reads (catalog_repository.cpp, product_list_query.cpp)
  CategoryTree categories();
  std::vector<SlugRedirect> category_redirects();
  // How many products each category holds itself (its subcategories' not counted): category id →
  // count, categories without products left out.
  std::map<std::int64_t, std::int64_t> category_product_counts();
  // The product as its tables hold it now: for staff and for writes.
  std::optional<Product> product(std::int64_t id);
  std::optional<ProductSlugMatch> product_by_slug(Locale locale, std::string_view slug);
  // The product from its read row (product_reads, migration 0038): what the storefront and its
  // caches read, one row. The row is rebuilt when a transaction that changed what a page shows of
  // the product commits, so its stock counts are those of that change (as the caches' are), and
  // inside the writing transaction it shows the product as it was.
  std::optional<Product> product_read(std::int64_t id);
  // product_by_slug() and product_read() of its match in one statement, whatever the status.
  std::optional<ProductAtSlug> product_read_at_slug(Locale locale, std::string_view slug);
  // A category filter includes its subcategories (category_listings lists every ancestor).
  ProductList list_products(const ProductQuery& query);
  // `text` with its unknown words replaced by the closest words of published product names
  // (trigram similarity): "theire en fonte" → "théière en fonte". Empty when every word is known.
  std::vector<std::string> suggestions(Locale locale, std::string_view text, int limit);
  std::vector<ProductSummary> featured_products(Locale locale, int limit);
  std::vector<SitemapEntry> sitemap_entries();

  // Writes (catalog_write_repository.cpp). `lock_*` take the row lock the rest of the transaction
  // relies on and return the current version (nullopt: no such row).
  std::optional<int> lock_product(std::int64_t id);
  int touch_product(std::int64_t id);  // version + 1, updated_at = now(); returns the version
  std::int64_t insert_product(const Product& product);
  void update_product(const Product& product);
  void delete_product(std::int64_t id);
  void set_product_categories(std::int64_t product_id, const std::vector<std::int64_t>& ids);
  void upsert_product_text(std::int64_t product_id, Locale locale, const ProductText& text);
  // Slugs of `locale` equal to `base` or `base-N`, other than the product's own.
  std::vector<std::string> product_slugs_like(Locale locale, std::string_view base,
                                              std::int64_t except_product_id);
  std::optional<std::int64_t> variant_id_by_sku(std::string_view sku);  // case-insensitive
  // The variant with this GTIN, compared in its 14-digit form (a UPC-A finds its EAN-13).
  std::optional<std::int64_t> variant_id_by_gtin(std::string_view gtin);
  std::optional<std::int64_t> product_id_by_sku(std::string_view sku);  // its variant's product
  std::optional<std::int64_t> product_id_of_variant(std::int64_t variant_id);
  std::int64_t insert_variant(std::int64_t product_id, const Variant& variant);
  void update_variant(const Variant& variant);
  bool delete_variant(std::int64_t product_id, std::int64_t variant_id);
  std::int64_t insert_image(std::int64_t product_id, const Image& image);
  void update_image(const Image& image);
  bool delete_image(std::int64_t product_id, std::int64_t image_id);
  // Position i for the i-th id of `image_ids` (the product's own pictures only).
  void set_image_order(std::int64_t product_id, const std::vector<std::int64_t>& image_ids);
  std::vector<std::string> product_image_paths(std::int64_t product_id);
  // Whether a product picture or a category names this file under MEDIA_DIR.
  bool media_path_in_use(std::string_view path);

  void lock_category_tree();  // serializes moves, so two concurrent moves cannot build a cycle
  std::optional<int> lock_category(std::int64_t id);
  int touch_category(std::int64_t id);
  std::int64_t insert_category(const Category& category);
  void update_category(const Category& category);
  void upsert_category_text(std::int64_t category_id, Locale locale, const CategoryText& text);
  std::vector<std::string> category_slugs_like(Locale locale, std::string_view base,
                                               std::int64_t except_category_id);
  std::int64_t count_category_products(std::int64_t category_id);
  std::int64_t count_category_children(std::int64_t category_id);
  // Positions 0, 1, 2… in the order of `ids` (siblings); bumps the version of each that moves.
  void set_category_order(const std::vector<std::int64_t>& ids);
  // Moves the products (membership and primary category) and the subcategories of `from` to `to`.
  void reassign_category(std::int64_t from, std::int64_t to);
  void delete_category(std::int64_t id);

  // Appends to the audit log (owned by accounts) in this transaction.
  void audit(const accounts::AuditEntry& entry);

  // A transaction-scoped lock on an arbitrary key (e.g. a slug being generated).
  void lock_key(std::string_view key);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::catalog
