// Listing and search: one SQL statement per shape of query, so that every prepared statement has
// a plan that fits it (an optional filter written as `$n IS NULL OR …` defeats the indexes once
// PostgreSQL switches to a generic plan). Each statement returns the page and the total in one
// round trip: one row per product, each carrying the total, or one row of NULLs and the total
// when the page is empty.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/catalog_repository.hpp"
#include "catalog/repository_rows.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog {
namespace {

constexpr std::array kSorts{Sort::relevance, Sort::newest, Sort::price_asc, Sort::price_desc,
                            Sort::name};

struct Shape {
  bool search = false;
  bool category = false;
  bool published = true;  // status 'active' only: the storefront; else any listed statuses (staff)
  bool fulfillment = false;  // staff only: one fulfilment type (products_fulfillment_idx)
  Sort sort = Sort::newest;
  Locale locale = Locale::fr;  // search shapes only: a literal, so the per-language indexes apply
};

// A search ranks at most this many matches (the most popular ones), or the requested page's end
// when deeper: a common word can match a tenth of a million-product catalog, and ranking all of
// them would cost seconds. Rare words (fewer matches) are ranked exactly.
constexpr std::int64_t kSearchCandidates = ProductList::kSearchTotalCap;

std::string_view sort_name(Sort sort) {
  switch (sort) {
    case Sort::relevance:
      return "relevance";
    case Sort::newest:
      return "newest";
    case Sort::price_asc:
      return "price";
    case Sort::price_desc:
      return "price_desc";
    case Sort::name:
      return "name";
  }
  return "newest";
}

std::string_view order_by(Sort sort, bool search) {
  switch (sort) {
    case Sort::relevance:
      return search ? "m.rank DESC, p.popularity DESC, p.id" : "p.popularity DESC, p.id";
    case Sort::newest:
      return "p.created_at DESC, p.id DESC";
    case Sort::price_asc:
      return "p.cheapest_price_cents, p.id";
    case Sort::price_desc:
      return "p.cheapest_price_cents DESC, p.id DESC";
    case Sort::name:
      return "t.name COLLATE \"und-x-icu\", p.id";
  }
  return "p.id";
}

// The same orders on category_listings' copies of the sort keys, so that each is an index range.
std::string_view listing_order_by(Sort sort) {
  switch (sort) {
    case Sort::relevance:
      return "l.popularity DESC, l.product_id";
    case Sort::newest:
      return "l.created_at DESC, l.product_id DESC";
    case Sort::price_asc:
      return "l.price_cents, l.product_id";
    case Sort::price_desc:
      return "l.price_cents DESC, l.product_id DESC";
    case Sort::name:
      return "t.name COLLATE \"und-x-icu\", l.product_id";
  }
  return "l.product_id";
}

// Parameters: $1 locale, $2 status ('active') or statuses (array), $3 min and $4 max price in
// cents, $5 the accepted in_stock values, $6 limit, $7 offset, then the fulfilment type when the
// shape filters by it, the category id when the shape filters by category (its subcategories
// come with it, through category_listings), then for a search the text and the number of
// candidates.
std::string build_sql(const Shape& shape) {
  int next = 8;
  std::string where = shape.published ? "p.status = $2" : "p.status = ANY ($2::text[])";
  where += " AND p.cheapest_price_cents BETWEEN $3 AND $4 AND p.in_stock = ANY ($5::boolean[])";
  int fulfillment = shape.fulfillment ? next++ : 0;
  if (shape.fulfillment) where += fmt::format(" AND p.fulfillment_type = ${}", fulfillment);
  int category = shape.category ? next++ : 0;
  if (shape.category)
    where += fmt::format(
        " AND EXISTS (SELECT 1 FROM category_listings cl WHERE cl.category_id = ${}"
        " AND cl.product_id = p.id)",
        category);
  auto order = order_by(shape.sort, shape.search);

  if (!shape.search && shape.category) {
    std::string listed = fmt::format(
        "l.category_id = ${} AND {} AND l.price_cents BETWEEN $3 AND $4"
        " AND l.in_stock = ANY ($5::boolean[])",
        category, shape.published ? "l.status = $2" : "l.status = ANY ($2::text[])");
    if (shape.fulfillment)
      listed += fmt::format(
          " AND EXISTS (SELECT 1 FROM products fp WHERE fp.id = l.product_id"
          " AND fp.fulfillment_type = ${})",
          fulfillment);
    return fmt::format(
        "SELECT total.n, total.n > {cap}, page.* FROM ("
        " SELECT count(*) AS n FROM ("
        "  SELECT 1 FROM category_listings l WHERE {listed} LIMIT {cap} + 1) c"
        ") total LEFT JOIN LATERAL ("
        " SELECT s.*, '' AS highlight, row_number() OVER () AS ord FROM ("
        "  SELECT " COMPTOIR_CATALOG_SUMMARY_COLUMNS
        "    FROM category_listings l JOIN products p ON p.id = l.product_id"
        "    JOIN product_translations t ON t.product_id = p.id AND t.locale = $1"
        "   WHERE {listed} ORDER BY {order} LIMIT $6 OFFSET $7) s"
        ") page ON true ORDER BY page.ord",
        fmt::arg("listed", listed), fmt::arg("order", listing_order_by(shape.sort)),
        fmt::arg("cap", ProductList::kTotalCap));
  }
  if (!shape.search) {
    return fmt::format(
        "SELECT total.n, total.n > {cap}, page.* FROM ("
        " SELECT count(*) AS n FROM (SELECT 1 FROM products p WHERE {where} LIMIT {cap} + 1) c"
        ") total LEFT JOIN LATERAL ("
        " SELECT s.*, '' AS highlight, row_number() OVER () AS ord FROM ("
        "  SELECT " COMPTOIR_CATALOG_SUMMARY_COLUMNS
        "    FROM products p JOIN product_translations t ON t.product_id = p.id AND t.locale = $1"
        "   WHERE {where} ORDER BY {order} LIMIT $6 OFFSET $7) s"
        ") page ON true ORDER BY page.ord",
        fmt::arg("where", where), fmt::arg("order", order),
        fmt::arg("cap", ProductList::kTotalCap));
  }
  int text = next++;
  int candidates = next++;
  auto tsquery =
      fmt::format("websearch_to_tsquery(comptoir_search_config($1), comptoir_unaccent(${}))", text);
  auto language = fmt::format("t.locale = '{}'{}", core::code(shape.locale),
                              shape.published ? " AND t.published" : "");
  // The most popular matches, ranked as they are found (an index walk for a common word, the
  // text index for a rare one); an exact SKU ranks above any text match (ts_rank stays below 1).
  // When the candidates fill up, more match: the total is that many, and says so.
  return fmt::format(
      "WITH candidates AS MATERIALIZED ("
      "  SELECT t.product_id AS id FROM product_translations t JOIN products p ON p.id = "
      "t.product_id"
      "   WHERE {lang} AND t.search @@ {tsq} AND {where}"
      "   ORDER BY t.popularity DESC, t.product_id LIMIT ${cand}"
      "), matched AS MATERIALIZED ("
      "  SELECT h.id, max(h.rank) AS rank FROM ("
      // Ranked once chosen: computing ts_rank before the sort would rank every match.
      "    SELECT c.id, ts_rank(t.search, {tsq}) AS rank FROM candidates c"
      "      JOIN product_translations t ON t.product_id = c.id AND t.locale = $1"
      "    UNION ALL"
      "    SELECT p.id, 100 FROM variants v JOIN products p ON p.id = v.product_id"
      "     WHERE upper(v.sku) = upper(${text}) AND {where}"
      "  ) h GROUP BY h.id"
      ") "
      "SELECT total.n, (SELECT count(*) FROM candidates) >= ${cand}, page.* FROM ("
      " SELECT count(*) AS n FROM matched"
      ") total LEFT JOIN LATERAL ("
      " SELECT s.*, ts_headline(comptoir_search_config($1),"
      "   concat_ws(' — ', s.name, nullif(s.short_description, '')),"
      "   {tsq}, 'StartSel=\"' || chr(2) || '\", StopSel=\"' || chr(3) || '\", MaxWords=30,"
      " MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"') AS highlight,"
      "   row_number() OVER () AS ord FROM ("
      "  SELECT " COMPTOIR_CATALOG_SUMMARY_COLUMNS
      "    FROM matched m JOIN products p ON p.id = m.id"
      "    JOIN product_translations t ON t.product_id = p.id AND t.locale = $1"
      "   ORDER BY {order} LIMIT $6 OFFSET $7) s"
      ") page ON true ORDER BY page.ord",
      fmt::arg("lang", language), fmt::arg("tsq", tsquery), fmt::arg("where", where),
      fmt::arg("cand", candidates), fmt::arg("text", text), fmt::arg("order", order));
}

struct StoredQuery {
  Shape shape;
  std::string name;
  std::string sql;
  db::Query query{};

