#include "catalog/seed/bulk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "catalog/seed/bulk_words.hpp"
#include "core/random.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog::seed {
namespace {

// Session-local working tables: the word lists once, then each batch's computed rows.
constexpr std::string_view kCreateWorkTables = R"(
CREATE TEMP TABLE IF NOT EXISTS bulk_family (
  family int PRIMARY KEY, category_id bigint NOT NULL,
  nouns_fr text[] NOT NULL, nouns_g text[] NOT NULL, nouns_en text[] NOT NULL,
  quals_m text[] NOT NULL, quals_f text[] NOT NULL, quals_mp text[] NOT NULL,
  quals_fp text[] NOT NULL, quals_en text[] NOT NULL, brands text[] NOT NULL,
  sentences_fr text[] NOT NULL, sentences_en text[] NOT NULL,
  option_code text NOT NULL, option_fr text NOT NULL, option_en text NOT NULL,
  values_fr text[] NOT NULL, values_en text[] NOT NULL,
  price_min bigint NOT NULL, price_max bigint NOT NULL, weight_min int NOT NULL,
  weight_max int NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS bulk_common (
  collections text[] NOT NULL, sentences_fr text[] NOT NULL, sentences_en text[] NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS bulk_batch (
  g bigint, id bigint, family int, category_id bigint, r bigint,
  name_fr text, name_en text, slug_fr text, slug_en text, short_fr text, short_en text,
  desc_fr text, desc_en text, brand text, status text, weight int, popularity int,
  variant_count int, base_price bigint, on_sale boolean, options jsonb, created_at timestamptz
) ON COMMIT DELETE ROWS;
TRUNCATE bulk_family, bulk_common;
)";
constexpr std::string_view kDropWorkTables =
    "DROP TABLE IF EXISTS pg_temp.bulk_family, pg_temp.bulk_common, pg_temp.bulk_batch";

constexpr db::Query kInsertFamily{
    "bulk_insert_family",
    "INSERT INTO pg_temp.bulk_family VALUES ($1, $2, $3::text[], $4::text[], $5::text[], "
    "$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], "
    "$13::text[], $14, $15, $16, $17::text[], $18::text[], $19, $20, $21, $22)"};
constexpr db::Query kInsertCommon{
    "bulk_insert_common",
    "INSERT INTO pg_temp.bulk_common VALUES ($1::text[], $2::text[], $3::text[])"};

// One batch of products g = $1 … $2 of run $3 over $4 families. Every choice comes from
// hashint8extended(g, k): the same run id and range always give the same products. The slug is
// the name folded to ASCII (comptoir_unaccent, as the catalog's own search does) plus the run
// id and g, so it is unique per locale.
constexpr db::Query kFillBatch{"bulk_fill_batch", R"(
INSERT INTO pg_temp.bulk_batch
SELECT s.g, nextval(pg_get_serial_sequence('products', 'id')), f.family, f.category_id, p.r,
       t.name_fr, t.name_en,
       rtrim(left(trim(both '-' from regexp_replace(lower(comptoir_unaccent(t.name_fr)),
                                                    '[^a-z0-9]+', '-', 'g')), 90), '-')
         || '-' || $3 || '-' || s.g,
       rtrim(left(trim(both '-' from regexp_replace(lower(comptoir_unaccent(t.name_en)),
                                                    '[^a-z0-9]+', '-', 'g')), 90), '-')
         || '-' || $3 || '-' || s.g,
       t.head_fr || ' de la collection ' || c.collections[p.k] || ', par ' || f.brands[p.b] || '.',
       upper(left(t.head_en, 1)) || substr(t.head_en, 2) || ' from the ' || c.collections[p.k]
         || ' collection, by ' || f.brands[p.b] || '.',
       f.sentences_fr[p.s1] || ' ' || f.sentences_fr[p.s2] || E'\n\n' || c.sentences_fr[p.s3],
       f.sentences_en[p.s1] || ' ' || f.sentences_en[p.s2] || E'\n\n' || c.sentences_en[p.s3],
       f.brands[p.b],
       CASE WHEN p.r % 50 = 3 THEN 'draft' ELSE 'active' END,
       f.weight_min + (p.r % (f.weight_max - f.weight_min))::int,
       (((p.r / 13) % 1000) * ((p.r / 13) % 1000) / 1000)::int,
       1 + (p.r % 3)::int,
       ((f.price_min + (p.r / 7) % (f.price_max - f.price_min)) / 100) * 100 + 95,
       p.r % 10 = 4,
       CASE WHEN p.r % 3 = 0 THEN '[]'::jsonb
            ELSE jsonb_build_array(jsonb_build_object(
                   'code', f.option_code,
                   'name', jsonb_build_object('fr', f.option_fr, 'en', f.option_en))) END,
       now() - make_interval(secs => (p.r % 94608000)::double precision)
FROM generate_series($1::bigint, $2::bigint) AS s(g)
JOIN pg_temp.bulk_family f ON f.family = (s.g % $4::int)::int
CROSS JOIN pg_temp.bulk_common c
CROSS JOIN LATERAL (
  SELECT (1 + (hashint8extended(s.g, 1) & 1073741823) % cardinality(f.nouns_fr))::int AS n,
         (1 + (hashint8extended(s.g, 2) & 1073741823) % cardinality(f.quals_en))::int AS q,
         (1 + (hashint8extended(s.g, 3) & 1073741823) % cardinality(c.collections))::int AS k,
         (1 + (hashint8extended(s.g, 4) & 1073741823) % cardinality(f.brands))::int AS b,
         (1 + (hashint8extended(s.g, 5) & 1073741823) % cardinality(f.sentences_fr))::int AS s1,
         (1 + (hashint8extended(s.g, 7) & 1073741823) % cardinality(c.sentences_fr))::int AS s3,
         hashint8extended(s.g, 8) & 1073741823 AS r) AS p0
CROSS JOIN LATERAL (SELECT p0.*, (p0.s1 % cardinality(f.sentences_fr)) + 1 AS s2) AS p
CROSS JOIN LATERAL (
  SELECT f.nouns_fr[p.n] || ' ' || CASE f.nouns_g[p.n] WHEN 'f' THEN f.quals_f[p.q]
                                                       WHEN 'mp' THEN f.quals_mp[p.q]
                                                       WHEN 'fp' THEN f.quals_fp[p.q]
                                                       ELSE f.quals_m[p.q] END AS head_fr,
         f.quals_en[p.q] || ' ' || f.nouns_en[p.n] AS head_en) AS h
CROSS JOIN LATERAL (
  SELECT h.head_fr || ' ' || c.collections[p.k] AS name_fr,
         c.collections[p.k] || ' ' || h.head_en AS name_en,
         h.head_fr, h.head_en) AS t
)"};

constexpr db::Query kInsertProducts{"bulk_insert_products", R"(
INSERT INTO products (id, status, fulfillment_type, brand, weight_grams, primary_category_id,
                      featured, popularity, options, created_at, updated_at)
OVERRIDING SYSTEM VALUE
SELECT id, status, CASE WHEN id % 25 = 0 THEN 'DROPSHIPPING' WHEN id % 61 = 0 THEN 'PRINT_ON_DEMAND'
                       ELSE 'LOCAL_STOCK' END, brand, weight, category_id, false, popularity, options,
       created_at, created_at
FROM pg_temp.bulk_batch
)"};

constexpr db::Query kInsertTranslations{"bulk_insert_translations", R"(
INSERT INTO product_translations (product_id, locale, name, slug, short_description, description,
                                  meta_title, meta_description)
SELECT id, 'fr', name_fr, slug_fr, short_fr, desc_fr, name_fr, short_fr FROM pg_temp.bulk_batch
UNION ALL
SELECT id, 'en', name_en, slug_en, short_en, desc_en, name_en, short_en FROM pg_temp.bulk_batch
)"};

constexpr db::Query kInsertProductCategories{"bulk_insert_product_categories", R"(
INSERT INTO product_categories (product_id, category_id, position)
SELECT id, category_id, 0 FROM pg_temp.bulk_batch
)"};

// Variant k of a product: the next option value, a price 20 % above the previous one, a
// compare-at price 25 % above on products on sale, about 5 % out of stock.
constexpr db::Query kInsertVariants{"bulk_insert_variants", R"(
INSERT INTO variants (product_id, sku, option_values, price_cents, compare_at_cents, currency,
                      stock_on_hand, track_inventory, position)
SELECT b.id, 'BULK-' || upper($1) || '-' || b.g || '-' || k,
       CASE WHEN b.variant_count = 1 THEN '{}'::jsonb
            ELSE jsonb_build_object(f.option_code, jsonb_build_object('fr', f.values_fr[v.i],
                                                                      'en', f.values_en[v.i])) END,
       v.price,
       CASE WHEN b.on_sale THEN (v.price * 5 / 4 / 100) * 100 + 95 END,
       'CAD',
       CASE WHEN v.h % 20 = 7 THEN 0 ELSE (v.h / 20 % 80)::int END,
       true, k - 1
FROM pg_temp.bulk_batch b
JOIN pg_temp.bulk_family f USING (family)
CROSS JOIN LATERAL generate_series(1, b.variant_count) AS k
CROSS JOIN LATERAL (
  SELECT (1 + (b.r + k - 1) % cardinality(f.values_fr))::int AS i,
         ((b.base_price + (k - 1) * (b.base_price / 5)) / 100) * 100 + 95 AS price,
         hashint8extended(b.g * 4 + k, 9) & 1073741823 AS h) AS v
)"};

// After a large load: fresh planner statistics, the visibility map for index-only scans, and
// the GIN pending lists merged, so the first searches are not the slow ones.
constexpr std::string_view kVacuumAnalyze =
    "VACUUM (ANALYZE) products, product_translations, product_categories, variants";

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

void load_words(db::Connection& conn, const BulkWords& words,
                const std::map<std::string, std::int64_t>& category_ids) {
  conn.exec_script(kCreateWorkTables);
  int index = 0;
  for (const auto& f : words.families) {
    auto category = category_ids.find(f.category);
    if (category == category_ids.end())
      throw DemoDataError(fmt::format("bulk.json: family '{}' is not a demo category", f.category));
    conn.exec(kInsertFamily, index++, category->second, pg_text_array(f.nouns_fr),
              pg_text_array(f.nouns_gender), pg_text_array(f.nouns_en), pg_text_array(f.quals_m),
              pg_text_array(f.quals_f), pg_text_array(f.quals_mp), pg_text_array(f.quals_fp),
              pg_text_array(f.quals_en), pg_text_array(f.brands), pg_text_array(f.sentences_fr),
              pg_text_array(f.sentences_en), f.option_code, f.option_fr, f.option_en,
              pg_text_array(f.values_fr), pg_text_array(f.values_en), f.price_min, f.price_max,
              f.weight_min, f.weight_max);
  }
  conn.exec(kInsertCommon, pg_text_array(words.collections), pg_text_array(words.sentences_fr),
            pg_text_array(words.sentences_en));
}

// Batches handed out to the workers, and what they have done so far.
class BatchQueue {
 public:
  BatchQueue(std::int64_t count, std::int64_t batch, Progress progress)
      : count_(count), batch_(batch), progress_(std::move(progress)) {}

  // The next range of product numbers [first, last]; nullopt when all are taken or one failed.
  std::optional<std::pair<std::int64_t, std::int64_t>> next() {
    std::lock_guard lock(mutex_);
    if (failure_ || next_ > count_) return std::nullopt;
    auto first = next_;
    auto last = std::min(count_, first + batch_ - 1);
    next_ = last + 1;
    return std::pair{first, last};
  }

  void done(std::int64_t products, std::int64_t variants) {
    std::lock_guard lock(mutex_);
    products_ += products;
    variants_ += variants;
    if (progress_) progress_(products_, count_);
  }

  void fail(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = error;
  }

  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
  }
  std::int64_t products() const { return products_; }
  std::int64_t variants() const { return variants_; }

 private:
  std::mutex mutex_;
  std::int64_t count_;
  std::int64_t batch_;
  Progress progress_;
  std::int64_t next_ = 1;
  std::int64_t products_ = 0;
  std::int64_t variants_ = 0;
  std::exception_ptr failure_;
};

// One worker: its own session and working tables, then batches until none is left.
void run_worker(const std::string& conninfo, const BulkWords& words,
                const std::map<std::string, std::int64_t>& category_ids, const std::string& run_id,
                BatchQueue& queue) {
  try {
    auto conn = db::Connection::open(conninfo);
    load_words(conn, words, category_ids);
    auto families = static_cast<int>(words.families.size());
    while (auto range = queue.next()) {
      auto [first, last] = *range;
      conn.exec_script("BEGIN");
      std::int64_t variants = 0;
      try {
        conn.exec(kFillBatch, first, last, run_id, families);
        conn.exec(kInsertProducts);
        conn.exec(kInsertTranslations);
        conn.exec(kInsertProductCategories);
        variants = static_cast<std::int64_t>(conn.exec(kInsertVariants, run_id).affected_rows());
        conn.exec_script("COMMIT");
      } catch (...) {
        if (conn.in_transaction()) conn.exec_script("ROLLBACK");
        throw;
      }
      queue.done(last - first + 1, variants);
    }
    conn.exec_script(kDropWorkTables);
  } catch (...) {
    queue.fail(std::current_exception());
  }
}

}  // namespace

