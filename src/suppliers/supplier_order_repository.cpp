#include "suppliers/supplier_order_repository.hpp"

#include "db/connection.hpp"

namespace comptoir::suppliers {
namespace {

#define COMPTOIR_ORDER_COLUMNS                                                                 \
  "id, supplier_id, order_id, external_id, state, supplier_order_number, carrier, "            \
  "tracking_number, tracking_url, currency, items_cost, shipping_cost, attempts, last_error, " \
  "extract(epoch FROM now() - state_changed_at)::bigint, version"

constexpr db::Query kCandidates{
    "supplier_orders_candidates",
    "SELECT m.variant_id, s.id, sv.id, m.priority, sv.cost, sv.currency, sv.stock "
    "FROM supplier_mappings m JOIN supplier_variants sv ON sv.id = m.supplier_variant_id "
    "JOIN suppliers s ON s.id = sv.supplier_id WHERE m.variant_id = ANY ($1::bigint[]) "
    "AND s.active AND s.type <> 'LOCAL_STOCK' AND sv.available AND sv.sync_status = 'OK' "
    "ORDER BY m.variant_id, m.priority, sv.id"};
constexpr db::Query kMapped{"supplier_orders_mapped_variants",
                            "SELECT DISTINCT variant_id FROM supplier_mappings ORDER BY 1"};
constexpr db::Query kInsert{
    "supplier_orders_insert",
    "INSERT INTO supplier_orders (supplier_id, order_id, external_id, currency, items_cost) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (external_id) DO NOTHING RETURNING id"};
constexpr db::Query kInsertItems{
    "supplier_orders_insert_items",
    "INSERT INTO supplier_order_items (supplier_order_id, order_id, line_position, "
    "supplier_variant_id, quantity, unit_cost) SELECT $1, $2, p, v, q, c FROM "
    "unnest($3::int[], $4::bigint[], $5::int[], $6::bigint[]) AS u(p, v, q, c)"};
constexpr db::Query kCancelPending{
    "supplier_orders_cancel_pending",
    "UPDATE supplier_orders SET state = 'CANCELLED', last_error = $2, state_changed_at = now(), "
    "claimed_until = NULL, version = version + 1 WHERE order_id = $1 AND state = 'PENDING' "
    "RETURNING id"};
constexpr db::Query kForOrder{"supplier_orders_for_order",
                              "SELECT " COMPTOIR_ORDER_COLUMNS
                              " FROM supplier_orders WHERE order_id = $1 ORDER BY id"};
constexpr db::Query kFind{"supplier_orders_find",
                          "SELECT " COMPTOIR_ORDER_COLUMNS " FROM supplier_orders WHERE id = $1"};
constexpr db::Query kLockByExternalId{"supplier_orders_lock_by_external_id",
                                      "SELECT " COMPTOIR_ORDER_COLUMNS
                                      " FROM supplier_orders WHERE external_id = $1 FOR UPDATE"};
constexpr db::Query kLockBySupplierNumber{
    "supplier_orders_lock_by_supplier_number",
    "SELECT " COMPTOIR_ORDER_COLUMNS
    " FROM supplier_orders WHERE supplier_id = $1 "
    "AND supplier_order_number = $2 AND supplier_order_number <> '' FOR UPDATE"};
constexpr db::Query kClaim{
    "supplier_orders_claim",
    "UPDATE supplier_orders SET claimed_until = now() + make_interval(secs => $1::int), "
    "attempts = attempts + CASE WHEN state = 'PENDING' THEN 1 ELSE 0 END WHERE id = ("
    "SELECT o.id FROM supplier_orders o JOIN suppliers s ON s.id = o.supplier_id "
    "WHERE o.state IN ('PENDING', 'SENT_TO_SUPPLIER', 'CONFIRMED', 'IN_PRODUCTION') "
    "AND o.next_attempt_at <= $2::timestamptz "
    "AND (o.claimed_until IS NULL OR o.claimed_until < now()) "
    "AND ($3::bigint IS NULL OR o.id = $3) "
    "AND s.active ORDER BY o.next_attempt_at, o.id LIMIT 1 FOR UPDATE OF o SKIP LOCKED) "
    "RETURNING " COMPTOIR_ORDER_COLUMNS};
constexpr db::Query kNow{"supplier_orders_now", "SELECT now()::text"};
constexpr db::Query kCountDue{
    "supplier_orders_count_due",
    "SELECT count(*) FROM supplier_orders o JOIN suppliers s ON s.id = o.supplier_id "
    "WHERE o.state IN ('PENDING', 'SENT_TO_SUPPLIER', 'CONFIRMED', 'IN_PRODUCTION') "
    "AND o.next_attempt_at <= now() AND s.active"};
constexpr db::Query kLines{
    "supplier_orders_lines",
    "SELECT i.line_position, p.external_id, v.external_id, v.sku, i.quantity, "
    "coalesce(nullif(v.title, ''), nullif(p.title, ''), v.sku) "
    "FROM supplier_order_items i JOIN supplier_variants v ON v.id = i.supplier_variant_id "
    "JOIN supplier_products p ON p.id = v.supplier_product_id WHERE i.supplier_order_id = $1 "
    "ORDER BY i.line_position"};
constexpr db::Query kRecord{
    "supplier_orders_record",
    "UPDATE supplier_orders SET state_changed_at = CASE WHEN state <> $2 THEN now() ELSE "
    "state_changed_at END, state = $2, "
    "supplier_order_number = coalesce(nullif($3, ''), supplier_order_number), "
    "carrier = coalesce(nullif($4, ''), carrier), "
    "tracking_number = coalesce(nullif($5, ''), tracking_number), "
    "tracking_url = coalesce(nullif($6, ''), tracking_url), "
    "items_cost = CASE WHEN $7::bigint > 0 THEN $7::bigint ELSE items_cost END, "
    "shipping_cost = CASE WHEN $8::bigint > 0 THEN $8::bigint ELSE shipping_cost END, "
    "next_attempt_at = now() + make_interval(secs => $9::int), claimed_until = NULL, "
    "last_error = $10, version = version + 1 WHERE id = $1"};
constexpr db::Query kShippedUnnotified{
    "supplier_orders_shipped_unnotified",
    "SELECT " COMPTOIR_ORDER_COLUMNS
    " FROM supplier_orders s WHERE state IN ('SHIPPED', 'DELIVERED') AND shop_notified_at IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM supplier_orders o WHERE o.order_id = s.order_id AND o.state "
    "IN ('PENDING', 'SENT_TO_SUPPLIER', 'CONFIRMED', 'IN_PRODUCTION', 'FAILED')) "
    "ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED"};
constexpr db::Query kMarkNotified{
    "supplier_orders_mark_notified",
    "UPDATE supplier_orders SET shop_notified_at = now() WHERE id = ANY ($1::bigint[]) "
    "AND shop_notified_at IS NULL"};
constexpr db::Query kCovered{
    "supplier_orders_covered",
    "SELECT i.line_position, sum(i.quantity)::int FROM supplier_order_items i "
    "JOIN supplier_orders o ON o.id = i.supplier_order_id WHERE o.order_id = $1 "
    "AND o.state NOT IN ('CANCELLED', 'FAILED') GROUP BY i.line_position"};

// The order queue (order_queue.hpp): orders with their supplier, newest first. $1 state or NULL,
// $2 open only, $3 supplier or NULL, $4 stuck only, $5 limit. Stuck: supplier_order_stuck
// (migration 0026), as dispatch's ORDER_STUCK says.
#define COMPTOIR_STUCK "supplier_order_stuck(state, now() - state_changed_at, s_days)"
constexpr db::Query kQueue{
    "supplier_orders_queue",
    "SELECT " COMPTOIR_ORDER_COLUMNS
    ", s_name, s_type, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "coalesce(claimed_until > now(), false), " COMPTOIR_STUCK
    " FROM supplier_orders JOIN (SELECT id AS s_id, name AS s_name, type AS s_type, "
    "default_shipping_days AS s_days FROM suppliers) s ON s_id = supplier_id "
    "WHERE ($1::text IS NULL OR state = $1) "
    "AND (NOT $2 OR state IN ('PENDING', 'SENT_TO_SUPPLIER', 'CONFIRMED', 'IN_PRODUCTION', "
    "'FAILED')) AND ($3::bigint IS NULL OR supplier_id = $3) AND (NOT $4 OR " COMPTOIR_STUCK
    ") ORDER BY created_at DESC, id DESC LIMIT $5"};
#undef COMPTOIR_STUCK
constexpr db::Query kStuck{"supplier_orders_stuck",
                           "SELECT supplier_order_stuck($1, make_interval(secs => $2), $3)"};
constexpr db::Query kLock{"supplier_orders_lock", "SELECT " COMPTOIR_ORDER_COLUMNS
                                                  ", coalesce(claimed_until > now(), false) "
                                                  "FROM supplier_orders WHERE id = $1 FOR UPDATE"};
constexpr db::Query kRetry{
    "supplier_orders_retry",
    "UPDATE supplier_orders SET state = 'PENDING', attempts = 0, next_attempt_at = now(), "
    "claimed_until = NULL, state_changed_at = now(), last_error = '', version = version + 1 "
    "WHERE id = $1 AND state = 'FAILED'"};

#undef COMPTOIR_ORDER_COLUMNS

SupplierOrder order_of(const db::Result& r, std::size_t i) {
  return {.id = r.get<std::int64_t>(i, 0),
          .supplier_id = r.get<std::int64_t>(i, 1),
          .order_id = r.get<std::int64_t>(i, 2),
          .external_id = r.get<std::string>(i, 3),
          .state = parse_supplier_order_state(r.get<std::string_view>(i, 4))
                       .value_or(SupplierOrderState::failed),
          .supplier_order_number = r.get<std::string>(i, 5),
          .carrier = r.get<std::string>(i, 6),
          .tracking_number = r.get<std::string>(i, 7),
          .tracking_url = r.get<std::string>(i, 8),
          .currency = r.get<std::string>(i, 9),
          .items_cost = r.get<std::int64_t>(i, 10),
          .shipping_cost = r.get<std::int64_t>(i, 11),
          .attempts = r.get<std::int32_t>(i, 12),
          .last_error = r.get<std::string>(i, 13),
          .seconds_in_state = r.get<std::int64_t>(i, 14),
          .version = r.get<std::int32_t>(i, 15)};
}

std::vector<SupplierOrder> orders_of(const db::Result& r) {
  std::vector<SupplierOrder> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(order_of(r, i));
  return out;
}

}  // namespace

std::map<std::int64_t, std::vector<Candidate>> SupplierOrderRepository::candidates(
    const std::vector<std::int64_t>& variant_ids) {
  std::map<std::int64_t, std::vector<Candidate>> out;
  if (variant_ids.empty()) return out;
  auto r = conn_.exec(kCandidates, variant_ids);
  for (std::size_t i = 0; i < r.size(); ++i)
    out[r.get<std::int64_t>(i, 0)].push_back({.supplier_id = r.get<std::int64_t>(i, 1),
                                              .supplier_variant_id = r.get<std::int64_t>(i, 2),
                                              .priority = r.get<std::int32_t>(i, 3),
                                              .cost = r.get<std::optional<std::int64_t>>(i, 4),
                                              .currency = r.get<std::string>(i, 5),
                                              .stock = r.get<std::optional<std::int32_t>>(i, 6)});
  return out;
}

std::vector<std::int64_t> SupplierOrderRepository::mapped_variants() {
  auto r = conn_.exec(kMapped);
  std::vector<std::int64_t> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.get<std::int64_t>(i, 0));
  return out;
}

