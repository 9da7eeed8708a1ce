#include "catalog/catalog_repository.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <stdexcept>

#include "catalog/repository_rows.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog {
namespace {

namespace json = boost::json;

constexpr db::Query kSelectCategories{
    "catalog_select_categories",
    "SELECT c.id, c.parent_id, c.position, c.active, c.featured, coalesce(c.image_path, ''), "
    "c.version, extract(epoch FROM c.updated_at)::bigint, "
    "(SELECT coalesce(json_agg(json_build_object('locale', t.locale, 'name', t.name, "
    "'slug', t.slug, 'description', t.description, 'meta_title', t.meta_title, "
    "'meta_description', t.meta_description)), '[]') "
    "FROM category_translations t WHERE t.category_id = c.id)::text "
    "FROM categories c ORDER BY c.parent_id NULLS FIRST, c.position, c.id"};

// Memberships only: a product's primary category is always one of its categories (validation).
// One pass over the (category_id, product_id) index.
constexpr db::Query kCategoryProductCounts{
    "catalog_category_product_counts",
    "SELECT category_id, count(*) FROM product_categories GROUP BY category_id"};
constexpr db::Query kSelectCategoryRedirects{
    "catalog_select_category_redirects",
    "SELECT locale, old_slug, entity_id FROM slug_redirects WHERE entity = 'category'"};

// One round trip per product: its texts as columns, one join per locale (built as JSON, with the
// descriptions escaped, they were a third of the statement's time over a million products), the
// other children as JSON arrays. Each query adds COMPTOIR_PRODUCT_TEXTS after `products p`.
#define COMPTOIR_PRODUCT_TEXT_COLUMNS(alias)                                                \
  alias ".name, " alias ".slug, " alias ".short_description, " alias ".description, " alias \
        ".meta_title, " alias ".meta_description, "
#define COMPTOIR_PRODUCT_COLUMNS \
  "p.id, p.status, p.fulfillment_type, p.brand, p.tax_class, p.weight_grams, "                 \
  "p.primary_category_id, p.featured, p.popularity, p.options::text, p.version, "              \
  "extract(epoch FROM p.created_at)::bigint, extract(epoch FROM p.updated_at)::bigint, "       \
  COMPTOIR_PRODUCT_TEXT_COLUMNS("fr") COMPTOIR_PRODUCT_TEXT_COLUMNS("en")                      \
  "(SELECT coalesce(json_agg(pc.category_id ORDER BY pc.position, pc.category_id), '[]') "     \
  "FROM product_categories pc WHERE pc.product_id = p.id)::text, "                             \
  "(SELECT coalesce(json_agg(json_build_object('id', v.id, 'sku', v.sku, 'gtin', v.gtin, "     \
  "'option_values', v.option_values, 'price_cents', v.price_cents, "                           \
  "'compare_at_cents', v.compare_at_cents, 'currency', v.currency, "                           \
  "'stock_on_hand', v.stock_on_hand, 'supplier_stock', v.supplier_stock, "                     \
  "'track_inventory', v.track_inventory, "                                                     \
  "'position', v.position, 'version', v.version) ORDER BY v.position, v.id), '[]') "           \
  "FROM variants v WHERE v.product_id = p.id)::text, "                                         \
  "(SELECT coalesce(json_agg(json_build_object('id', i.id, 'path', i.path, 'width', i.width, " \
  "'height', i.height, 'alt', i.alt, 'position', i.position) ORDER BY i.position, i.id), "     \
  "'[]') FROM product_images i WHERE i.product_id = p.id)::text "
#define COMPTOIR_PRODUCT_TEXTS                                                       \
  " LEFT JOIN product_translations fr ON fr.product_id = p.id AND fr.locale = 'fr' " \
  "LEFT JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en' "
static_assert(core::kLocales.size() == 2 && core::kLocales[0] == Locale::fr &&
                  core::kLocales[1] == Locale::en,
              "COMPTOIR_PRODUCT_TEXTS joins one translation per locale: fr and en, and "
              "product_reads has their columns (kSelectProductReadAtSlug is indexed by locale)");

constexpr db::Query kSelectProduct{"catalog_select_product",
                                   "SELECT " COMPTOIR_PRODUCT_COLUMNS
                                   "FROM products p" COMPTOIR_PRODUCT_TEXTS "WHERE p.id = $1"};

// The current slug first; an old one (slug history) only when no product has it today.
constexpr db::Query kSelectProductBySlug{
    "catalog_select_product_by_slug",
    "SELECT product_id, moved_to FROM ("
    "  SELECT t.product_id, NULL::text AS moved_to, 0 AS rank FROM product_translations t"
    "   WHERE t.locale = $1 AND t.slug = $2"
    "  UNION ALL"
    "  SELECT r.entity_id, cur.slug, 1 FROM slug_redirects r"
    "    JOIN product_translations cur ON cur.product_id = r.entity_id AND cur.locale = r.locale"
    "   WHERE r.entity = 'product' AND r.locale = $1 AND r.old_slug = $2"
    ") found ORDER BY rank LIMIT 1"};

// What the storefront reads of a product (#16, the cold product page): its read row (migration
// 0038: COMPTOIR_PRODUCT_COLUMNS kept by the catalog's triggers, rebuilt when the caches are told
// to drop the product), found by id or by a locale's current slug.
#define COMPTOIR_PRODUCT_READ_COLUMNS                                                        \
  "r.product_id, r.status, r.fulfillment_type, r.brand, r.tax_class, r.weight_grams, "       \
  "r.primary_category_id, r.featured, r.popularity, r.options, r.version, r.created_epoch, " \
  "r.updated_epoch, r.fr_name, r.fr_slug, r.fr_short_description, r.fr_description, "        \
  "r.fr_meta_title, r.fr_meta_description, r.en_name, r.en_slug, r.en_short_description, "   \
  "r.en_description, r.en_meta_title, r.en_meta_description, r.category_ids, r.variants, "   \
  "r.images "

constexpr db::Query kSelectProductRead{"catalog_select_product_read",
                                       "SELECT " COMPTOIR_PRODUCT_READ_COLUMNS
                                       "FROM product_reads r WHERE r.product_id = $1"};

// The current slug first; an old one (slug history) only when no product has it today. The
// first branch that answers ends the statement (LIMIT over UNION ALL), so a current slug costs
// one index probe. One statement per locale: each has its slug column.
#define COMPTOIR_PRODUCT_READ_AT_SLUG(locale)                                        \
  "SELECT r.product_id, NULL::text, " COMPTOIR_PRODUCT_READ_COLUMNS                  \
  "FROM product_reads r WHERE r." locale                                             \
  "_slug = $1 "                                                                      \
  "UNION ALL (SELECT s.entity_id, r." locale "_slug, " COMPTOIR_PRODUCT_READ_COLUMNS \
  "FROM slug_redirects s JOIN product_reads r ON r.product_id = s.entity_id "        \
  "WHERE s.entity = 'product' AND s.locale = '" locale                               \
  "' AND s.old_slug = $1 "                                                           \
  "AND r." locale                                                                    \
  "_slug IS NOT NULL "                                                               \
  "AND NOT EXISTS (SELECT FROM product_reads c WHERE c." locale "_slug = $1) LIMIT 1) LIMIT 1"

constexpr PerLocale<db::Query> kSelectProductReadAtSlug{
    {{db::Query{"catalog_select_product_read_at_slug_fr", COMPTOIR_PRODUCT_READ_AT_SLUG("fr")},
      db::Query{"catalog_select_product_read_at_slug_en", COMPTOIR_PRODUCT_READ_AT_SLUG("en")}}}};

// Each word typed, whether published product names use it, and the closest words they use
// (pg_trgm similarity ≥ 0.3 on unaccented lower case: "theire" → « théière »), best first.
constexpr db::Query kSelectWordCorrections{
    "catalog_select_word_corrections",
    "WITH typed AS ("
    "  SELECT w.word, comptoir_unaccent(w.word) AS plain, w.ord"
    "    FROM regexp_split_to_table(lower($2), '[^[:alnum:]]+') WITH ORDINALITY AS w(word, ord)"
    "   WHERE w.word <> '') "
    "SELECT t.ord, t.word, EXISTS (SELECT 1 FROM search_words s WHERE s.locale = $1"
    "                              AND s.word = t.plain) AS known, c.display "
    "  FROM typed t LEFT JOIN LATERAL ("
    "    SELECT s.display, row_number() OVER () AS n FROM ("
    "      SELECT s.display FROM search_words s"
    "       WHERE s.locale = $1 AND length(t.plain) >= 3 AND s.word % t.plain"
    "       ORDER BY similarity(s.word, t.plain) DESC, s.products DESC, s.word LIMIT $3) s"
    "  ) c ON NOT EXISTS (SELECT 1 FROM search_words k WHERE k.locale = $1 AND k.word = t.plain)"
    " ORDER BY t.ord, c.n"};

constexpr db::Query kSelectFeatured{
    "catalog_select_featured",
    "SELECT " COMPTOIR_CATALOG_SUMMARY_COLUMNS
    " FROM products p JOIN product_translations t ON t.product_id = p.id AND t.locale = $1 "
    "WHERE p.featured AND p.status = 'active' ORDER BY p.popularity DESC, p.id LIMIT $2"};

constexpr db::Query kSelectSitemapEntries{
    "catalog_select_sitemap_entries",
    "SELECT 'category', fr.slug, en.slug, extract(epoch FROM c.updated_at)::bigint "
    "  FROM categories c"
    "  JOIN category_translations fr ON fr.category_id = c.id AND fr.locale = 'fr'"
    "  JOIN category_translations en ON en.category_id = c.id AND en.locale = 'en'"
    " WHERE c.active "
    "UNION ALL "
    "SELECT 'product', fr.slug, en.slug, extract(epoch FROM p.updated_at)::bigint "
    "  FROM products p"
    "  JOIN product_translations fr ON fr.product_id = p.id AND fr.locale = 'fr'"
    "  JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en'"
    " WHERE p.status = 'active'"};

const json::object& object_of(const json::value& value) {
  if (!value.is_object()) throw std::runtime_error("catalog row: JSON object expected");
  return value.get_object();
}

std::string string_of(const json::object& object, std::string_view key) {
  auto* found = object.if_contains(key);
  return found && found->is_string() ? std::string(found->get_string()) : std::string{};
}

std::int64_t int_of(const json::object& object, std::string_view key) {
  auto* found = object.if_contains(key);
  return found && found->is_int64() ? found->get_int64() : 0;
}

int small_int_of(const json::object& object, std::string_view key) {
  return static_cast<int>(int_of(object, key));
}

std::optional<Locale> locale_of(const json::object& object) {
  return core::locale_from_code(string_of(object, "locale"));
}

Variant variant_of(const json::object& object) {
  Variant variant;
  variant.id = int_of(object, "id");
  variant.sku = string_of(object, "sku");
  variant.gtin = string_of(object, "gtin");
  if (auto* values = object.if_contains("option_values"); values && values->is_object())
    for (const auto& [code, value] : values->get_object())
      variant.option_values[std::string(code)] = rows::per_locale(value);
  variant.price = {int_of(object, "price_cents"), string_of(object, "currency")};
  if (auto* compare = object.if_contains("compare_at_cents"); compare && compare->is_int64())
    variant.compare_at_cents = compare->get_int64();
  variant.stock_on_hand = small_int_of(object, "stock_on_hand");
  variant.supplier_stock = small_int_of(object, "supplier_stock");
  auto* track = object.if_contains("track_inventory");
  variant.track_inventory = track && track->is_bool() ? track->get_bool() : true;
  variant.position = small_int_of(object, "position");
  variant.version = small_int_of(object, "version");
  return variant;
}

// The product's columns (COMPTOIR_PRODUCT_COLUMNS or a read row's) from `first` on, first row.
Product product_of(const db::Result& r, int first = 0) {
  auto at = [first](int column) { return static_cast<std::size_t>(first + column); };
  Product product;
  product.id = r.get<std::int64_t>(0, at(0));
  product.status =
      parse_product_status(r.get<std::string_view>(0, at(1))).value_or(ProductStatus::draft);
  product.fulfillment = parse_fulfillment_type(r.get<std::string_view>(0, at(2)))
                            .value_or(FulfillmentType::local_stock);
  product.brand = r.get<std::string>(0, at(3));
  product.tax_class = r.get<std::string>(0, at(4));
  product.weight_grams = r.get<std::int32_t>(0, at(5));
  product.primary_category_id = r.get<std::optional<std::int64_t>>(0, at(6));
  product.featured = r.get<bool>(0, at(7));
  product.popularity = r.get<std::int32_t>(0, at(8));
  for (const auto& axis : rows::parse_array(r.get<std::string_view>(0, at(9)), "options")) {
    const auto& object = object_of(axis);
    OptionAxis option{string_of(object, "code"), {}};
    if (auto* name = object.if_contains("name")) option.name = rows::per_locale(*name);
    product.options.push_back(std::move(option));
  }
  product.version = r.get<std::int32_t>(0, at(10));
  product.created_at = rows::timestamp(r.get<std::int64_t>(0, at(11)));
  product.updated_at = rows::timestamp(r.get<std::int64_t>(0, at(12)));
  // Six columns per locale, in kLocales' order; NULL when the product has no text in it.
  constexpr int kTextColumns = 6;
  for (std::size_t i = 0; i < core::kLocales.size(); ++i) {
    const int c = 13 + static_cast<int>(i) * kTextColumns;
    if (r.is_null(0, at(c))) continue;
    product.text[core::kLocales[i]] = {
        r.get<std::string>(0, at(c)),     r.get<std::string>(0, at(c + 1)),
        r.get<std::string>(0, at(c + 2)), r.get<std::string>(0, at(c + 3)),
        r.get<std::string>(0, at(c + 4)), r.get<std::string>(0, at(c + 5))};
  }
  constexpr int kChildren = 13 + 2 * kTextColumns;  // categories, variants, images
  for (const auto& id : rows::parse_array(r.get<std::string_view>(0, at(kChildren)), "categories"))
    if (id.is_int64()) product.category_ids.push_back(id.get_int64());
  for (const auto& item :
       rows::parse_array(r.get<std::string_view>(0, at(kChildren + 1)), "variants"))
    product.variants.push_back(variant_of(object_of(item)));
  for (const auto& item :
       rows::parse_array(r.get<std::string_view>(0, at(kChildren + 2)), "images"))
    product.images.push_back(rows::image(object_of(item)));
  return product;
}

}  // namespace

