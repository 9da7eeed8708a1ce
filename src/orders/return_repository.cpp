#include "orders/return_repository.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"

namespace comptoir::orders {
namespace {

#define COMPTOIR_ISO(column) \
  "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

constexpr db::Query kInsert{
    "returns_insert",
    "INSERT INTO returns (number, order_id, user_id, reason, comment, currency, refund_amount, "
    "locale) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr db::Query kInsertLine{
    "returns_insert_line",
    "INSERT INTO return_lines (return_id, order_id, position, quantity) VALUES ($1, $2, $3, $4)"};
constexpr db::Query kInsertHistory{
    "returns_insert_history",
    "INSERT INTO return_history (return_id, actor_kind, actor_id, from_state, to_state, note) "
    "VALUES ($1, $2, nullif($3, ''), $4, $5, $6)"};
constexpr db::Query kIdByNumber{"returns_id_by_number", "SELECT id FROM returns WHERE number = $1"};
constexpr db::Query kLockState{"returns_lock_state",
                               "SELECT state FROM returns WHERE id = $1 FOR UPDATE"};
#define COMPTOIR_RETURN_COLUMNS \
  "r.id, r.number, r.order_id, o.number, r.user_id, o.email, r.state, r.reason, r.comment, " \
  "r.currency, r.refund_amount, r.refunded_amount, coalesce(r.refund_reference, ''), "       \
  "r.locale, " COMPTOIR_ISO("r.created_at") ", " COMPTOIR_ISO("r.updated_at") ", "           \
  "coalesce(" COMPTOIR_ISO("r.received_at") ", ''), "                                        \
  "coalesce(" COMPTOIR_ISO("r.refunded_at") ", '')"
constexpr db::Query kFindById{"returns_find_by_id",
                              "SELECT " COMPTOIR_RETURN_COLUMNS
                              " FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.id = $1"};
constexpr db::Query kLines{
    "returns_lines",
    "SELECT rl.position, rl.quantity, rl.restock, ol.variant_id, ol.sku, ol.name, "
    "ol.variant_label, ol.unit_price FROM return_lines rl JOIN order_lines ol ON ol.order_id = "
    "rl.order_id AND ol.position = rl.position WHERE rl.return_id = $1 ORDER BY rl.position"};
constexpr db::Query kHistory{
    "returns_history",
    "SELECT " COMPTOIR_ISO("occurred_at") ", actor_kind, coalesce(actor_id, ''), "
    "coalesce(from_state, ''), to_state, note FROM return_history WHERE return_id = $1 "
    "ORDER BY id"};
constexpr db::Query kSetState{
    "returns_set_state",
    "UPDATE returns SET state = $2, updated_at = now(), received_at = CASE WHEN $2 = 'received' "
    "THEN now() ELSE received_at END WHERE id = $1"};
constexpr db::Query kSetRestock{
    "returns_set_restock",
    "UPDATE return_lines SET restock = $3 WHERE return_id = $1 AND position = $2"};
constexpr db::Query kSetRefunded{
    "returns_set_refunded",
    "UPDATE returns SET state = 'refunded', refunded_amount = $2, refund_reference = "
    "nullif($3, ''), refunded_at = now(), updated_at = now() WHERE id = $1"};
constexpr db::Query kOrderFacts{
    "returns_order_facts",
    "SELECT o.total, o.refunded_amount, extract(epoch FROM (SELECT min(h.occurred_at) FROM "
    "order_history h WHERE h.order_id = o.id AND h.to_status = 'fulfilled'))::bigint, "
    "extract(epoch FROM o.paid_at)::bigint FROM orders o WHERE o.id = $1"};
constexpr db::Query kLineTallies{
    "returns_line_tallies",
    "SELECT r.state, rl.position, rl.quantity FROM return_lines rl JOIN returns r ON r.id = "
    "rl.return_id WHERE rl.order_id = $1"};
constexpr db::Query kMoneyTallies{
    "returns_money_tallies",
    "SELECT id, state, refund_amount, coalesce(refunded_amount, 0) FROM returns "
    "WHERE order_id = $1"};
#define COMPTOIR_SUMMARY_COLUMNS                                            \
  "r.id, r.number, o.number, o.email, r.state, r.reason, r.refund_amount, " \
  "r.currency, " COMPTOIR_ISO("r.created_at")
constexpr db::Query kListForOrder{"returns_list_for_order",
                                  "SELECT " COMPTOIR_SUMMARY_COLUMNS
                                  " FROM returns r JOIN orders o ON o.id = r.order_id "
                                  "WHERE r.order_id = $1 ORDER BY r.id"};
constexpr db::Query kList{"returns_list",
                          "SELECT " COMPTOIR_SUMMARY_COLUMNS
                          " FROM returns r JOIN orders o ON o.id = r.order_id "
                          "WHERE ($1::text IS NULL OR r.state = $1) "
                          "AND ($2::date IS NULL OR r.created_at >= $2::date) "
                          "AND ($3::date IS NULL OR r.created_at < $3::date + 1) "
                          "AND ($4::text IS NULL OR r.number = $4 OR o.number = $4) "
                          "AND ($5::bigint IS NULL OR r.id < $5) "
                          "AND ($7::bigint IS NULL OR o.user_id = $7) "
                          "ORDER BY r.id DESC LIMIT $6"};

#undef COMPTOIR_SUMMARY_COLUMNS
#undef COMPTOIR_RETURN_COLUMNS
#undef COMPTOIR_ISO

std::optional<std::chrono::sys_seconds> instant(std::optional<std::int64_t> epoch) {
  if (!epoch) return std::nullopt;
  return std::chrono::sys_seconds{std::chrono::seconds{*epoch}};
}

std::optional<std::string> date_text(std::optional<std::chrono::sys_days> day) {
  if (!day) return std::nullopt;
  std::chrono::year_month_day ymd{*day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::vector<ReturnSummary> summaries(const db::Result& rows) {
  std::vector<ReturnSummary> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back(
        {.id = rows.get<std::int64_t>(i, 0),
         .number = rows.get<std::string>(i, 1),
         .order_number = rows.get<std::string>(i, 2),
         .email = rows.get<std::string>(i, 3),
         .state =
             parse_return_state(rows.get<std::string_view>(i, 4)).value_or(ReturnState::requested),
         .reason =
             parse_return_reason(rows.get<std::string_view>(i, 5)).value_or(ReturnReason::other),
         .refund_amount = rows.get<std::int64_t>(i, 6),
         .currency = rows.get<std::string>(i, 7),
         .created_at = rows.get<std::string>(i, 8)});
  return out;
}

}  // namespace

std::int64_t ReturnRepository::insert(const NewReturn& created) {
  return conn_
      .exec(kInsert, created.number, created.order_id, created.user_id, name(created.reason),
            created.comment, created.currency, created.refund_amount, core::code(created.locale))
      .one<std::int64_t>();
}

void ReturnRepository::insert_line(std::int64_t return_id, std::int64_t order_id,
                                   const ReturnedUnits& units) {
  conn_.exec(kInsertLine, return_id, order_id, units.position, units.quantity);
}

void ReturnRepository::add_history(std::int64_t return_id, std::string_view actor_kind,
                                   std::string_view actor_id, std::optional<std::string_view> from,
                                   std::string_view to, std::string_view note) {
  conn_.exec(kInsertHistory, return_id, actor_kind, actor_id, from, to, note);
}

std::optional<std::int64_t> ReturnRepository::id_by_number(std::string_view number) {
  auto row = conn_.exec(kIdByNumber, number);
  if (row.empty()) return std::nullopt;
  return row.get<std::int64_t>(0, 0);
}

std::optional<ReturnState> ReturnRepository::lock_state(std::int64_t id) {
  auto row = conn_.exec(kLockState, id);
  if (row.empty()) return std::nullopt;
  return parse_return_state(row.get<std::string_view>(0, 0));
}

std::optional<Return> ReturnRepository::find_by_id(std::int64_t id) {
  auto row = conn_.exec(kFindById, id);
  if (row.empty()) return std::nullopt;
  Return r{
      .id = row.get<std::int64_t>(0, 0),
      .number = row.get<std::string>(0, 1),
      .order_id = row.get<std::int64_t>(0, 2),
      .order_number = row.get<std::string>(0, 3),
      .user_id = row.get<std::optional<std::int64_t>>(0, 4),
      .email = row.get<std::string>(0, 5),
      .state = parse_return_state(row.get<std::string_view>(0, 6)).value_or(ReturnState::requested),
      .reason = parse_return_reason(row.get<std::string_view>(0, 7)).value_or(ReturnReason::other),
      .comment = row.get<std::string>(0, 8),
      .currency = row.get<std::string>(0, 9),
      .refund_amount = row.get<std::int64_t>(0, 10),
      .refunded_amount = row.get<std::optional<std::int64_t>>(0, 11),
      .refund_reference = row.get<std::string>(0, 12),
      .locale = row.get<std::string_view>(0, 13) == "en" ? core::Locale::en : core::Locale::fr,
      .created_at = row.get<std::string>(0, 14),
      .updated_at = row.get<std::string>(0, 15),
      .received_at = row.get<std::string>(0, 16),
      .refunded_at = row.get<std::string>(0, 17)};
  auto lines = conn_.exec(kLines, id);
  for (std::size_t i = 0; i < lines.size(); ++i)
    r.lines.push_back({.position = lines.get<std::int32_t>(i, 0),
                       .quantity = lines.get<std::int32_t>(i, 1),
                       .restock = lines.get<std::optional<bool>>(i, 2),
                       .variant_id = lines.get<std::optional<std::int64_t>>(i, 3),
                       .sku = lines.get<std::string>(i, 4),
                       .name = lines.get<std::string>(i, 5),
                       .variant_label = lines.get<std::string>(i, 6),
                       .unit_price = lines.get<std::int64_t>(i, 7)});
  auto history = conn_.exec(kHistory, id);
  for (std::size_t i = 0; i < history.size(); ++i)
    r.history.push_back({.occurred_at = history.get<std::string>(i, 0),
                         .actor_kind = history.get<std::string>(i, 1),
                         .actor_id = history.get<std::string>(i, 2),
                         .from_state = history.get<std::string>(i, 3),
                         .to_state = history.get<std::string>(i, 4),
                         .note = history.get<std::string>(i, 5)});
  return r;
}

void ReturnRepository::set_state(std::int64_t id, ReturnState state) {
  conn_.exec(kSetState, id, name(state));
}

void ReturnRepository::set_restock(std::int64_t id, int position, bool restock) {
  conn_.exec(kSetRestock, id, position, restock);
}

void ReturnRepository::set_refunded(std::int64_t id, std::int64_t amount,
                                    std::string_view reference) {
  conn_.exec(kSetRefunded, id, amount, reference);
}

OrderFacts ReturnRepository::order_facts(std::int64_t order_id) {
  auto row = conn_.exec(kOrderFacts, order_id);
  if (row.empty()) return {};
  return {.total = row.get<std::int64_t>(0, 0),
          .refunded_amount = row.get<std::int64_t>(0, 1),
          .shipped_at = instant(row.get<std::optional<std::int64_t>>(0, 2)),
          .paid_at = instant(row.get<std::optional<std::int64_t>>(0, 3))};
}

std::vector<LineTally> ReturnRepository::line_tallies(std::int64_t order_id) {
  auto rows = conn_.exec(kLineTallies, order_id);
  std::vector<LineTally> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back(
        {.state =
             parse_return_state(rows.get<std::string_view>(i, 0)).value_or(ReturnState::requested),
         .position = rows.get<std::int32_t>(i, 1),
         .quantity = rows.get<std::int32_t>(i, 2)});
  return out;
}

std::vector<MoneyTally> ReturnRepository::money_tallies(std::int64_t order_id) {
  auto rows = conn_.exec(kMoneyTallies, order_id);
  std::vector<MoneyTally> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back(
        {.return_id = rows.get<std::int64_t>(i, 0),
         .state =
             parse_return_state(rows.get<std::string_view>(i, 1)).value_or(ReturnState::requested),
         .refund_amount = rows.get<std::int64_t>(i, 2),
         .refunded_amount = rows.get<std::int64_t>(i, 3)});
  return out;
}

std::vector<ReturnSummary> ReturnRepository::list_for_order(std::int64_t order_id) {
  return summaries(conn_.exec(kListForOrder, order_id));
}

std::vector<ReturnSummary> ReturnRepository::list(const ReturnFilter& filter) {
  std::optional<std::string_view> state;
  if (filter.state) state = name(*filter.state);
  std::optional<std::string> search;
  if (!filter.search.empty()) {
    search = filter.search;
    for (auto& c : *search)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return summaries(conn_.exec(kList, state, date_text(filter.created_from),
                              date_text(filter.created_until), search, filter.before_id,
                              filter.limit + 1, filter.user_id));
}

}  // namespace comptoir::orders
