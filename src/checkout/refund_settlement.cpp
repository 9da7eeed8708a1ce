#include "checkout/refund_settlement.hpp"

#include <fmt/format.h>

#include <charconv>

#include "accounts/audit_log.hpp"
#include "checkout/refund_repository.hpp"
#include "checkout/stripe_events.hpp"
#include "observe/log.hpp"
#include "orders/order_service.hpp"
#include "orders/return_service.hpp"

namespace comptoir::checkout {
namespace {

accounts::Actor audit_actor(const orders::Actor& actor) {
  std::int64_t id = 0;
  const auto* end = actor.id.data() + actor.id.size();
  bool numeric = !actor.id.empty() && std::from_chars(actor.id.data(), end, id).ptr == end;
  if (numeric && actor.kind == "user") return accounts::Actor::user(id);
  if (numeric && actor.kind == "api_token") return accounts::Actor::token(id);
  return accounts::Actor::system();
}

// The order history's note for a refund that went through: which one, and why.
std::string history_note(const Refund& refund, std::string_view stripe_refund_id) {
  auto note = fmt::format("refund #{} ({}", refund.id, name(refund.reason));
  if (refund.return_id) note += fmt::format(", return #{}", *refund.return_id);
  note += refund.provider == orders::PaymentProvider::manual
              ? std::string(", recorded: paid offline)")
              : fmt::format(", Stripe {})", stripe_refund_id);
  if (!refund.note.empty()) note += ": " + refund.note;
  return note;
}

}  // namespace

void audit_refund(db::Connection& conn, std::string_view what, const Refund& refund,
                  std::string_view settled_by, const RefundOrigin& origin) {
  boost::json::object details{{"refund_id", refund.id},
                              {"amount", refund.amount},
                              {"currency", refund.currency},
                              {"provider", orders::name(refund.provider)},
                              {"reason", name(refund.reason)}};
  if (!refund.stripe_refund_id.empty()) details["stripe_refund_id"] = refund.stripe_refund_id;
  if (refund.return_id) details["return_id"] = *refund.return_id;
  if (!refund.error.empty()) details["error"] = refund.error;
  if (!settled_by.empty()) details["settled_by"] = settled_by;
  accounts::append_audit(conn, {.actor = audit_actor(refund.actor),
                                .action = fmt::format("refund.{}", what),
                                .target_kind = "order",
                                .target_id = refund.order_number,
                                .ip = origin.ip,
                                .request_id = origin.request_id,
                                .details = std::move(details)});
}

std::optional<RefundError> RefundSettlement::record(
    std::int64_t refund_id, const std::expected<StripeRefund, StripeFailure>& answer,
    std::chrono::seconds retry_base) {
  if (answer) {
    switch (state_of_stripe_status(answer->status)) {
      case RefundState::succeeded:
        succeed(refund_id, answer->id, answer->status, "stripe");
        return std::nullopt;
      case RefundState::pending:
        wait(refund_id, answer->id, answer->status);
        return std::nullopt;
      case RefundState::failed: {
        auto why = answer->failure_reason.empty() ? answer->status : answer->failure_reason;
        fail(refund_id, fmt::format("Stripe: {}", why), answer->id, answer->status, "stripe");
        return RefundError::stripe_rejected;
      }
    }
    return std::nullopt;
  }
  const auto& failure = answer.error();
  switch (failure.kind) {
    case StripeFailure::Kind::unavailable: {
      RefundRepository refunds(conn_);
      // Still pending and unanswered: an event or another attempt may have settled it meanwhile.
      if (auto locked = refunds.lock(refund_id);
          locked && locked->state == RefundState::pending && locked->stripe_refund_id.empty())
        refunds.defer(refund_id, clipped_text(failure.message, 500), retry_base);
      return RefundError::stripe_unavailable;
    }
    case StripeFailure::Kind::misconfigured:
      fail(refund_id, fmt::format("Stripe refused the shop's API key: {}", failure.message), "", "",
           "stripe");
      return RefundError::stripe_misconfigured;
    case StripeFailure::Kind::rejected:
      fail(refund_id, failure.message, "", "", "stripe");
      return RefundError::stripe_rejected;
  }
  return RefundError::stripe_rejected;
}

bool RefundSettlement::succeed(std::int64_t refund_id, std::string_view stripe_refund_id,
                               std::string_view stripe_status, std::string_view settled_by) {
  RefundRepository refunds(conn_);
  auto row = refunds.find(refund_id);
  if (!row) return false;
  // The order first, then the refund: every path that settles refunds locks in this order.
  auto order = orders_.lock_for_payment(conn_, row->order_id);
  auto refund = refunds.lock(refund_id);
  if (!order || !refund || refund->state != RefundState::pending) return false;
  refunds.mark_succeeded(refund_id, stripe_refund_id, stripe_status);
  refund->order_number = order->number;
  if (!stripe_refund_id.empty()) refund->stripe_refund_id = stripe_refund_id;
  auto refunded = order->refunded_amount + refund->amount;
  // A return's refund: the return records it, and its mail says so.
  bool told = false;
  if (refund->return_id && returns_) {
    auto reference =
        refund->stripe_refund_id.empty() ? std::string("manual") : refund->stripe_refund_id;
    auto marked = returns_->mark_refunded(conn_, *refund->return_id, refund->amount, reference,
                                          refund->actor);
    told = marked.has_value();
    // Checked when the refund was issued; if the return moved meanwhile (closed by hand), the
    // money went back all the same: the order records it, and the log says what the return missed.
    if (!marked)
      observe::error(
          "refund succeeded but its return could not record it",
          {{"order", order->number}, {"refund", refund_id}, {"return", *refund->return_id}});
  }
  auto moved = orders_.change(conn_, order->id,
                              {.to = refunded_status(order->total, refunded),
                               .actor = refund->actor,
                               .note = history_note(*refund, refund->stripe_refund_id),
                               .refunded_amount = refunded,
                               .quiet = told});
  // Cannot happen while every refund goes through here (it was checked against what was paid and
  // pending when issued); if it does, the money went back all the same: record that, and say so.
  if (!moved)
    observe::error("refund succeeded but the order could not record it",
                   {{"order", order->number}, {"refund", refund_id}, {"amount", refund->amount}});
  audit_refund(conn_, "succeeded", *refund, settled_by);
  wake_refund_events(conn_, order->payment_intent);
  return true;
}

bool RefundSettlement::fail(std::int64_t refund_id, std::string_view error,
                            std::string_view stripe_refund_id, std::string_view stripe_status,
                            std::string_view settled_by) {
  RefundRepository refunds(conn_);
  auto row = refunds.find(refund_id);
  if (!row) return false;
  auto order = orders_.lock_for_payment(conn_, row->order_id);
  auto refund = refunds.lock(refund_id);
  if (!order || !refund || refund->state == RefundState::failed) return false;
  if (refund->state == RefundState::succeeded)
    observe::warn("a refund that had succeeded failed at Stripe: the customer did not get it",
                  {{"order", order->number}, {"refund", refund_id}, {"error", error}});
  auto message = clipped_text(error, 500);
  refunds.mark_failed(refund_id, message, stripe_refund_id, stripe_status);
  refund->order_number = order->number;
  refund->error = message;
  if (!stripe_refund_id.empty()) refund->stripe_refund_id = stripe_refund_id;
  audit_refund(conn_, "failed", *refund, settled_by);
  wake_refund_events(conn_, order->payment_intent);
  return true;
}

void RefundSettlement::wait(std::int64_t refund_id, std::string_view stripe_refund_id,
                            std::string_view stripe_status) {
  RefundRepository refunds(conn_);
  if (auto refund = refunds.lock(refund_id); refund && refund->state == RefundState::pending)
    refunds.mark_waiting(refund_id, stripe_refund_id, stripe_status);
}

}  // namespace comptoir::checkout
