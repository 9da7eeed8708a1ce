#include "orders/order_repository.hpp"

#include <array>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "db/connection.hpp"

namespace comptoir::orders {
namespace {

namespace json = boost::json;

#define COMPTOIR_ISO(column) \
  "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

constexpr db::Query kMarkReleased{
    "orders_mark_released",
    "UPDATE orders SET stock_released_at = now(), updated_at = now() WHERE id = $1 AND "
    "stock_released_at IS NULL RETURNING id"};
constexpr db::Query kReservedUnits{
    "orders_reserved_units",
    "SELECT variant_id, quantity, supplier_units FROM order_lines WHERE order_id = $1 AND reserved "
    "AND "
    "variant_id IS NOT NULL ORDER BY variant_id"};
constexpr db::Query kNextId{"orders_next_id",
                            "SELECT nextval(pg_get_serial_sequence('orders', 'id'))"};
constexpr db::Query kInsert{
    "orders_insert",
    "INSERT INTO orders (id, number, user_id, cart_id, email, locale, currency, region_code, "
    "shipping_address, subtotal, discount, shipping, fees, tax, tax_included, total, taxes, "
    "payment_provider, reserved_until, terms_version) OVERRIDING SYSTEM VALUE VALUES ($19, $1, "
    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, "
    "now() + make_interval(mins => $18::int), nullif($20, '')) "
    "RETURNING " COMPTOIR_ISO("created_at") ", " COMPTOIR_ISO("reserved_until")};
constexpr db::Query kInsertLine{
    "orders_insert_line",
    "INSERT INTO order_lines (order_id, position, variant_id, product_id, sku, name, "
    "variant_label, unit_price, quantity, amount, tax, reserved, supplier_units) VALUES ($1, $2, "
    "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"};
constexpr db::Query kSetSupplierUnits{
    "orders_set_supplier_units",
    "UPDATE order_lines SET supplier_units = $3 WHERE order_id = $1 AND position = $2"};
// A history row's columns, written alone (kInsertHistory) or with a change of state (kSetStatus).
#define COMPTOIR_INSERT_HISTORY \
  "INSERT INTO order_history (order_id, actor_kind, actor_id, from_status, to_status, note) "
constexpr db::Query kInsertHistory{
    "orders_insert_history", COMPTOIR_INSERT_HISTORY "VALUES ($1, $2, nullif($3, ''), $4, $5, $6)"};
// An order's columns, then its lines' (one row per line, the line's columns NULL for an order
// without lines): the order and its lines in one statement.
#define COMPTOIR_ORDER_WITH_LINES \
  "SELECT o.id, o.number, o.status, o.user_id, o.email, o.locale, o.currency, o.region_code, "     \
  "o.shipping_address, o.subtotal, o.discount, o.shipping, o.fees, o.tax, o.tax_included, "        \
  "o.total, o.taxes::text, o.payment_provider, coalesce(o.payment_reference, ''), "                \
  "coalesce(o.payment_intent, ''), o.refunded_amount, coalesce(o.tracking_url, ''), "              \
  COMPTOIR_ISO("o.created_at") ", " COMPTOIR_ISO("o.reserved_until") ", o.cart_id, "               \
  "coalesce(o.carrier, ''), coalesce(o.tracking_number, ''), coalesce(o.terms_version, ''), "      \
  "l.variant_id, l.product_id, l.sku, l.name, l.variant_label, l.unit_price, l.quantity, "         \
  "l.amount, l.tax, l.position, l.supplier_units FROM orders o LEFT JOIN order_lines l ON "        \
  "l.order_id = o.id "
constexpr db::Query kIdByNumber{"orders_id_by_number", "SELECT id FROM orders WHERE number = $1"};
constexpr db::Query kNumbers{"orders_numbers",
                             "SELECT id, number FROM orders WHERE id = ANY ($1::bigint[])"};
constexpr db::Query kFindById{"orders_find_by_id",
                              COMPTOIR_ORDER_WITH_LINES "WHERE o.id = $1 ORDER BY l.position"};
constexpr db::Query kHistory{
    "orders_history",
    "SELECT " COMPTOIR_ISO("occurred_at") ", actor_kind, coalesce(actor_id, ''), "
    "coalesce(from_status, ''), to_status, note FROM order_history WHERE order_id = $1 ORDER BY id"};
constexpr db::Query kLockStatus{"orders_lock_status",
                                "SELECT status FROM orders WHERE id = $1 FOR UPDATE"};
constexpr db::Query kLockById{"orders_lock_by_id", COMPTOIR_ORDER_WITH_LINES
                              "WHERE o.id = $1 ORDER BY l.position FOR UPDATE OF o"};
// The same found by a payment key, in PaymentKey's order.
constexpr std::array<db::Query, 3> kLockByPayment{
    db::Query{"orders_lock_by_reference", COMPTOIR_ORDER_WITH_LINES
              "WHERE o.payment_reference = $1 ORDER BY l.position FOR UPDATE OF o"},
    db::Query{"orders_lock_by_intent", COMPTOIR_ORDER_WITH_LINES
              "WHERE o.payment_intent = $1 ORDER BY l.position FOR UPDATE OF o"},
    db::Query{"orders_lock_by_number",
              COMPTOIR_ORDER_WITH_LINES "WHERE o.number = $1 ORDER BY l.position FOR UPDATE OF o"}};
#undef COMPTOIR_ORDER_WITH_LINES
// What a payment event or a refund needs of an order, found by one of its keys in one statement,
// with or without its row's lock: PaymentKey's order, then the id (payment_query).
#define COMPTOIR_PAYMENT_VIEW                                                       \
  "SELECT id, number, status, total, currency, refunded_amount, payment_provider, " \
  "coalesce(payment_reference, ''), coalesce(payment_intent, '') FROM orders WHERE "
constexpr std::array<db::Query, 4> kPaymentViews{
    db::Query{"orders_payment_by_reference", COMPTOIR_PAYMENT_VIEW "payment_reference = $1"},
    db::Query{"orders_payment_by_intent", COMPTOIR_PAYMENT_VIEW "payment_intent = $1"},
    db::Query{"orders_payment_by_number", COMPTOIR_PAYMENT_VIEW "number = $1"},
    db::Query{"orders_payment_by_id", COMPTOIR_PAYMENT_VIEW "id = $1::bigint"}};
constexpr std::array<db::Query, 4> kLockPaymentViews{
    db::Query{"orders_lock_payment_by_reference",
              COMPTOIR_PAYMENT_VIEW "payment_reference = $1 FOR UPDATE"},
    db::Query{"orders_lock_payment_by_intent",
              COMPTOIR_PAYMENT_VIEW "payment_intent = $1 FOR UPDATE"},
    db::Query{"orders_lock_payment_by_number", COMPTOIR_PAYMENT_VIEW "number = $1 FOR UPDATE"},
    db::Query{"orders_lock_payment_by_id", COMPTOIR_PAYMENT_VIEW "id = $1::bigint FOR UPDATE"}};
#undef COMPTOIR_PAYMENT_VIEW

// The place of a key's query in kPaymentViews, kLockPaymentViews and kLockByPayment.
std::size_t key_index(PaymentKey key) {
  switch (key) {
    case PaymentKey::reference:
      return 0;
    case PaymentKey::intent:
      return 1;
    case PaymentKey::number:
      return 2;
  }
  return 2;
}

const db::Query& payment_query(PaymentKey key, bool lock) {
  return (lock ? kLockPaymentViews : kPaymentViews)[key_index(key)];
}
// The payment's id, when given, goes with the state: one write of the order's row, not two; and
// the history row that tells the change, in the same statement.
constexpr db::Query kSetStatus{
    "orders_set_status",
    "WITH changed AS (UPDATE orders SET status = $2, updated_at = now(), paid_at = CASE WHEN $2 = "
    "'paid' THEN now() ELSE paid_at END, payment_intent = coalesce(nullif($3, ''), payment_intent) "
    "WHERE id = $1 RETURNING id) " COMPTOIR_INSERT_HISTORY
    "SELECT id, $4, nullif($5, ''), $6, $2, $7 FROM changed"};
#undef COMPTOIR_INSERT_HISTORY
constexpr db::Query kSetReference{
    "orders_set_reference",
    "UPDATE orders SET payment_reference = $2, updated_at = now() WHERE id = $1"};
constexpr db::Query kSetIntent{
    "orders_set_intent", "UPDATE orders SET payment_intent = $2, updated_at = now() WHERE id = $1"};
constexpr db::Query kSetRefunded{
    "orders_set_refunded",
    "UPDATE orders SET refunded_amount = $2, updated_at = now() WHERE id = $1"};
constexpr db::Query kSetAnalytics{
    "orders_set_analytics",
    "UPDATE orders SET analytics_consent = $2, analytics_client_id = nullif($3, '') WHERE id = $1"};
constexpr db::Query kAnalytics{
    "orders_analytics",
    "SELECT analytics_consent, coalesce(analytics_client_id, '') FROM orders WHERE id = $1"};
constexpr db::Query kSetShipment{
    "orders_set_shipment",
    "UPDATE orders SET carrier = nullif($2, ''), tracking_number = nullif($3, ''), "
    "tracking_url = nullif($4, ''), updated_at = now() WHERE id = $1"};
constexpr db::Query kExpiredHolds{
    "orders_expired_holds",
    "SELECT id FROM orders WHERE status = 'pending' AND stock_released_at IS NULL AND "
    "reserved_until < now() ORDER BY reserved_until LIMIT $1"};
constexpr db::Query kListForUser{
    "orders_list_for_user",
    "SELECT number, status, total, currency, " COMPTOIR_ISO("created_at") " FROM orders "
    "WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"};

#undef COMPTOIR_ISO

std::string taxes_json(const std::vector<cart::TaxLine>& taxes) {
  json::array out;
  for (const auto& tax : taxes)
    out.push_back(json::object{{"code", tax.code},
                               {"millionths", tax.millionths},
                               {"base", tax.base},
                               {"amount", tax.amount}});
  return json::serialize(out);
}

std::vector<cart::TaxLine> taxes_from_json(std::string_view text) {
  std::vector<cart::TaxLine> out;
  boost::system::error_code error;
  auto value = json::parse(text, error);
  if (error || !value.is_array()) return out;
  for (const auto& item : value.as_array()) {
    if (!item.is_object()) continue;
    const auto& object = item.as_object();
    auto integer = [&object](std::string_view key) -> std::int64_t {
      const auto* found = object.if_contains(key);
      return found && found->is_int64() ? found->as_int64() : 0;
    };
    const auto* code = object.if_contains("code");
    out.push_back({.code = code && code->is_string() ? std::string(code->as_string()) : "",
                   .millionths = integer("millionths"),
                   .base = integer("base"),
                   .amount = integer("amount")});
  }
  return out;
}

}  // namespace

bool OrderRepository::mark_released(std::int64_t order_id) {
  return !conn_.exec(kMarkReleased, order_id).empty();
}

std::vector<catalog::StockUnits> OrderRepository::reserved_units(std::int64_t order_id) {
  auto rows = conn_.exec(kReservedUnits, order_id);
  std::vector<catalog::StockUnits> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({.variant_id = rows.get<std::int64_t>(i, 0),
                   .quantity = rows.get<std::int32_t>(i, 1),
                   .from_suppliers = rows.get<std::int32_t>(i, 2)});
  return out;
}

std::int64_t OrderRepository::next_id() {
  return conn_.exec(kNextId).one<std::int64_t>();
}

OrderStamps OrderRepository::insert(const NewOrder& order) {
  const auto& t = order.totals;
  auto row = conn_.exec(kInsert, order.number, order.user_id, order.cart_id, order.email,
                        core::code(order.locale), order.currency, order.region_code,
                        order.sealed_address, t.subtotal, t.discount, t.shipping, t.fees, t.tax,
                        t.tax_included, t.total, taxes_json(t.taxes), name(order.provider),
                        static_cast<int>(order.hold.count()), order.id, order.terms_version);
  return {.created_at = row.get<std::string>(0, 0), .reserved_until = row.get<std::string>(0, 1)};
}

void OrderRepository::insert_line(std::int64_t order_id, int position, const OrderLine& line,
                                  bool reserved) {
  conn_.write(kInsertLine, order_id, position, line.variant_id, line.product_id, line.sku,
              line.name, line.variant_label, line.unit_price, line.quantity, line.amount, line.tax,
              reserved, line.supplier_units);
}

void OrderRepository::set_supplier_units(std::int64_t order_id, int position, int units) {
  conn_.write(kSetSupplierUnits, order_id, position, units);
}

void OrderRepository::add_history(std::int64_t order_id, std::string_view actor_kind,
                                  std::string_view actor_id, std::optional<std::string_view> from,
                                  std::string_view to, std::string_view note) {
  conn_.write(kInsertHistory, order_id, actor_kind, actor_id, from, to, note);
}

std::optional<std::int64_t> OrderRepository::id_by_number(std::string_view number) {
  auto row = conn_.exec(kIdByNumber, number);
  if (row.empty()) return std::nullopt;
  return row.get<std::int64_t>(0, 0);
}

std::map<std::int64_t, std::string> OrderRepository::numbers(const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> out;
  if (ids.empty()) return out;
  auto r = conn_.exec(kNumbers, ids);
  for (std::size_t i = 0; i < r.size(); ++i)
    out.emplace(r.get<std::int64_t>(i, 0), r.get<std::string>(i, 1));
  return out;
}

std::optional<StoredOrder> OrderRepository::find_by_number(std::string_view number) {
  auto id = id_by_number(number);
  if (!id) return std::nullopt;
  return find_by_id(*id);
}

std::optional<StoredOrder> OrderRepository::find_by_id(std::int64_t id) {
  return read_order(kFindById, id);
}

std::optional<StoredOrder> OrderRepository::lock_by_id(std::int64_t id) {
  return read_order(kLockById, id, false);
}

std::optional<StoredOrder> OrderRepository::lock(PaymentKey key, std::string_view value) {
  return stored_order(conn_.exec(kLockByPayment[key_index(key)], value));
}

std::optional<PaymentView> OrderRepository::payment_view(PaymentKey key, std::string_view value,
                                                         bool lock) {
  return read_payment_view(payment_query(key, lock), value);
}

std::optional<PaymentView> OrderRepository::payment_view(std::int64_t order_id, bool lock) {
  return read_payment_view((lock ? kLockPaymentViews : kPaymentViews).back(),
                           std::to_string(order_id));
}

std::optional<PaymentView> OrderRepository::read_payment_view(const db::Query& query,
                                                              std::string_view value) {
  auto row = conn_.exec(query, value);
  if (row.empty()) return std::nullopt;
  return PaymentView{
      .id = row.get<std::int64_t>(0, 0),
      .number = row.get<std::string>(0, 1),
      .status = parse_status(row.get<std::string_view>(0, 2)).value_or(OrderStatus::pending),
      .total = row.get<std::int64_t>(0, 3),
      .currency = row.get<std::string>(0, 4),
      .refunded_amount = row.get<std::int64_t>(0, 5),
      .provider = row.get<std::string_view>(0, 6) == "stripe" ? PaymentProvider::stripe
                                                              : PaymentProvider::manual,
      .payment_reference = row.get<std::string>(0, 7),
      .payment_intent = row.get<std::string>(0, 8)};
}

std::optional<StoredOrder> OrderRepository::read_order(const db::Query& query, std::int64_t id,
                                                       bool with_history) {
  auto stored = stored_order(conn_.exec(query, id));
  if (!stored || !with_history) return stored;
  auto history = conn_.exec(kHistory, id);
  for (std::size_t i = 0; i < history.size(); ++i)
    stored->order.history.push_back({.occurred_at = history.get<std::string>(i, 0),
                                     .actor_kind = history.get<std::string>(i, 1),
                                     .actor_id = history.get<std::string>(i, 2),
                                     .from_status = history.get<std::string>(i, 3),
                                     .to_status = history.get<std::string>(i, 4),
                                     .note = history.get<std::string>(i, 5)});
  return stored;
}

std::optional<StoredOrder> OrderRepository::stored_order(const db::Result& row) {
  if (row.empty()) return std::nullopt;
  StoredOrder stored;
  auto& o = stored.order;
  o.id = row.get<std::int64_t>(0, 0);
  o.number = row.get<std::string>(0, 1);
  o.status = parse_status(row.get<std::string_view>(0, 2)).value_or(OrderStatus::pending);
  o.user_id = row.get<std::optional<std::int64_t>>(0, 3);
  o.email = row.get<std::string>(0, 4);
  o.locale = row.get<std::string_view>(0, 5) == "en" ? core::Locale::en : core::Locale::fr;
  o.currency = row.get<std::string>(0, 6);
  o.region_code = row.get<std::string>(0, 7);
  stored.sealed_address = row.get<std::string>(0, 8);
  o.totals.subtotal = row.get<std::int64_t>(0, 9);
  o.totals.discount = row.get<std::int64_t>(0, 10);
  o.totals.shipping = row.get<std::int64_t>(0, 11);
  o.totals.fees = row.get<std::int64_t>(0, 12);
  o.totals.tax = row.get<std::int64_t>(0, 13);
  o.totals.tax_included = row.get<bool>(0, 14);
  o.totals.total = row.get<std::int64_t>(0, 15);
  o.totals.taxes = taxes_from_json(row.get<std::string_view>(0, 16));
  o.provider = row.get<std::string_view>(0, 17) == "stripe" ? PaymentProvider::stripe
                                                            : PaymentProvider::manual;
  o.payment_reference = row.get<std::string>(0, 18);
  o.payment_intent = row.get<std::string>(0, 19);
  o.refunded_amount = row.get<std::int64_t>(0, 20);
  o.tracking_url = row.get<std::string>(0, 21);
  o.created_at = row.get<std::string>(0, 22);
  o.reserved_until = row.get<std::string>(0, 23);
  stored.cart_id = row.get<std::optional<std::int64_t>>(0, 24);
  o.carrier = row.get<std::string>(0, 25);
  o.tracking_number = row.get<std::string>(0, 26);
  o.terms_version = row.get<std::string>(0, 27);
  constexpr std::size_t kLine = 28;  // the first of the line's columns
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row.is_null(i, kLine + 9)) continue;  // an order without lines: no line in its row
    o.lines.push_back({.variant_id = row.get<std::optional<std::int64_t>>(i, kLine),
                       .product_id = row.get<std::optional<std::int64_t>>(i, kLine + 1),
                       .sku = row.get<std::string>(i, kLine + 2),
                       .name = row.get<std::string>(i, kLine + 3),
                       .variant_label = row.get<std::string>(i, kLine + 4),
                       .unit_price = row.get<std::int64_t>(i, kLine + 5),
                       .quantity = row.get<std::int32_t>(i, kLine + 6),
                       .amount = row.get<std::int64_t>(i, kLine + 7),
                       .tax = row.get<std::int64_t>(i, kLine + 8),
                       .position = row.get<std::int32_t>(i, kLine + 9),
                       .supplier_units = row.get<std::int32_t>(i, kLine + 10)});
  }
  return stored;
}