  bool shape_matches(const Shape& other) const {
    return shape.search == other.search && shape.category == other.category &&
           shape.published == other.published && shape.fulfillment == other.fulfillment &&
           shape.sort == other.sort && (!shape.search || shape.locale == other.locale);
  }
};

// Every shape's statement, built once: browsing per (category, published or statuses with or
// without a fulfilment type, sort), searching per (the same, locale).
const db::Query& query_for(const Shape& shape) {
  static const auto table = [] {
    std::vector<std::unique_ptr<StoredQuery>> built;
    for (bool search : {false, true})
      for (bool category : {false, true})
        for (bool published : {true, false})
          for (bool fulfillment : {false, true})
            for (auto sort : kSorts)
              for (auto locale : core::kLocales) {
                if (!search && locale != Locale::fr) continue;  // browsing takes the locale as $1
                if (published && fulfillment) continue;         // a staff filter only
                auto entry = std::make_unique<StoredQuery>();
                entry->shape = {search, category, published, fulfillment, sort, locale};
                entry->name =
                    fmt::format("catalog_list_{}{}{}{}_{}{}", search ? "search" : "browse",
                                category ? "_category" : "", published ? "" : "_statuses",
                                fulfillment ? "_fulfillment" : "", sort_name(sort),
                                search ? fmt::format("_{}", core::code(locale)) : "");
                entry->sql = build_sql(entry->shape);
                entry->query = db::Query{entry->name, entry->sql};
                built.push_back(std::move(entry));
              }
    return built;
  }();
  for (const auto& entry : table)
    if (entry->shape_matches(shape)) return entry->query;
  throw std::logic_error("catalog: no listing statement for this shape");
}

// PostgreSQL array literal of plain words or numbers (no quoting needed).
template <class Range, class Format>
std::string array_literal(const Range& items, Format format) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += format(item);
  }
  return out + "}";
}

}  // namespace