bool SupplierOrderRepository::insert(const NewSupplierOrder& order) {
  std::int64_t cost = 0;
  std::vector<int> positions;
  std::vector<std::int64_t> variants;
  std::vector<int> quantities;
  std::vector<std::int64_t> costs;
  for (const auto& item : order.items) {
    cost += item.unit_cost * item.quantity;
    positions.push_back(item.line_position);
    variants.push_back(item.supplier_variant_id);
    quantities.push_back(item.quantity);
    costs.push_back(item.unit_cost);
  }
  auto r = conn_.exec(kInsert, order.supplier_id, order.order_id, order.external_id, order.currency,
                      cost);
  if (r.empty()) return false;
  conn_.exec(kInsertItems, r.get<std::int64_t>(0, 0), order.order_id, positions, variants,
             quantities, costs);
  return true;
}

std::vector<std::int64_t> SupplierOrderRepository::cancel_pending(std::int64_t order_id,
                                                                  std::string_view reason) {
  auto r = conn_.exec(kCancelPending, order_id, reason);
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.get<std::int64_t>(i, 0));
  return out;
}

std::vector<SupplierOrder> SupplierOrderRepository::for_order(std::int64_t order_id) {
  return orders_of(conn_.exec(kForOrder, order_id));
}

std::optional<SupplierOrder> SupplierOrderRepository::find(std::int64_t id) {
  auto r = conn_.exec(kFind, id);
  if (r.empty()) return std::nullopt;
  return order_of(r, 0);
}

