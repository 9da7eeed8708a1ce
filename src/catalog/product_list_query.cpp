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

// Which statuses a statement lists. The storefront's `published` and staff's `one` walk the
// status-led indexes; `all` (the back office's default) has no status condition, so its orders
// walk the indexes without status (an `= ANY` of several statuses cannot keep an index's order
// and would sort the whole catalog); `some` is any other subset.
enum class Statuses { published, one, some, all };
constexpr std::size_t kStatusCount = 3;  // draft, active, archived
constexpr std::array kStatusModes{Statuses::published, Statuses::one, Statuses::some,
                                  Statuses::all};

std::string_view mode_name(Statuses mode) {
  switch (mode) {
    case Statuses::published:
      return "";
    case Statuses::one:
      return "_status";
    case Statuses::some:
      return "_statuses";
    case Statuses::all:
      return "_all";
  }
  return "";
}

// The condition on `column` (p.status or l.status) for $2: a status, or an array of them.
std::string status_condition(Statuses mode, std::string_view column) {
  switch (mode) {
    case Statuses::published:
    case Statuses::one:
      return fmt::format("{} = $2", column);
    case Statuses::some:
      return fmt::format("{} = ANY ($2::text[])", column);
    case Statuses::all:
      return "$2::text[] IS NOT NULL";  // every status: evaluated once, not per row
  }
  return "false";
}

struct Shape {
  bool search = false;
  bool category = false;
  Statuses statuses = Statuses::published;
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

// The same orders on category_listings' copies of the sort keys, so that each is an index range
// (not the name, which listings do not copy: a category by name sorts its members).
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
// candidates, else (browsing) how many matches to count at most.
std::string build_sql(const Shape& shape) {
  int next = 8;
  std::string where = status_condition(shape.statuses, "p.status");
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

  if (!shape.search) {
    int cap = next++;
    // The count and the page's ids: a category's from its listings (one index range; they hold
    // the sort keys but the name, so by name its members are sorted: walking the name index
    // instead would cost seconds for a small category under a generic plan), else from products.
    // Only the page's rows are then read in full: a deep page skips ids, not whole summaries.
    auto names = shape.sort == Sort::name ? fmt::format(
                                                " JOIN product_translations t ON t.product_id = {}"
                                                " AND t.locale = $1",
                                                shape.category ? "l.product_id" : "p.id")
                                          : std::string();
    std::string counted;
    std::string ids;
    if (shape.category) {
      auto listed = fmt::format(
          "l.category_id = ${} AND {} AND l.price_cents BETWEEN $3 AND $4"
          " AND l.in_stock = ANY ($5::boolean[])",
          category, status_condition(shape.statuses, "l.status"));
      if (shape.fulfillment)
        listed += fmt::format(
            " AND EXISTS (SELECT 1 FROM products fp WHERE fp.id = l.product_id"
            " AND fp.fulfillment_type = ${})",
            fulfillment);
      counted = fmt::format("SELECT 1 FROM category_listings l WHERE {}", listed);
      ids = fmt::format("SELECT l.product_id AS id FROM category_listings l{} WHERE {} ORDER BY {}",
                        names, listed, listing_order_by(shape.sort));
    } else {
      counted = fmt::format("SELECT 1 FROM products p WHERE {}", where);
      ids = fmt::format("SELECT p.id FROM products p{} WHERE {} ORDER BY {}", names, where, order);
    }
    return fmt::format(
        "SELECT least(total.n, ${cap}), total.n > ${cap}, page.* FROM ("
        " SELECT count(*) AS n FROM ({counted} LIMIT ${cap} + 1) c"
        ") total LEFT JOIN LATERAL ("
        " SELECT s.*, '' AS highlight, k.ord FROM ("
        "  SELECT x.id, row_number() OVER () AS ord FROM ({ids} LIMIT $6 OFFSET $7) x"
        " ) k CROSS JOIN LATERAL ("
        "  SELECT " COMPTOIR_CATALOG_SUMMARY_COLUMNS
        "    FROM products p JOIN product_translations t ON t.product_id = p.id AND t.locale = $1"
        "   WHERE p.id = k.id) s"
        ") page ON true ORDER BY page.ord",
        fmt::arg("counted", counted), fmt::arg("ids", ids), fmt::arg("cap", cap));
  }
  int text = next++;
  int candidates = next++;
  auto tsquery =
      fmt::format("websearch_to_tsquery(comptoir_search_config($1), comptoir_unaccent(${}))", text);
  auto language = fmt::format("t.locale = '{}'{}", core::code(shape.locale),
                              shape.statuses == Statuses::published ? " AND t.published" : "");
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
           shape.statuses == other.statuses && shape.fulfillment == other.fulfillment &&
           shape.sort == other.sort && (!shape.search || shape.locale == other.locale);
  }
};

// Every shape's statement, built once: browsing per (category, statuses, with or without a
// fulfilment type, sort), searching per (the same, locale).
const db::Query& query_for(const Shape& shape) {
  static const auto table = [] {
    std::vector<std::unique_ptr<StoredQuery>> built;
    for (bool search : {false, true})
      for (bool category : {false, true})
        for (auto statuses : kStatusModes)
          for (bool fulfillment : {false, true})
            for (auto sort : kSorts)
              for (auto locale : core::kLocales) {
                if (!search && locale != Locale::fr) continue;  // browsing takes the locale as $1
                bool published = statuses == Statuses::published;
                if (published && fulfillment) continue;  // a staff filter only
                auto entry = std::make_unique<StoredQuery>();
                entry->shape = {search, category, statuses, fulfillment, sort, locale};
                entry->name =
                    fmt::format("catalog_list_{}{}{}{}_{}{}", search ? "search" : "browse",
                                category ? "_category" : "", mode_name(statuses),
                                fulfillment ? "_fulfillment" : "", sort_name(sort),
                                search ? fmt::format("_{}", core::code(locale)) : "");
                entry->sql = build_sql(entry->shape);
                // A search is planned for its words: a generic plan guessed one row for any
                // text and, on a million products, walked the prices for seconds (#16).
                entry->query = db::Query{entry->name, entry->sql, search};
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
  auto statuses = q.statuses;
  std::ranges::sort(statuses);
  statuses.erase(std::ranges::unique(statuses).begin(), statuses.end());
  Statuses mode = statuses.size() >= kStatusCount ? Statuses::all
                  : statuses.size() != 1          ? Statuses::some
                  // The storefront's shape: active products, no staff filter.
                  : statuses.front() == ProductStatus::active && !q.fulfillment
                      ? Statuses::published
                      : Statuses::one;
  Shape shape{.search = !q.q.empty(),
              .category = q.category_id.has_value(),
              .statuses = mode,
              .fulfillment = q.fulfillment.has_value(),
              .sort = q.sort,
              .locale = q.locale};
  const auto& query = query_for(shape);

  auto locale = core::code(q.locale);
  std::string status =
      mode == Statuses::published || mode == Statuses::one
          ? std::string(to_string(statuses.front()))
          : array_literal(statuses, [](ProductStatus s) { return std::string(to_string(s)); });
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
  // Counting goes at least to the page's end, so that a deep page still knows whether another
  // follows.
  std::int64_t count_up_to = std::max(q.count_up_to, offset + limit);
  db::Result r = [&] {
    if (shape.search && shape.category) return run(category, q.q, candidates);
    if (shape.search) return run(q.q, candidates);
    if (shape.category) return run(category, count_up_to);
    return run(count_up_to);
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
