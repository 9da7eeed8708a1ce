#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "catalog/catalog_repository.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog {
namespace {

namespace json = boost::json;

constexpr db::Query kLockProduct{"catalog_lock_product",
                                 "SELECT version FROM products WHERE id = $1 FOR UPDATE"};
constexpr db::Query kTouchProduct{
    "catalog_touch_product",
    "UPDATE products SET version = version + 1, updated_at = now() WHERE id = $1 "
    "RETURNING version"};
constexpr db::Query kInsertProduct{
    "catalog_insert_product",
    "INSERT INTO products (status, fulfillment_type, brand, tax_class, weight_grams, "
    "primary_category_id, featured, popularity, options) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) RETURNING id"};
constexpr db::Query kUpdateProduct{
    "catalog_update_product",
    "UPDATE products SET status = $2, fulfillment_type = $3, brand = $4, tax_class = $5, "
    "weight_grams = $6, primary_category_id = $7, featured = $8, popularity = $9, "
    "options = $10::jsonb WHERE id = $1"};
constexpr db::Query kDeleteProduct{"catalog_delete_product", "DELETE FROM products WHERE id = $1"};
constexpr db::Query kDeleteProductRedirects{
    "catalog_delete_product_redirects",
    "DELETE FROM slug_redirects WHERE entity = 'product' AND entity_id = $1"};
constexpr db::Query kRemoveProductCategories{"catalog_remove_product_categories",
                                             "DELETE FROM product_categories WHERE product_id = $1 "
                                             "AND NOT (category_id = ANY ($2::bigint[]))"};
constexpr db::Query kUpsertProductCategories{
    "catalog_upsert_product_categories",
    "INSERT INTO product_categories (product_id, category_id, position) "
    "SELECT $1, c.id, c.ord - 1 FROM unnest($2::bigint[]) WITH ORDINALITY AS c(id, ord) "
    "ON CONFLICT (product_id, category_id) DO UPDATE SET position = EXCLUDED.position"};
constexpr db::Query kUpsertProductText{
    "catalog_upsert_product_text",
    "INSERT INTO product_translations (product_id, locale, name, slug, short_description, "
    "description, meta_title, meta_description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (product_id, locale) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug, "
    "short_description = EXCLUDED.short_description, description = EXCLUDED.description, "
    "meta_title = EXCLUDED.meta_title, meta_description = EXCLUDED.meta_description"};
constexpr db::Query kProductSlugsLike{
    "catalog_product_slugs_like",
    "SELECT slug FROM product_translations WHERE locale = $1 AND product_id <> $3 "
    "AND (slug = $2 OR slug LIKE $2 || '-%')"};
constexpr db::Query kVariantBySku{"catalog_variant_by_sku",
                                  "SELECT id FROM variants WHERE upper(sku) = upper($1)"};
constexpr db::Query kProductBySku{"catalog_product_by_sku",
                                  "SELECT product_id FROM variants WHERE upper(sku) = upper($1)"};
constexpr db::Query kProductOfVariant{"catalog_product_of_variant",
                                      "SELECT product_id FROM variants WHERE id = $1"};
constexpr db::Query kVariantByGtin{
    "catalog_variant_by_gtin",
    "SELECT id FROM variants WHERE gtin <> '' AND lpad(gtin, 14, '0') = lpad($1, 14, '0')"};
constexpr db::Query kInsertVariant{
    "catalog_insert_variant",
    "INSERT INTO variants (product_id, sku, option_values, price_cents, compare_at_cents, "
    "currency, stock_on_hand, track_inventory, position, gtin) "
    "VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10) RETURNING id"};
constexpr db::Query kUpdateVariant{
    "catalog_update_variant",
    "UPDATE variants SET sku = $2, option_values = $3::jsonb, price_cents = $4, "
    "compare_at_cents = $5, currency = $6, stock_on_hand = $7, track_inventory = $8, "
    "position = $9, gtin = $10, version = version + 1, updated_at = now() WHERE id = $1"};
constexpr db::Query kDeleteVariant{"catalog_delete_variant",
                                   "DELETE FROM variants WHERE product_id = $1 AND id = $2"};
constexpr db::Query kInsertImage{
    "catalog_insert_image",
    "INSERT INTO product_images (product_id, path, width, height, alt, position) "
    "VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id"};
constexpr db::Query kUpdateImage{
    "catalog_update_image",
    "UPDATE product_images SET path = $2, width = $3, height = $4, alt = $5::jsonb, "
    "position = $6 WHERE id = $1"};
constexpr db::Query kDeleteImage{"catalog_delete_image",
                                 "DELETE FROM product_images WHERE product_id = $1 AND id = $2"};
constexpr db::Query kSetImageOrder{"catalog_set_image_order",
                                   "UPDATE product_images i SET position = o.ord - 1 "
                                   "FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, ord) "
                                   "WHERE i.product_id = $1 AND i.id = o.id"};
constexpr db::Query kProductImagePaths{"catalog_product_image_paths",
                                       "SELECT path FROM product_images WHERE product_id = $1"};
constexpr db::Query kMediaPathInUse{"catalog_media_path_in_use",
                                    "SELECT EXISTS (SELECT 1 FROM product_images WHERE path = $1) "
                                    "OR EXISTS (SELECT 1 FROM categories WHERE image_path = $1)"};

constexpr db::Query kLockCategory{"catalog_lock_category",
                                  "SELECT version FROM categories WHERE id = $1 FOR UPDATE"};
constexpr db::Query kTouchCategory{
    "catalog_touch_category",
    "UPDATE categories SET version = version + 1, updated_at = now() WHERE id = $1 "
    "RETURNING version"};
constexpr db::Query kInsertCategory{
    "catalog_insert_category",
    "INSERT INTO categories (parent_id, position, active, featured, image_path) "
    "VALUES ($1, $2, $3, $4, nullif($5, '')) RETURNING id"};
constexpr db::Query kUpdateCategory{
    "catalog_update_category",
    "UPDATE categories SET parent_id = $2, position = $3, active = $4, featured = $5, "
    "image_path = nullif($6, '') WHERE id = $1"};
constexpr db::Query kUpsertCategoryText{
    "catalog_upsert_category_text",
    "INSERT INTO category_translations (category_id, locale, name, slug, description, "
    "meta_title, meta_description) VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (category_id, locale) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug, "
    "description = EXCLUDED.description, meta_title = EXCLUDED.meta_title, "
    "meta_description = EXCLUDED.meta_description"};
constexpr db::Query kCategorySlugsLike{
    "catalog_category_slugs_like",
    "SELECT slug FROM category_translations WHERE locale = $1 AND category_id <> $3 "
    "AND (slug = $2 OR slug LIKE $2 || '-%')"};
constexpr db::Query kCountCategoryProducts{
    "catalog_count_category_products",
    "SELECT count(*) FROM products p WHERE p.primary_category_id = $1 "
    "OR EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id "
    "AND pc.category_id = $1)"};
constexpr db::Query kCountCategoryChildren{"catalog_count_category_children",
                                           "SELECT count(*) FROM categories WHERE parent_id = $1"};
// The moved products change representation (their categories), so their versions move too.
constexpr db::Query kReassignProducts{
    "catalog_reassign_products",
    "UPDATE products SET version = version + 1, updated_at = now(), "
    "primary_category_id = CASE WHEN primary_category_id = $1 THEN $2 ELSE primary_category_id END "
    "WHERE primary_category_id = $1 "
    "OR id IN (SELECT product_id FROM product_categories WHERE category_id = $1)"};
constexpr db::Query kReassignMemberships{
    "catalog_reassign_memberships",
    "INSERT INTO product_categories (product_id, category_id, position) "
    "SELECT product_id, $2, position FROM product_categories WHERE category_id = $1 "
    "ON CONFLICT (product_id, category_id) DO NOTHING"};
constexpr db::Query kRemoveMemberships{"catalog_remove_memberships",
                                       "DELETE FROM product_categories WHERE category_id = $1"};
constexpr db::Query kReassignChildren{
    "catalog_reassign_children",
    "UPDATE categories SET parent_id = $2, version = version + 1, updated_at = now() "
    "WHERE parent_id = $1"};
// Position i for the i-th id; only the rows whose position changes are written (and versioned).
constexpr db::Query kSetCategoryOrder{
    "catalog_set_category_order",
    "UPDATE categories c SET position = o.ord - 1, version = c.version + 1, updated_at = now() "
    "FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, ord) "
    "WHERE c.id = o.id AND c.position <> o.ord - 1"};
constexpr db::Query kDeleteCategory{"catalog_delete_category",
                                    "DELETE FROM categories WHERE id = $1"};
constexpr db::Query kDeleteCategoryRedirects{
    "catalog_delete_category_redirects",
    "DELETE FROM slug_redirects WHERE entity = 'category' AND entity_id = $1"};
constexpr db::Query kLockKey{"catalog_lock_key",
                             "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"};

json::object per_locale_json(const PerLocale<std::string>& values) {
  json::object out;
  for (auto locale : core::kLocales) out[core::code(locale)] = values[locale];
  return out;
}

std::string options_json(const std::vector<OptionAxis>& options) {
  json::array out;
  for (const auto& axis : options)
    out.push_back(json::object{{"code", axis.code}, {"name", per_locale_json(axis.name)}});
  return json::serialize(out);
}

std::string option_values_json(const std::map<std::string, PerLocale<std::string>>& values) {
  json::object out;
  for (const auto& [code, value] : values) out[code] = per_locale_json(value);
  return json::serialize(out);
}

std::vector<std::string> strings(const db::Result& r) {
  std::vector<std::string> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.get<std::string>(i, 0));
  return out;
}