std::optional<SupplierOrder> SupplierOrderRepository::lock_by_supplier_number(
    std::int64_t supplier_id, std::string_view number) {
  auto r = conn_.exec(kLockBySupplierNumber, supplier_id, number);
  if (r.empty()) return std::nullopt;
  return order_of(r, 0);
}

std::optional<SupplierOrder> SupplierOrderRepository::lock_by_external_id(
    std::string_view external_id) {
  auto r = conn_.exec(kLockByExternalId, external_id);
  if (r.empty()) return std::nullopt;
  return order_of(r, 0);
}

std::string SupplierOrderRepository::now() {
  return conn_.exec(kNow).one<std::string>();
}

std::optional<SupplierOrder> SupplierOrderRepository::claim_due(std::chrono::seconds lease,
                                                                const std::string& due_by,
                                                                std::optional<std::int64_t> only) {
  auto r = conn_.exec(kClaim, static_cast<int>(lease.count()), due_by, only);
  if (r.empty()) return std::nullopt;
  return order_of(r, 0);
}

std::int64_t SupplierOrderRepository::count_due() {
  return conn_.exec(kCountDue).one<std::int64_t>();
}

std::vector<SupplierOrderLine> SupplierOrderRepository::lines(std::int64_t supplier_order_id) {
  auto r = conn_.exec(kLines, supplier_order_id);
  std::vector<SupplierOrderLine> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.line_position = r.get<std::int32_t>(i, 0),
                   .product_external_id = r.get<std::string>(i, 1),
                   .variant_external_id = r.get<std::string>(i, 2),
                   .sku = r.get<std::string>(i, 3),
                   .title = r.get<std::string>(i, 5),
                   .quantity = r.get<std::int32_t>(i, 4)});
  return out;
}