namespace rows {

Timestamp timestamp(std::int64_t epoch_seconds) {
  return Timestamp{std::chrono::seconds{epoch_seconds}};
}

json::value parse_json(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec)
    throw std::runtime_error(std::string("catalog row: malformed JSON in ") + std::string(what));
  return value;
}

json::array parse_array(std::string_view text, std::string_view what) {
  auto value = parse_json(text, what);
  if (!value.is_array())
    throw std::runtime_error(std::string("catalog row: JSON array expected in ") +
                             std::string(what));
  return std::move(value.get_array());
}

PerLocale<std::string> per_locale(const json::value& value) {
  PerLocale<std::string> out;
  if (!value.is_object()) return out;
  for (auto locale : core::kLocales)
    out[locale] = string_of(value.get_object(), core::code(locale));
  return out;
}

Image image(const json::object& object) {
  Image image;
  image.id = int_of(object, "id");
  image.path = string_of(object, "path");
  image.width = small_int_of(object, "width");
  image.height = small_int_of(object, "height");
  if (auto* alt = object.if_contains("alt")) image.alt = per_locale(*alt);
  image.position = small_int_of(object, "position");
  return image;
}

ProductSummary summary(const db::Result& r, std::size_t row, std::size_t c) {
  ProductSummary item;
  item.id = r.get<std::int64_t>(row, c);
  item.name = r.get<std::string>(row, c + 1);
  item.slug = r.get<std::string>(row, c + 2);
  item.short_description = r.get<std::string>(row, c + 3);
  item.price = {r.get<std::int64_t>(row, c + 4), r.get<std::string>(row, c + 5)};
  item.compare_at_cents = r.get<std::optional<std::int64_t>>(row, c + 6);
  item.in_stock = r.get<bool>(row, c + 7);
  if (auto image_json = r.get<std::optional<std::string_view>>(row, c + 8))
    item.image = image(object_of(parse_json(*image_json, "image")));
  item.updated_at = timestamp(r.get<std::int64_t>(row, c + 9));
  item.status = parse_product_status(r.get<std::string_view>(row, c + 10)).value_or(item.status);
  return item;
}

}  // namespace rows