std::optional<int> first_int(const db::Result& r) {
  if (r.empty()) return std::nullopt;
  return r.get<std::int32_t>(0, 0);
}

}  // namespace

std::optional<int> CatalogRepository::lock_product(std::int64_t id) {
  return first_int(conn_.exec(kLockProduct, id));
}

int CatalogRepository::touch_product(std::int64_t id) {
  return conn_.exec(kTouchProduct, id).one<std::int32_t>();
}

std::int64_t CatalogRepository::insert_product(const Product& p) {
  return conn_
      .exec(kInsertProduct, to_string(p.status), to_string(p.fulfillment), p.brand, p.tax_class,
            p.weight_grams, p.primary_category_id, p.featured, p.popularity,
            options_json(p.options))
      .one<std::int64_t>();
}

void CatalogRepository::update_product(const Product& p) {
  conn_.exec(kUpdateProduct, p.id, to_string(p.status), to_string(p.fulfillment), p.brand,
             p.tax_class, p.weight_grams, p.primary_category_id, p.featured, p.popularity,
             options_json(p.options));
}

void CatalogRepository::delete_product(std::int64_t id) {
  conn_.exec(kDeleteProductRedirects, id);
  conn_.exec(kDeleteProduct, id);
}

void CatalogRepository::set_product_categories(std::int64_t product_id,
                                               const std::vector<std::int64_t>& ids) {
  conn_.exec(kRemoveProductCategories, product_id, ids);
  if (!ids.empty()) conn_.exec(kUpsertProductCategories, product_id, ids);
}