std::optional<OrderStatus> OrderRepository::lock_status(std::int64_t order_id) {
  auto row = conn_.exec(kLockStatus, order_id);
  if (row.empty()) return std::nullopt;
  return parse_status(row.get<std::string_view>(0, 0));
}

void OrderRepository::set_status(std::int64_t order_id, OrderStatus from, OrderStatus to,
                                 const StatusNote& note, std::string_view payment_intent) {
  conn_.write(kSetStatus, order_id, name(to), payment_intent, note.actor_kind, note.actor_id,
              name(from), note.text);
}

void OrderRepository::set_payment_reference(std::int64_t order_id, std::string_view reference) {
  conn_.exec(kSetReference, order_id, reference);
}

void OrderRepository::set_payment_intent(std::int64_t order_id, std::string_view intent) {
  conn_.write(kSetIntent, order_id, intent);
}

void OrderRepository::set_analytics(std::int64_t order_id, bool consent,
                                    std::string_view client_id) {
  conn_.write(kSetAnalytics, order_id, consent, client_id);
}

std::optional<AnalyticsMark> OrderRepository::analytics(std::int64_t order_id) {
  auto row = conn_.exec(kAnalytics, order_id);
  if (row.empty()) return std::nullopt;
  return AnalyticsMark{.consent = row.get<bool>(0, 0), .client_id = row.get<std::string>(0, 1)};
}

void OrderRepository::set_refunded_amount(std::int64_t order_id, std::int64_t amount) {
  conn_.exec(kSetRefunded, order_id, amount);
}

void OrderRepository::set_shipment(std::int64_t order_id, const Shipment& shipment) {
  conn_.exec(kSetShipment, order_id, shipment.carrier, shipment.tracking_number,
             shipment.tracking_url);
}

std::vector<std::int64_t> OrderRepository::expired_holds(int limit) {
  auto rows = conn_.exec(kExpiredHolds, limit);
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back(rows.get<std::int64_t>(i, 0));
  return ids;
}

std::vector<OrderSummary> OrderRepository::list_for_user(std::int64_t user_id, int limit) {
  auto rows = conn_.exec(kListForUser, user_id, limit);
  std::vector<OrderSummary> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back(
        {.number = rows.get<std::string>(i, 0),
         .status = parse_status(rows.get<std::string_view>(i, 1)).value_or(OrderStatus::pending),
         .total = rows.get<std::int64_t>(i, 2),
         .currency = rows.get<std::string>(i, 3),
         .created_at = rows.get<std::string>(i, 4)});
  return out;
}

}  // namespace comptoir::orders