CategoryTree CatalogRepository::categories() {
  auto r = conn_.exec(kSelectCategories);
  CategoryTree tree;
  tree.categories.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    Category category;
    category.id = r.get<std::int64_t>(i, 0);
    category.parent_id = r.get<std::optional<std::int64_t>>(i, 1);
    category.position = r.get<std::int32_t>(i, 2);
    category.active = r.get<bool>(i, 3);
    category.featured = r.get<bool>(i, 4);
    category.image_path = r.get<std::string>(i, 5);
    category.version = r.get<std::int32_t>(i, 6);
    category.updated_at = rows::timestamp(r.get<std::int64_t>(i, 7));
    for (const auto& item : rows::parse_array(r.get<std::string_view>(i, 8), "texts")) {
      const auto& object = object_of(item);
      auto locale = locale_of(object);
      if (!locale) continue;
      category.text[*locale] = {string_of(object, "name"), string_of(object, "slug"),
                                string_of(object, "description"), string_of(object, "meta_title"),
                                string_of(object, "meta_description")};
    }
    tree.categories.push_back(std::move(category));
  }
  return tree;
}

std::vector<SlugRedirect> CatalogRepository::category_redirects() {
  auto r = conn_.exec(kSelectCategoryRedirects);
  std::vector<SlugRedirect> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    auto locale = core::locale_from_code(r.get<std::string_view>(i, 0));
    if (!locale) continue;
    out.push_back({*locale, r.get<std::string>(i, 1), r.get<std::int64_t>(i, 2)});
  }
  return out;
}

