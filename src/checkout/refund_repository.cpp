#include "checkout/refund_repository.hpp"

#include "db/connection.hpp"

namespace comptoir::checkout {
namespace {

#define COMPTOIR_ISO(column) \
  "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define COMPTOIR_REFUND_COLUMNS                                                       \
  "id, order_id, amount, currency, provider, state, coalesce(stripe_refund_id, ''), " \
  "coalesce(stripe_status, ''), idempotency_key, reason, note, actor_kind, "          \
  "coalesce(actor_id, ''), return_id, coalesce(error, ''), attempts, " COMPTOIR_ISO(  \
      "created_at") ", coalesce(" COMPTOIR_ISO("settled_at") ", '')"

constexpr db::Query kNextId{"refunds_next_id",
                            "SELECT nextval(pg_get_serial_sequence('refunds', 'id'))"};
constexpr db::Query kInsert{
    "refunds_insert",
    "INSERT INTO refunds (id, order_id, amount, currency, provider, idempotency_key, reason, "
    "note, actor_kind, actor_id, return_id, attempts, next_attempt_at) OVERRIDING SYSTEM VALUE "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, nullif($10, ''), $11, "
    "CASE WHEN $12::int IS NULL THEN 0 ELSE 1 END, now() + make_interval(secs => $12::int))"};
constexpr db::Query kFind{"refunds_find",
                          "SELECT " COMPTOIR_REFUND_COLUMNS " FROM refunds WHERE id = $1"};
constexpr db::Query kLock{
    "refunds_lock", "SELECT " COMPTOIR_REFUND_COLUMNS " FROM refunds WHERE id = $1 FOR UPDATE"};
constexpr db::Query kByStripeId{"refunds_by_stripe_id",
                                "SELECT id FROM refunds WHERE stripe_refund_id = $1"};
constexpr db::Query kForOrder{"refunds_for_order", "SELECT " COMPTOIR_REFUND_COLUMNS
                                                   " FROM refunds WHERE order_id = $1 ORDER BY id"};
constexpr db::Query kPendingTotal{
    "refunds_pending_total",
    "SELECT coalesce(sum(amount), 0)::bigint FROM refunds WHERE order_id = $1 AND "
    "state = 'pending'"};
constexpr db::Query kOpenForReturn{
    "refunds_open_for_return",
    "SELECT EXISTS (SELECT 1 FROM refunds WHERE order_id = $1 AND return_id = $2 AND "
    "state = 'pending')"};
constexpr db::Query kFailedAtStripe{
    "refunds_failed_at_stripe_since",
    "SELECT coalesce(sum(amount), 0)::bigint FROM refunds WHERE order_id = $1 AND "
    "state = 'failed' AND stripe_refund_id IS NOT NULL AND updated_at >= to_timestamp($2)"};
constexpr db::Query kSucceeded{
    "refunds_succeeded",
    "UPDATE refunds SET state = 'succeeded', stripe_refund_id = coalesce(nullif($2, ''), "
    "stripe_refund_id), stripe_status = coalesce(nullif($3, ''), stripe_status), error = NULL, "
    "next_attempt_at = NULL, settled_at = now(), updated_at = now() WHERE id = $1"};
constexpr db::Query kFailed{
    "refunds_failed",
    "UPDATE refunds SET state = 'failed', error = $2, stripe_refund_id = coalesce(nullif($3, ''), "
    "stripe_refund_id), stripe_status = coalesce(nullif($4, ''), stripe_status), "
    "next_attempt_at = NULL, settled_at = coalesce(settled_at, now()), updated_at = now() "
    "WHERE id = $1"};
constexpr db::Query kWaiting{
    "refunds_waiting",
    "UPDATE refunds SET stripe_refund_id = coalesce(nullif($2, ''), stripe_refund_id), "
    "stripe_status = coalesce(nullif($3, ''), stripe_status), error = NULL, "
    "next_attempt_at = NULL, updated_at = now() WHERE id = $1"};
constexpr db::Query kDefer{
    "refunds_defer",
    "UPDATE refunds SET error = $2, updated_at = now(), next_attempt_at = now() + make_interval("
    "secs => greatest(1, least(3600, $3::int * power(2, least(greatest(attempts - 1, 0), 12))))) "
    "WHERE id = $1"};
constexpr db::Query kClaimDue{
    "refunds_claim_due",
    "UPDATE refunds SET attempts = attempts + 1, updated_at = now(), "
    "next_attempt_at = now() + make_interval(secs => $1::int) WHERE id = (SELECT id FROM refunds "
    "WHERE state = 'pending' AND stripe_refund_id IS NULL AND next_attempt_at <= now() "
    "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " COMPTOIR_REFUND_COLUMNS
    ", created_at < now() - make_interval(hours => $2::int)"};

#undef COMPTOIR_REFUND_COLUMNS
#undef COMPTOIR_ISO

Refund refund_of(const db::Result& rows, std::size_t i) {
  auto provider = rows.get<std::string_view>(i, 4) == "manual" ? orders::PaymentProvider::manual
                                                               : orders::PaymentProvider::stripe;
  return {
      .id = rows.get<std::int64_t>(i, 0),
      .order_id = rows.get<std::int64_t>(i, 1),
      .amount = rows.get<std::int64_t>(i, 2),
      .currency = rows.get<std::string>(i, 3),
      .provider = provider,
      .state = parse_refund_state(rows.get<std::string_view>(i, 5)).value_or(RefundState::pending),
      .stripe_refund_id = rows.get<std::string>(i, 6),
      .stripe_status = rows.get<std::string>(i, 7),
      .idempotency_key = rows.get<std::string>(i, 8),
      .reason = parse_refund_reason(rows.get<std::string_view>(i, 9)).value_or(RefundReason::other),
      .note = rows.get<std::string>(i, 10),
      .actor = {.kind = rows.get<std::string>(i, 11), .id = rows.get<std::string>(i, 12)},
      .return_id = rows.get<std::optional<std::int64_t>>(i, 13),
      .error = rows.get<std::string>(i, 14),
      .attempts = rows.get<std::int32_t>(i, 15),
      .created_at = rows.get<std::string>(i, 16),
      .settled_at = rows.get<std::string>(i, 17)};
}

std::optional<Refund> first(const db::Result& rows) {
  if (rows.empty()) return std::nullopt;
  return refund_of(rows, 0);
}

}  // namespace

std::int64_t RefundRepository::next_id() {
  return conn_.exec(kNextId).one<std::int64_t>();
}

void RefundRepository::insert(const NewRefund& r) {
  std::optional<int> lease;
  if (r.lease) lease = static_cast<int>(r.lease->count());
  conn_.exec(kInsert, r.id, r.order_id, r.amount, r.currency, orders::name(r.provider),
             r.idempotency_key, name(r.reason), r.note, r.actor.kind, r.actor.id, r.return_id,
             lease);
}

std::optional<Refund> RefundRepository::find(std::int64_t id) {
  return first(conn_.exec(kFind, id));
}

std::optional<Refund> RefundRepository::lock(std::int64_t id) {
  return first(conn_.exec(kLock, id));
}

std::optional<std::int64_t> RefundRepository::id_by_stripe_id(std::string_view stripe_refund_id) {
  if (stripe_refund_id.empty()) return std::nullopt;
  auto row = conn_.exec(kByStripeId, stripe_refund_id);
  if (row.empty()) return std::nullopt;
  return row.get<std::int64_t>(0, 0);
}

std::vector<Refund> RefundRepository::for_order(std::int64_t order_id) {
  auto rows = conn_.exec(kForOrder, order_id);
  std::vector<Refund> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(refund_of(rows, i));
  return out;
}

std::int64_t RefundRepository::pending_total(std::int64_t order_id) {
  return conn_.exec(kPendingTotal, order_id).one<std::int64_t>();
}

bool RefundRepository::open_for_return(std::int64_t order_id, std::int64_t return_id) {
  return conn_.exec(kOpenForReturn, order_id, return_id).one<bool>();
}

std::int64_t RefundRepository::failed_at_stripe_since(std::int64_t order_id,
                                                      std::int64_t unix_time) {
  return conn_.exec(kFailedAtStripe, order_id, unix_time).one<std::int64_t>();
}

void RefundRepository::mark_succeeded(std::int64_t id, std::string_view stripe_refund_id,
                                      std::string_view stripe_status) {
  conn_.exec(kSucceeded, id, stripe_refund_id, stripe_status);
}

void RefundRepository::mark_failed(std::int64_t id, std::string_view error,
                                   std::string_view stripe_refund_id,
                                   std::string_view stripe_status) {
  conn_.exec(kFailed, id, error, stripe_refund_id, stripe_status);
}

void RefundRepository::mark_waiting(std::int64_t id, std::string_view stripe_refund_id,
                                    std::string_view stripe_status) {
  conn_.exec(kWaiting, id, stripe_refund_id, stripe_status);
}

void RefundRepository::defer(std::int64_t id, std::string_view error, std::chrono::seconds base) {
  conn_.exec(kDefer, id, error, static_cast<int>(base.count()));
}

std::optional<ClaimedRefund> RefundRepository::claim_due(std::chrono::seconds lease,
                                                         std::chrono::hours keep) {
  auto rows =
      conn_.exec(kClaimDue, static_cast<int>(lease.count()), static_cast<int>(keep.count()));
  if (rows.empty()) return std::nullopt;
  return ClaimedRefund{.refund = refund_of(rows, 0), .too_old = rows.get<bool>(0, 18)};
}

}  // namespace comptoir::checkout
