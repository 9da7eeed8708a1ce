#include "orders/order_reports.hpp"

#include <algorithm>
#include <chrono>

#include "db/connection.hpp"

namespace comptoir::orders {
namespace {

#define COMPTOIR_ISO(column) \
  "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

#define COMPTOIR_ORDER_ROW \
  "SELECT o.id, o.number, o.status, o.email, o.currency, o.total, o.refunded_amount, "      \
  "o.payment_provider, " COMPTOIR_ISO("o.created_at") ", (SELECT coalesce(sum(l.quantity), " \
                                                      "0) FROM order_lines l "              \
                                                      "WHERE l.order_id = o.id) "           \
                                                      "FROM orders o "
#define COMPTOIR_ORDER_FILTERS(cursor)                     \
  "($1::text IS NULL OR o.status = $1) "                   \
  "AND ($2::date IS NULL OR o.created_at >= $2::date) "    \
  "AND ($3::date IS NULL OR o.created_at < $3::date + 1) " \
  "AND ($4::text IS NULL OR o.payment_provider = $4) "     \
  "AND (" cursor "::bigint IS NULL OR o.id < " cursor ") "

// Without a search: one statement for every combination of filters (NULL switches one off), so
// it is prepared once. Newest first by id: the primary key's index serves the order and the
// cursor ($5), and each filter is checked on the rows it walks.
constexpr db::Query kList{"order_reports_list", COMPTOIR_ORDER_ROW
                          "WHERE " COMPTOIR_ORDER_FILTERS("$5") "ORDER BY o.id DESC LIMIT $6"};
// With a search ($5): the orders it names, found through indexes rather than by reading every
// order — the number (unique), a part of the email (orders_email_trgm: trigrams answer a
// substring), the customers whose name matched ($6) — then the filters, newest first.
constexpr db::Query kSearch{
    "order_reports_search", COMPTOIR_ORDER_ROW
    "WHERE o.id IN (SELECT s.id FROM orders s WHERE s.number = upper($5) "
    "UNION ALL SELECT s.id FROM orders s WHERE s.email LIKE '%' || "
    "replace(replace(replace(lower($5), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' "
    "UNION ALL SELECT s.id FROM orders s WHERE s.user_id = ANY($6::bigint[])) "
    "AND " COMPTOIR_ORDER_FILTERS("$7") "ORDER BY o.id DESC LIMIT $8"};

#undef COMPTOIR_ORDER_FILTERS
#undef COMPTOIR_ORDER_ROW

// Paid at some point (paid_at is set on the way to paid) and not cancelled since, within the last
// `days` calendar days (UTC), today included: the same days as the daily chart's, so its bars add
// up to the figure beside it.
#define COMPTOIR_PAID_SINCE(days)                                                                \
  "o.paid_at IS NOT NULL AND o.status <> 'cancelled' AND o.paid_at >= date_trunc('day', now()) " \
  "- make_interval(days => greatest(" days " - 1, 0))"

constexpr db::Query kSales{
    "order_reports_sales",
    "SELECT o.currency, count(*), coalesce(sum(o.total), 0), coalesce(sum(o.refunded_amount), 0) "
    "FROM orders o WHERE " COMPTOIR_PAID_SINCE("$1::int") " GROUP BY o.currency "
                                                           "ORDER BY count(*) DESC, o.currency"};
constexpr db::Query kDaily{
    "order_reports_daily",
    "SELECT to_char(date_trunc('day', o.paid_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, "
    "o.currency, count(*), coalesce(sum(o.total - o.refunded_amount), 0) FROM orders o "
    "WHERE o.paid_at IS NOT NULL AND o.status <> 'cancelled' AND "
    "o.paid_at >= date_trunc('day', now()) - make_interval(days => $1::int - 1) "
    "GROUP BY day, o.currency ORDER BY day, o.currency"};
constexpr db::Query kByStatus{"order_reports_by_status",
                              "SELECT status, count(*) FROM orders GROUP BY status"};
constexpr db::Query kTop{
    "order_reports_top",
    "SELECT l.product_id, min(l.name), o.currency, sum(l.quantity), sum(l.amount) "
    "FROM order_lines l JOIN orders o ON o.id = l.order_id "
    "WHERE " COMPTOIR_PAID_SINCE("$1::int") " GROUP BY l.product_id, o.currency, "
                                            "CASE WHEN l.product_id IS NULL THEN l.name END "
                                            "ORDER BY sum(l.quantity) DESC, sum(l.amount) DESC "
                                            "LIMIT $2"};

#undef COMPTOIR_PAID_SINCE
#undef COMPTOIR_ISO

}  // namespace

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  std::size_t starts[3] = {0, 5, 8};
  std::size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < lengths[i]; ++j) {
      char c = text[starts[i] + j];
      if (c < '0' || c > '9') return false;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  using namespace std::chrono;
  year_month_day day{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                     std::chrono::day{static_cast<unsigned>(parts[2])}};
  return day.ok() && parts[0] >= 1970 && parts[0] <= 9999;
}