ProductList CatalogRepository::list_products(const ProductQuery& q) {
  // The storefront's shape: active products, no staff filter.
  bool published = q.statuses.size() == 1 && q.statuses.front() == ProductStatus::active &&
                   !q.fulfillment.has_value();
  Shape shape{.search = !q.q.empty(),
              .category = q.category_id.has_value(),
              .published = published,
              .fulfillment = q.fulfillment.has_value(),
              .sort = q.sort,
              .locale = q.locale};
  const auto& query = query_for(shape);

  auto locale = core::code(q.locale);
  std::string status =
      published
          ? std::string("active")
          : array_literal(q.statuses, [](ProductStatus s) { return std::string(to_string(s)); });
  std::int64_t min_price = q.min_price_cents.value_or(0);
  std::int64_t max_price = q.max_price_cents.value_or(std::numeric_limits<std::int64_t>::max());
  std::string stock = q.in_stock_only ? "{true}" : q.out_of_stock_only ? "{false}" : "{true,false}";
  std::int64_t limit = q.page_size;
  std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.page_size;
  std::int64_t candidates = std::max(kSearchCandidates, offset + limit);
  // category_listings holds each product under its categories and all their ancestors.
  std::int64_t category = q.category_id.value_or(0);

  // The parameters every shape has, then the fulfilment type when it filters by one, then `tail`.
  auto run = [&](const auto&... tail) {
    if (shape.fulfillment)
      return conn_.exec(query, locale, status, min_price, max_price, stock, limit, offset,
                        to_string(*q.fulfillment), tail...);
    return conn_.exec(query, locale, status, min_price, max_price, stock, limit, offset, tail...);
  };
  db::Result r = [&] {
    if (shape.search && shape.category) return run(category, q.q, candidates);
    if (shape.search) return run(q.q, candidates);
    if (shape.category) return run(category);
    return run();
  }();

  // Columns: the total, whether counting stopped there, then the page's summaries.
  ProductList list;
  list.page = q.page;
  list.page_size = q.page_size;
  if (!r.empty()) {
    list.total = std::min(r.get<std::int64_t>(0, 0), ProductList::kTotalCap);
    list.total_capped = r.get<bool>(0, 1);
  }
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r.is_null(i, 2)) continue;  // the empty page's row of NULLs
    auto item = rows::summary(r, i, 2);
    item.highlight = r.get<std::string>(i, 2 + rows::kSummaryColumnCount);
    list.items.push_back(std::move(item));
  }
  return list;
}

}  // namespace comptoir::catalog