BulkReport seed_bulk(const std::string& conninfo, const BulkOptions& options) {
  if (options.count < 1 || options.count > kMaxBulkProducts)
    throw std::invalid_argument(
        fmt::format("the number of products must be between 1 and {}", kMaxBulkProducts));
  auto words = load_bulk_words(options.data_dir / "seeds" / "bulk.json");
  auto catalog = load_demo_catalog(options.data_dir / "seeds" / "demo");

  BulkReport report;
  report.run_id = core::random_hex(3);  // 6 lowercase hex digits
  auto started = Clock::now();

  auto conn = db::Connection::open(conninfo);
  conn.exec_script("BEGIN");
  std::map<std::string, std::int64_t> category_ids;
  try {
    category_ids = ensure_demo_categories(conn, catalog);
    conn.exec_script("COMMIT");
  } catch (...) {
    if (conn.in_transaction()) conn.exec_script("ROLLBACK");
    throw;
  }

  BatchQueue queue(options.count, std::max<std::int64_t>(1, options.batch_size), options.progress);
  auto batches =
      (options.count + options.batch_size - 1) / std::max<std::int64_t>(1, options.batch_size);
  auto workers = std::clamp<std::int64_t>(options.workers, 1, std::max<std::int64_t>(1, batches));
  std::vector<std::jthread> threads;
  for (std::int64_t i = 0; i < workers; ++i)
    threads.emplace_back([&] { run_worker(conninfo, words, category_ids, report.run_id, queue); });
  threads.clear();  // joins
  queue.rethrow_failure();
  report.products = queue.products();
  report.variants = queue.variants();
  report.insert_time = since(started);

  auto analyze_started = Clock::now();
  conn.exec_script(kVacuumAnalyze);
  report.analyze_time = since(analyze_started);
  return report;
}

}  // namespace comptoir::catalog::seed
