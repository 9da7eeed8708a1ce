#include "checkout/refund_service.hpp"

#include <fmt/format.h>

#include "checkout/refund_repository.hpp"
#include "core/offload.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "observe/log.hpp"
#include "orders/order_service.hpp"
#include "orders/return_service.hpp"

namespace comptoir::checkout {
namespace {

// A refund written and the payment it gives back (Stripe's PaymentIntent; "" offline).
struct Issued {
  Refund refund{};
  std::string payment_intent{};
};

// The refund as stored now, with its order's number.
std::optional<Refund> load(db::Connection& conn, std::int64_t refund_id,
                           std::string_view order_number) {
  auto refund = RefundRepository(conn).find(refund_id);
  if (refund) refund->order_number = order_number;
  return refund;
}

}  // namespace

RefundService::RefundService(db::Database& db, orders::OrderService& orders, RefundGateway stripe,
                             RefundOptions options)
    : db_(db), orders_(orders), stripe_(std::move(stripe)), options_(options) {}

RefundService::~RefundService() {
  pool_.join();
}

boost::asio::awaitable<std::expected<Refund, RefundFailure>> RefundService::refund(
    RefundRequest request) {
  using Prepared = std::expected<Issued, RefundFailure>;
  // One transaction with the order locked: what is paid, refunded and pending cannot move
  // between the check and the new refund's row, so concurrent refunds never add up past it.
  auto prepared = co_await db_.transact([&](db::Connection& conn) -> Prepared {
    auto order = orders_.lock_for_payment(conn, orders::PaymentKey::number, request.order_number);
    if (!order) return std::unexpected(RefundFailure{.error = RefundError::unknown_order});
    RefundRepository refunds(conn);
    auto pending = refunds.pending_total(order->id);
    if (auto refused = check_new_refund(*order, pending, request.amount))
      return std::unexpected(RefundFailure{
          .error = *refused,
          .refundable = refundable_amount(order->total, order->refunded_amount, pending),
          .currency = order->currency});
    if (request.return_id) {
      // A return's refund: at most what the return covers, once, and only once it is received.
      if (!options_.returns)
        return std::unexpected(RefundFailure{.error = RefundError::return_not_refundable});
      auto covered = options_.returns->refundable_amount(conn, *request.return_id, order->id);
      if (!covered) return std::unexpected(RefundFailure{.error = RefundError::unknown_return});
      if (*covered <= 0 || refunds.open_for_return(order->id, *request.return_id))
        return std::unexpected(RefundFailure{.error = RefundError::return_not_refundable});
      if (request.amount > *covered)
        return std::unexpected(RefundFailure{.error = RefundError::exceeds_return,
                                             .refundable = *covered,
                                             .currency = order->currency});
    }
    bool online = order->provider == orders::PaymentProvider::stripe;
    auto id = refunds.next_id();
    refunds.insert({.id = id,
                    .order_id = order->id,
                    .amount = request.amount,
                    .currency = order->currency,
                    .provider = order->provider,
                    .idempotency_key = fmt::format("comptoir-refund-{}-{}", order->number, id),
                    .reason = request.reason,
                    .note = clipped_text(request.note, kMaxRefundNote),
                    .actor = request.actor,
                    .return_id = request.return_id,
                    .lease = online ? std::optional(options_.lease) : std::nullopt});
    audit_refund(conn, "requested", *load(conn, id, order->number), "", request.origin);
    // Paid offline, refunded offline: staff give the money back themselves; it is recorded now.
    if (!online) RefundSettlement(conn, orders_, options_.returns).succeed(id, "", "", "manual");
    return Issued{.refund = *load(conn, id, order->number),
                  .payment_intent = order->payment_intent};
  });
  if (!prepared) co_return std::unexpected(prepared.error());
  const auto& issued = *prepared;
  if (issued.refund.provider == orders::PaymentProvider::manual) co_return issued.refund;

  // Outside any transaction: Stripe may take seconds, and its answer is recorded in another.
  auto job = [this, &issued] { return send(issued.refund, issued.payment_intent); };
  auto error = co_await core::run_on<std::optional<RefundError>>(pool_, job);
  auto stored = co_await db_.transact([&](db::Connection& conn) {
    return load(conn, issued.refund.id, issued.refund.order_number);
  });
  if (error)
    co_return std::unexpected(
        RefundFailure{.error = *error, .refund = stored, .currency = issued.refund.currency});
  co_return std::move(*stored);
}

std::optional<RefundError> RefundService::send(const Refund& refund,
                                               std::string_view payment_intent) const {
  // The same request every time (Stripe refuses a key reused with other parameters).
  StripeRefundRequest request{.payment_intent = std::string(payment_intent),
                              .amount = refund.amount,
                              .reason = std::string(stripe_reason(refund.reason)),
                              .order_number = refund.order_number,
                              .refund_id = refund.id,
                              .idempotency_key = refund.idempotency_key};
  auto answer = stripe_(request);
  if (!answer)
    observe::warn("stripe refund not made", {{"order", refund.order_number},
                                             {"refund", refund.id},
                                             {"status", answer.error().status},
                                             {"error", answer.error().message}});
  return db_.transact_sync([&](db::Connection& conn) {
    return RefundSettlement(conn, orders_, options_.returns)
        .record(refund.id, answer, options_.retry_base);
  });
}

boost::asio::awaitable<std::optional<OrderRefunds>> RefundService::refunds_of(
    std::string order_number) {
  co_return co_await db_.transact(
      [&](db::Connection& conn) { return refunds_of(conn, order_number); });
}

std::optional<OrderRefunds> RefundService::refunds_of(db::Connection& conn,
                                                      std::string_view order_number) const {
  auto order = orders_.payment_view(conn, orders::PaymentKey::number, order_number);
  if (!order) return std::nullopt;
  OrderRefunds out{.order_number = order->number,
                   .status = order->status,
                   .provider = order->provider,
                   .currency = order->currency,
                   .total = order->total,
                   .refunded = order->refunded_amount,
                   .refunds = RefundRepository(conn).for_order(order->id)};
  for (auto& refund : out.refunds) {
    refund.order_number = order->number;
    if (refund.state == RefundState::pending) out.pending += refund.amount;
  }
  // What a new refund may give back now: nothing unless check_new_refund would take one cent.
  auto refundable = refundable_amount(out.total, out.refunded, out.pending);
  if (refundable > 0 && !check_new_refund(*order, out.pending, 1)) out.refundable = refundable;
  return out;
}

int RefundService::retry_due(int batch) const {
  struct Claim {
    ClaimedRefund claimed{};
    std::string payment_intent{};
  };
  int settled = 0;
  for (int i = 0; i < batch; ++i) {
    auto claim = db_.transact_sync([&](db::Connection& conn) -> std::optional<Claim> {
      auto claimed = RefundRepository(conn).claim_due(options_.lease, options_.give_up_after);
      if (!claimed) return std::nullopt;
      auto order = orders_.payment_view(conn, claimed->refund.order_id);
      if (!order) return std::nullopt;
      claimed->refund.order_number = order->number;
      return Claim{.claimed = std::move(*claimed), .payment_intent = order->payment_intent};
    });
    if (!claim) break;
    const auto& refund = claim->claimed.refund;
    if (claim->claimed.too_old) {
      auto why = fmt::format(
          "Stripe could not be reached for {} hours: check the payment in Stripe's dashboard "
          "before refunding again",
          options_.give_up_after.count());
      db_.transact_sync([&](db::Connection& conn) {
        return RefundSettlement(conn, orders_, options_.returns)
            .fail(refund.id, why, "", "", "system");
      });
      ++settled;
      continue;
    }
    if (send(refund, claim->payment_intent) != RefundError::stripe_unavailable) ++settled;
  }
  return settled;
}

jobs::Job refund_retry_job(const RefundService& refunds, std::chrono::milliseconds every) {
  return {.name = "checkout.refunds",
          .every = every,
          .jitter = every / 5,
          .exclusive = false,
          .run = [&refunds] {
            if (auto settled = refunds.retry_due(); settled > 0)
              observe::info("pending refunds sent to Stripe again", {{"refunds", settled}});
          }};
}

}  // namespace comptoir::checkout