OrderListPage OrderReports::list(const OrderFilter& filter) {
  int limit = std::clamp(filter.limit, 1, 200);
  std::optional<std::string> status;
  if (filter.status) status = std::string(name(*filter.status));
  std::optional<std::string> provider;
  if (filter.provider) provider = std::string(name(*filter.provider));
  // One more row than asked says whether an older page exists.
  auto rows = filter.search.empty()
                  ? conn_.exec(kList, status, filter.created_from, filter.created_to, provider,
                               filter.before_id, limit + 1)
                  : conn_.exec(kSearch, status, filter.created_from, filter.created_to, provider,
                               filter.search, filter.customer_ids, filter.before_id, limit + 1);
  OrderListPage page;
  for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
    page.rows.push_back(
        {.id = rows.get<std::int64_t>(i, 0),
         .number = rows.get<std::string>(i, 1),
         .status = parse_status(rows.get<std::string_view>(i, 2)).value_or(OrderStatus::pending),
         .email = rows.get<std::string>(i, 3),
         .currency = rows.get<std::string>(i, 4),
         .total = rows.get<std::int64_t>(i, 5),
         .refunded_amount = rows.get<std::int64_t>(i, 6),
         .provider = rows.get<std::string_view>(i, 7) == "stripe" ? PaymentProvider::stripe
                                                                  : PaymentProvider::manual,
         .created_at = rows.get<std::string>(i, 8),
         .items = static_cast<int>(rows.get<std::int64_t>(i, 9))});
  }
  if (rows.size() > static_cast<std::size_t>(limit) && !page.rows.empty())
    page.next_before_id = page.rows.back().id;
  return page;
}

std::vector<SalesFigure> OrderReports::sales(int days) {
  auto rows = conn_.exec(kSales, std::max(days, 0));
  std::vector<SalesFigure> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({.currency = rows.get<std::string>(i, 0),
                   .orders = rows.get<std::int64_t>(i, 1),
                   .gross = rows.get<std::int64_t>(i, 2),
                   .refunded = rows.get<std::int64_t>(i, 3)});
  return out;
}

std::vector<DailySales> OrderReports::daily_sales(int days) {
  auto rows = conn_.exec(kDaily, std::max(days, 1));
  std::vector<DailySales> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({.day = rows.get<std::string>(i, 0),
                   .currency = rows.get<std::string>(i, 1),
                   .orders = rows.get<std::int64_t>(i, 2),
                   .net = rows.get<std::int64_t>(i, 3)});
  return out;
}

std::vector<StatusCount> OrderReports::by_status() {
  auto rows = conn_.exec(kByStatus);
  std::vector<StatusCount> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto status = parse_status(rows.get<std::string_view>(i, 0));
    if (status) out.push_back({*status, rows.get<std::int64_t>(i, 1)});
  }
  std::ranges::sort(out, {}, [](const StatusCount& c) { return static_cast<int>(c.status); });
  return out;
}

std::vector<TopProduct> OrderReports::top_products(int days, int limit) {
  auto rows = conn_.exec(kTop, std::max(days, 0), std::clamp(limit, 1, 50));
  std::vector<TopProduct> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({.product_id = rows.get<std::optional<std::int64_t>>(i, 0),
                   .name = rows.get<std::string>(i, 1),
                   .currency = rows.get<std::string>(i, 2),
                   .units = rows.get<std::int64_t>(i, 3),
                   .revenue = rows.get<std::int64_t>(i, 4)});
  return out;
}

}  // namespace comptoir::orders