void SupplierOrderRepository::record(std::int64_t id, const Progress& progress) {
  RemoteOrder none;
  const auto& remote = progress.remote ? *progress.remote : none;
  conn_.exec(kRecord, id, to_string(progress.state), remote.number, remote.carrier,
             remote.tracking_number, remote.tracking_url, remote.items_cost, remote.shipping_cost,
             static_cast<int>(progress.next_in.count()), progress.error);
}

bool SupplierOrderRepository::stuck(SupplierOrderState state, std::int64_t seconds_in_state,
                                    int shipping_days) {
  return conn_.exec(kStuck, to_string(state), seconds_in_state, shipping_days).one<bool>();
}

std::vector<QueueRow> SupplierOrderRepository::queue(const QueueQuery& query) {
  std::optional<std::string> state;
  if (query.state) state = std::string(to_string(*query.state));
  auto r = conn_.exec(kQueue, state, query.open_only, query.supplier_id, query.stuck_only,
                      static_cast<std::int64_t>(query.limit));
  std::vector<QueueRow> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i)
    out.push_back({.order = order_of(r, i),
                   .supplier_name = r.get<std::string>(i, 16),
                   .supplier_type = parse_supplier_type(r.get<std::string_view>(i, 17))
                                        .value_or(SupplierType::dropshipper),
                   .created_at = r.get<std::string>(i, 18),
                   .next_attempt_at = r.get<std::string>(i, 19),
                   .claimed = r.get<bool>(i, 20),
                   .stuck = r.get<bool>(i, 21)});
  return out;
}

std::optional<std::pair<SupplierOrder, bool>> SupplierOrderRepository::lock(std::int64_t id) {
  auto r = conn_.exec(kLock, id);
  if (r.empty()) return std::nullopt;
  return std::pair{order_of(r, 0), r.get<bool>(0, 16)};
}

bool SupplierOrderRepository::retry(std::int64_t id) {
  return conn_.exec(kRetry, id).affected_rows() == 1;
}

std::vector<SupplierOrder> SupplierOrderRepository::lock_shipped_unnotified(int limit) {
  return orders_of(conn_.exec(kShippedUnnotified, limit));
}

void SupplierOrderRepository::mark_notified(const std::vector<std::int64_t>& ids) {
  if (!ids.empty()) conn_.exec(kMarkNotified, ids);
}

std::map<int, int> SupplierOrderRepository::covered_units(std::int64_t order_id) {
  auto r = conn_.exec(kCovered, order_id);
  std::map<int, int> out;
  for (std::size_t i = 0; i < r.size(); ++i)
    out[r.get<std::int32_t>(i, 0)] = r.get<std::int32_t>(i, 1);
  return out;
}

}  // namespace comptoir::suppliers