void CatalogRepository::upsert_product_text(std::int64_t product_id, Locale locale,
                                            const ProductText& t) {
  conn_.exec(kUpsertProductText, product_id, core::code(locale), t.name, t.slug,
             t.short_description, t.description, t.meta_title, t.meta_description);
}

std::vector<std::string> CatalogRepository::product_slugs_like(Locale locale, std::string_view base,
                                                               std::int64_t except_product_id) {
  return strings(conn_.exec(kProductSlugsLike, core::code(locale), base, except_product_id));
}

std::optional<std::int64_t> CatalogRepository::variant_id_by_sku(std::string_view sku) {
  auto r = conn_.exec(kVariantBySku, sku);
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

std::optional<std::int64_t> CatalogRepository::product_id_by_sku(std::string_view sku) {
  auto r = conn_.exec(kProductBySku, sku);
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

std::optional<std::int64_t> CatalogRepository::product_id_of_variant(std::int64_t variant_id) {
  auto r = conn_.exec(kProductOfVariant, variant_id);
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

std::optional<std::int64_t> CatalogRepository::variant_id_by_gtin(std::string_view gtin) {
  auto r = conn_.exec(kVariantByGtin, gtin);
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

std::int64_t CatalogRepository::insert_variant(std::int64_t product_id, const Variant& v) {
  return conn_
      .exec(kInsertVariant, product_id, v.sku, option_values_json(v.option_values), v.price.cents,
            v.compare_at_cents, v.price.currency, v.stock_on_hand, v.track_inventory, v.position,
            v.gtin)
      .one<std::int64_t>();
}

void CatalogRepository::update_variant(const Variant& v) {
  conn_.exec(kUpdateVariant, v.id, v.sku, option_values_json(v.option_values), v.price.cents,
             v.compare_at_cents, v.price.currency, v.stock_on_hand, v.track_inventory, v.position,
             v.gtin);
}

bool CatalogRepository::delete_variant(std::int64_t product_id, std::int64_t variant_id) {
  return conn_.exec(kDeleteVariant, product_id, variant_id).affected_rows() > 0;
}

std::int64_t CatalogRepository::insert_image(std::int64_t product_id, const Image& image) {
  return conn_
      .exec(kInsertImage, product_id, image.path, image.width, image.height,
            json::serialize(per_locale_json(image.alt)), image.position)
      .one<std::int64_t>();
}

void CatalogRepository::update_image(const Image& image) {
  conn_.exec(kUpdateImage, image.id, image.path, image.width, image.height,
             json::serialize(per_locale_json(image.alt)), image.position);
}

bool CatalogRepository::delete_image(std::int64_t product_id, std::int64_t image_id) {
  return conn_.exec(kDeleteImage, product_id, image_id).affected_rows() > 0;
}

void CatalogRepository::set_image_order(std::int64_t product_id,
                                        const std::vector<std::int64_t>& image_ids) {
  conn_.exec(kSetImageOrder, product_id, image_ids);
}

std::vector<std::string> CatalogRepository::product_image_paths(std::int64_t product_id) {
  return strings(conn_.exec(kProductImagePaths, product_id));
}

bool CatalogRepository::media_path_in_use(std::string_view path) {
  return conn_.exec(kMediaPathInUse, path).one<bool>();
}

void CatalogRepository::lock_category_tree() {
  lock_key("catalog:category-tree");
}

std::optional<int> CatalogRepository::lock_category(std::int64_t id) {
  return first_int(conn_.exec(kLockCategory, id));
}

int CatalogRepository::touch_category(std::int64_t id) {
  return conn_.exec(kTouchCategory, id).one<std::int32_t>();
}

std::int64_t CatalogRepository::insert_category(const Category& c) {
  return conn_.exec(kInsertCategory, c.parent_id, c.position, c.active, c.featured, c.image_path)
      .one<std::int64_t>();
}

void CatalogRepository::update_category(const Category& c) {
  conn_.exec(kUpdateCategory, c.id, c.parent_id, c.position, c.active, c.featured, c.image_path);
}

void CatalogRepository::upsert_category_text(std::int64_t category_id, Locale locale,
                                             const CategoryText& t) {
  conn_.exec(kUpsertCategoryText, category_id, core::code(locale), t.name, t.slug, t.description,
             t.meta_title, t.meta_description);
}

std::vector<std::string> CatalogRepository::category_slugs_like(Locale locale,
                                                                std::string_view base,
                                                                std::int64_t except_category_id) {
  return strings(conn_.exec(kCategorySlugsLike, core::code(locale), base, except_category_id));
}

std::int64_t CatalogRepository::count_category_products(std::int64_t category_id) {
  return conn_.exec(kCountCategoryProducts, category_id).one<std::int64_t>();
}

std::int64_t CatalogRepository::count_category_children(std::int64_t category_id) {
  return conn_.exec(kCountCategoryChildren, category_id).one<std::int64_t>();
}

void CatalogRepository::reassign_category(std::int64_t from, std::int64_t to) {
  conn_.exec(kReassignProducts, from, to);
  conn_.exec(kReassignMemberships, from, to);
  conn_.exec(kRemoveMemberships, from);
  conn_.exec(kReassignChildren, from, to);
}

void CatalogRepository::set_category_order(const std::vector<std::int64_t>& ids) {
  conn_.exec(kSetCategoryOrder, ids);
}

void CatalogRepository::delete_category(std::int64_t id) {
  conn_.exec(kDeleteCategoryRedirects, id);
  conn_.exec(kDeleteCategory, id);
}

void CatalogRepository::lock_key(std::string_view key) {
  conn_.exec(kLockKey, key);
}

void CatalogRepository::audit(const accounts::AuditEntry& entry) {
  accounts::append_audit(conn_, entry);
}

}  // namespace comptoir::catalog