std::map<std::int64_t, std::int64_t> CatalogRepository::category_product_counts() {
  auto r = conn_.exec(kCategoryProductCounts);
  std::map<std::int64_t, std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i)
    out.emplace(r.get<std::int64_t>(i, 0), r.get<std::int64_t>(i, 1));
  return out;
}

std::optional<Product> CatalogRepository::product(std::int64_t id) {
  auto r = conn_.exec(kSelectProduct, id);
  if (r.empty()) return std::nullopt;
  return product_of(r);
}

std::optional<Product> CatalogRepository::product_read(std::int64_t id) {
  auto r = conn_.exec(kSelectProductRead, id);
  if (r.empty()) return std::nullopt;
  return product_of(r);
}

std::optional<ProductAtSlug> CatalogRepository::product_read_at_slug(Locale locale,
                                                                     std::string_view slug) {
  auto r = conn_.exec(kSelectProductReadAtSlug[locale], slug);
  if (r.empty()) return std::nullopt;
  return ProductAtSlug{
      .match = {r.get<std::int64_t>(0, 0), r.get<std::optional<std::string>>(0, 1)},
      .product = product_of(r, 2)};
}

std::optional<ProductSlugMatch> CatalogRepository::product_by_slug(Locale locale,
                                                                   std::string_view slug) {
  auto r = conn_.exec(kSelectProductBySlug, core::code(locale), slug);
  if (r.empty()) return std::nullopt;
  return ProductSlugMatch{r.get<std::int64_t>(0, 0), r.get<std::optional<std::string>>(0, 1)};
}

