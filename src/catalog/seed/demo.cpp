#include "catalog/seed/demo.hpp"

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <vips/vips8>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "db/connection.hpp"
#include "media/image_pipeline.hpp"
#include "media/media_paths.hpp"

namespace comptoir::catalog::seed {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// Serialises concurrent seeds (two `seed --demo` at once would race on the same slugs).
constexpr db::Query kLockSeed{"seed_lock",
                              "SELECT pg_advisory_xact_lock(hashtext('comptoir:seed'))"};

// A table filled in one go has no statistics until autovacuum's next pass (up to a minute): the
// planner then takes `status = 'active'` for one product and walks every active product for each
// variant an order looks up (0.47 ms instead of 0.05 in bench/checkout, right after seeding).
constexpr std::string_view kAnalyze =
    "ANALYZE categories, category_translations, products, product_translations, "
    "product_categories, category_listings, variants, product_images, product_reads";

constexpr db::Query kFindCategory{
    "seed_find_category",
    "SELECT category_id FROM category_translations "
    "WHERE (locale = 'fr' AND slug = $1) OR (locale = 'en' AND slug = $2) "
    "ORDER BY category_id LIMIT 1"};
constexpr db::Query kInsertCategory{
    "seed_insert_category",
    "INSERT INTO categories (parent_id, position, active, featured) VALUES ($1, $2, true, $3) "
    "RETURNING id"};
constexpr db::Query kInsertCategoryText{
    "seed_insert_category_text",
    "INSERT INTO category_translations "
    "(category_id, locale, name, slug, description, meta_title, meta_description) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};

constexpr db::Query kFindProduct{
    "seed_find_product",
    "SELECT product_id FROM product_translations "
    "WHERE (locale = 'fr' AND slug = $1) OR (locale = 'en' AND slug = $2) "
    "ORDER BY product_id LIMIT 1"};
// Demo products get staggered creation dates so "newest first" has something to sort.
constexpr db::Query kInsertProduct{
    "seed_insert_product",
    "INSERT INTO products (status, fulfillment_type, brand, weight_grams, primary_category_id, "
    "featured, popularity, options, created_at, updated_at) "
    "VALUES ($1, 'LOCAL_STOCK', $2, $3, $4, $5, $6, $7::jsonb, "
    "now() - make_interval(days => $8::int), now() - make_interval(days => $8::int)) "
    "RETURNING id"};
constexpr db::Query kInsertProductText{
    "seed_insert_product_text",
    "INSERT INTO product_translations (product_id, locale, name, slug, short_description, "
    "description, meta_title, meta_description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr db::Query kInsertProductCategory{
    "seed_insert_product_category",
    "INSERT INTO product_categories (product_id, category_id, position) VALUES ($1, $2, $3)"};
constexpr db::Query kInsertVariant{
    "seed_insert_variant",
    "INSERT INTO variants (product_id, sku, option_values, price_cents, compare_at_cents, "
    "currency, stock_on_hand, track_inventory, position) "
    "VALUES ($1, $2, $3::jsonb, $4, $5, 'CAD', $6, true, $7)"};
constexpr db::Query kInsertImage{
    "seed_insert_image",
    "INSERT INTO product_images (product_id, position, path, width, height, alt) "
    "VALUES ($1, $2, $3, $4, $5, $6::jsonb)"};
constexpr db::Query kSelectImages{
    "seed_select_images",
    "SELECT path, position FROM product_images WHERE product_id = $1 ORDER BY position"};

json::object locale_object(const PerLocale<std::string>& values) {
  json::object out;
  for (auto locale : core::kLocales) out[core::code(locale)] = values[locale];
  return out;
}

std::string options_json(const DemoProduct& product) {
  json::array out;
  for (const auto& option : product.options)
    out.push_back(json::object{{"code", option.code}, {"name", locale_object(option.name)}});
  return json::serialize(out);
}

std::string option_values_json(const DemoVariant& variant) {
  json::object out;
  for (const auto& [code, value] : variant.values) out[code] = locale_object(value);
  return json::serialize(out);
}

// Draws picture `index` of `product` and stores it (original + WebP variants) at `path`.
media::StoredImage draw_picture(const fs::path& media_dir, const DemoCatalog& catalog,
                                const DemoProduct& product, std::size_t product_index,
                                std::size_t index, const std::string& path) {
  const auto& image = product.images[index];
  const auto* category = catalog.category(product.category);
  auto variation = static_cast<int>(product_index * 3 + index);
  auto picture = demo_image(category->palette, image.shape, variation, image.width, image.height);
  return media::store_image(media_dir, picture, path);
}

std::string picture_path(std::int64_t product_id, std::size_t index) {
  return fmt::format("products/{}/{}.jpg", product_id, index + 1);
}

void remove_picture(const fs::path& media_dir, const media::StoredImage& stored) noexcept {
  std::error_code ignored;
  fs::remove(media_dir / stored.path, ignored);
  for (int width : stored.variant_widths)
    fs::remove(media_dir / media::variant_path(stored.path, width), ignored);
}

// A picture to draw: picture `image` of product `product` (indexes into the demo catalog), stored
// at `path`; `record` when its product_images row is still to be inserted.
struct PictureJob {
  std::size_t product = 0;
  std::size_t image = 0;
  std::int64_t product_id = 0;
  std::string path;
  bool record = false;
};

// Draws the pictures on every core (the encoders are single-threaded per picture). Returns them
// in job order; on failure, removes what was written and rethrows, so a rolled-back product
// leaves no pictures behind.
std::vector<media::StoredImage> draw_pictures(const fs::path& media_dir, const DemoCatalog& catalog,
                                              const std::vector<PictureJob>& jobs,
                                              const Progress& progress) {
  std::vector<std::optional<media::StoredImage>> drawn(jobs.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr failure;
  std::size_t done = 0;
  auto work = [&] {
    for (auto i = next++; i < jobs.size() && !failed; i = next++) {
      try {
        const auto& job = jobs[i];
        drawn[i] = draw_picture(media_dir, catalog, catalog.products[job.product], job.product,
                                job.image, job.path);
        std::lock_guard lock(mutex);
        if (progress)
          progress(static_cast<std::int64_t>(++done), static_cast<std::int64_t>(jobs.size()));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
      }
    }
  };
  {
    auto workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
    work();
  }
  if (failure) {
    for (const auto& stored : drawn)
      if (stored) remove_picture(media_dir, *stored);
    std::rethrow_exception(failure);
  }
  std::vector<media::StoredImage> out;
  for (auto& stored : drawn) out.push_back(std::move(*stored));
  return out;
}

// Inserts the product with its texts, categories and variants; its pictures come later.
std::int64_t insert_product(db::Connection& conn,
                            const std::map<std::string, std::int64_t>& category_ids,
                            const DemoProduct& product, std::size_t index, DemoReport& report) {
  auto days_ago = static_cast<int>((index * 37) % 240);
  auto id = conn.exec(kInsertProduct, product.status, product.brand, product.weight_grams,
                      category_ids.at(product.category), product.featured, product.popularity,
                      options_json(product), days_ago)
                .one<std::int64_t>();
  for (auto locale : core::kLocales) {
    const auto& text = product.text[locale];
    conn.exec(kInsertProductText, id, core::code(locale), text.name, text.slug,
              text.short_description, text.description, text.meta_title, text.meta_description);
  }
  conn.exec(kInsertProductCategory, id, category_ids.at(product.category), 0);
  int position = 1;
  for (const auto& key : product.also_in)
    conn.exec(kInsertProductCategory, id, category_ids.at(key), position++);
  position = 0;
  for (const auto& variant : product.variants) {
    conn.exec(kInsertVariant, id, variant.sku, option_values_json(variant), variant.price_cents,
              variant.compare_at_cents, variant.stock, position++);
    ++report.variants_added;
  }
  ++report.products_added;
  return id;
}

// A product seeded earlier: the pictures whose files are gone (e.g. a fresh MEDIA_DIR).
void find_missing_pictures(db::Connection& conn, const DemoProduct& product, std::size_t index,
                           std::int64_t id, const fs::path& media_dir,
                           std::vector<PictureJob>& jobs) {
  auto rows = conn.exec(kSelectImages, id);
  for (std::size_t row = 0; row < rows.size(); ++row) {
    auto path = rows.get<std::string>(row, 0);
    auto position = rows.get<std::int32_t>(row, 1);
    if (position < 0 || static_cast<std::size_t>(position) >= product.images.size()) continue;
    auto image = static_cast<std::size_t>(position);
    if (path != picture_path(id, image)) continue;  // replaced by someone: not ours to redraw
    auto missing = !fs::exists(media_dir / path);
    for (int width : media::variant_widths(product.images[image].width))
      missing = missing || !fs::exists(media_dir / media::variant_path(path, width));
    if (missing) jobs.push_back({.product = index, .image = image, .product_id = id, .path = path});
  }
}

}  // namespace

std::map<std::string, std::int64_t> ensure_demo_categories(db::Connection& conn,
                                                           const DemoCatalog& catalog, int* added) {
  std::map<std::string, std::int64_t> ids;
  for (const auto& category : catalog.categories) {
    auto found =
        conn.exec(kFindCategory, category.text[Locale::fr].slug, category.text[Locale::en].slug);
    if (!found.empty()) {
      ids[category.key] = found.one<std::int64_t>();
      continue;
    }
    std::optional<std::int64_t> parent_id;
    if (category.parent) parent_id = ids.at(*category.parent);
    auto id = conn.exec(kInsertCategory, parent_id, category.position, category.featured)
                  .one<std::int64_t>();
    for (auto locale : core::kLocales) {
      const auto& text = category.text[locale];
      conn.exec(kInsertCategoryText, id, core::code(locale), text.name, text.slug, text.description,
                text.meta_title, text.meta_description);
    }
    ids[category.key] = id;
    if (added) ++*added;
  }
  return ids;
}

DemoReport seed_demo(db::Connection& conn, const DemoOptions& options) {
  auto catalog = load_demo_catalog(options.data_dir / "seeds" / "demo");
  media::init_vips();
  fs::create_directories(options.media_dir);

  DemoReport report;
  std::vector<media::StoredImage> drawn;
  conn.exec_script("BEGIN");
  try {
    conn.exec(kLockSeed);
    auto category_ids = ensure_demo_categories(conn, catalog, &report.categories_added);
    std::vector<PictureJob> jobs;
    for (std::size_t i = 0; i < catalog.products.size(); ++i) {
      const auto& product = catalog.products[i];
      auto found =
          conn.exec(kFindProduct, product.text[Locale::fr].slug, product.text[Locale::en].slug);
      if (!found.empty()) {
        find_missing_pictures(conn, product, i, found.one<std::int64_t>(), options.media_dir, jobs);
        continue;
      }
      auto id = insert_product(conn, category_ids, product, i, report);
      for (std::size_t image = 0; image < product.images.size(); ++image)
        jobs.push_back({.product = i,
                        .image = image,
                        .product_id = id,
                        .path = picture_path(id, image),
                        .record = true});
    }
    drawn = draw_pictures(options.media_dir, catalog, jobs, options.progress);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const auto& job = jobs[i];
      if (!job.record) {
        ++report.images_restored;
        continue;
      }
      const auto& alt = catalog.products[job.product].images[job.image].alt;
      conn.exec(kInsertImage, job.product_id, static_cast<int>(job.image), drawn[i].path,
                drawn[i].width, drawn[i].height, json::serialize(locale_object(alt)));
      ++report.images_written;
    }
    conn.exec_script("COMMIT");
    if (report.categories_added + report.products_added > 0) conn.exec_script(kAnalyze);
  } catch (...) {
    for (const auto& stored : drawn) remove_picture(options.media_dir, stored);
    if (conn.in_transaction()) conn.exec_script("ROLLBACK");
    throw;
  }
  return report;
}

}  // namespace comptoir::catalog::seed