std::vector<std::string> CatalogRepository::suggestions(Locale locale, std::string_view text,
                                                        int limit) {
  auto r = conn_.exec(kSelectWordCorrections, core::code(locale), text, limit);
  // Per typed word, in order: the word itself when known or without a close one, else the
  // closest words.
  struct Word {
    std::string typed;
    std::vector<std::string> closest;
  };
  std::vector<Word> words;
  std::int64_t last_ord = -1;
  for (std::size_t i = 0; i < r.size(); ++i) {
    auto ord = r.get<std::int64_t>(i, 0);
    if (ord != last_ord) words.push_back({r.get<std::string>(i, 1), {}});
    last_ord = ord;
    if (auto closest = r.get<std::optional<std::string>>(i, 3))
      words.back().closest.push_back(*closest);
  }
  // One suggestion with every unknown word at its closest; then, for a single unknown word,
  // its other close words too.
  auto phrase = [&](std::size_t alternative) {
    std::string out;
    for (const auto& word : words) {
      if (!out.empty()) out += ' ';
      const auto& closest = word.closest;
      out += closest.empty() ? word.typed : closest[std::min(alternative, closest.size() - 1)];
    }
    return out;
  };
  auto corrected = std::ranges::count_if(words, [](const Word& w) { return !w.closest.empty(); });
  std::vector<std::string> out;
  if (corrected == 0) return out;
  std::size_t alternatives = 1;
  if (corrected == 1)
    for (const auto& word : words) alternatives = std::max(alternatives, word.closest.size());
  for (std::size_t n = 0; n < alternatives && out.size() < static_cast<std::size_t>(limit); ++n) {
    auto candidate = phrase(n);
    if (std::ranges::find(out, candidate) == out.end()) out.push_back(std::move(candidate));
  }
  return out;
}

std::vector<ProductSummary> CatalogRepository::featured_products(Locale locale, int limit) {
  auto r = conn_.exec(kSelectFeatured, core::code(locale), limit);
  std::vector<ProductSummary> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(rows::summary(r, i));
  return out;
}

std::vector<SitemapEntry> CatalogRepository::sitemap_entries() {
  auto r = conn_.exec(kSelectSitemapEntries);
  std::vector<SitemapEntry> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    SitemapEntry entry{r.get<std::string_view>(i, 0) == "category" ? SitemapEntry::Kind::category
                                                                   : SitemapEntry::Kind::product,
                       {},
                       rows::timestamp(r.get<std::int64_t>(i, 3))};
    entry.slug[Locale::fr] = r.get<std::string>(i, 1);
    entry.slug[Locale::en] = r.get<std::string>(i, 2);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace comptoir::catalog
