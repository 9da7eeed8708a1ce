#include "checkout/stripe_events.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <csignal>

#include "accounts/audit_log.hpp"
#include "checkout/payment_binding.hpp"
#include "checkout/refund_repository.hpp"
#include "checkout/refund_settlement.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "observe/error_report.hpp"
#include "observe/log.hpp"
#include "observe/metrics.hpp"
#include "orders/order_service.hpp"

namespace comptoir::checkout {
namespace {

namespace json = boost::json;
using orders::OrderStatus;

// A delivery's row, inserted or (a repeat) counted. Either way the statement leaves the row locked
// until the transaction ends: a concurrent delivery of the same event waits here, then finds it
// applied. An event stored unapplied (deferred, or its application failed) is due to the retry
// job at once.
constexpr db::Query kStore{
    "stripe_store_event",
    "INSERT INTO stripe_events (id, type, payload, next_attempt_at) VALUES ($1, $2, $3::jsonb, "
    "now()) ON CONFLICT (id) "
    "DO UPDATE SET deliveries = stripe_events.deliveries + 1 RETURNING applied_at IS NOT NULL"};
// A repeat of an applied event changes nothing but its count of deliveries: that commit need not
// wait for the disk (a count lost in a crash is all it can lose).
constexpr db::Query kCountWithoutWaiting{"stripe_count_without_waiting",
                                         "SELECT set_config('synchronous_commit', 'off', true)"};
constexpr db::Query kLock{
    "stripe_lock_event",
    "SELECT type, payload::text FROM stripe_events WHERE id = $1 AND applied_at IS NULL "
    "FOR UPDATE"};
constexpr db::Query kMarkApplied{
    "stripe_mark_applied",
    "UPDATE stripe_events SET applied_at = now(), outcome = $2, attempts = attempts + 1, "
    "last_error = NULL WHERE id = $1"};
constexpr db::Query kMarkRefused{
    "stripe_mark_refused",
    "UPDATE stripe_events SET applied_at = now(), outcome = 'refused', refusal = $2, "
    "attempts = attempts + 1, last_error = NULL WHERE id = $1"};
constexpr db::Query kDefer{
    "stripe_defer_event",
    "UPDATE stripe_events SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + "
    "make_interval(secs => least(3600, 15 * power(2, least(attempts, 12)))) WHERE id = $1"};
// The charge.refunded events that came before their payment and wait for the retry job: due at
// once, now that the payment (PaymentIntent $1) is known.
#define COMPTOIR_WAKE_REFUNDS(intent)                                              \
  "UPDATE stripe_events SET next_attempt_at = now() WHERE applied_at IS NULL AND " \
  "next_attempt_at > now() AND type = 'charge.refunded' AND "                      \
  "payload -> 'data' -> 'object' ->> 'payment_intent' = " intent
constexpr db::Query kWakeRefunds{"stripe_wake_refund_events", COMPTOIR_WAKE_REFUNDS("$1")};
// kMarkApplied and kWakeRefunds in one statement (a paid session's event). They never write the
// same row: this event is a session's, the woken ones charge.refunded.
constexpr db::Query kMarkAppliedWaking{
    "stripe_mark_applied_waking",
    "WITH woken AS (" COMPTOIR_WAKE_REFUNDS("$3") ") UPDATE stripe_events SET applied_at = now(), "
    "outcome = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1"};
#undef COMPTOIR_WAKE_REFUNDS
constexpr db::Query kDue{
    "stripe_due_events",
    "SELECT id FROM stripe_events WHERE applied_at IS NULL AND next_attempt_at <= now() "
    "ORDER BY received_at LIMIT $1"};

std::string text(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string{};
}

std::int64_t integer(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_int64() ? value->as_int64() : 0;
}

std::string metadata_order(const json::object& object) {
  const auto* metadata = object.if_contains("metadata");
  return metadata && metadata->is_object() ? text(metadata->as_object(), "order_id") : "";
}

struct Deferred {
  std::string reason;
};

// Thrown while applying an event that must not act on the order it is about: nothing of it is
// written; the event is stored as refused, audited and counted.
struct Refused {
  Refusal reason;
  std::string order_number;  // the order it is about or claims, "" when none
};

class Applier {
 public:
  Applier(db::Connection& conn, const orders::OrderService& service,
          const orders::ReturnService* returns, std::string_view event_id,
          std::int64_t event_created)
      : conn_(conn),
        service_(service),
        returns_(returns),
        event_id_(event_id),
        event_created_(event_created) {}

  // The payment whose waiting charge.refunded events are due once this event is applied; "" none.
  const std::string& refunds_to_wake() const { return refunds_to_wake_; }

  EventOutcome apply(std::string_view type, const json::object& object) {
    if (type == "checkout.session.completed" ||
        type == "checkout.session.async_payment_succeeded") {
      auto order = session_order(object);
      if (!order) return EventOutcome::unchanged;
      auto payment = order->payment();
      if (auto refusal =
              check_payment(payment, integer(object, "amount_total"), text(object, "currency")))
        throw Refused{*refusal, payment.number};
      auto intent = text(object, "payment_intent");
      // Bank debits complete unpaid and settle later (async_payment_succeeded).
      if (type == "checkout.session.completed" && text(object, "payment_status") != "paid") {
        if (!intent.empty()) service_.set_payment_intent(conn_, payment.id, intent);
        return EventOutcome::unchanged;
      }
      // The payment's id is written with the new state; an order already paid records it alone.
      auto outcome =
          to(std::move(*order),
             {.to = OrderStatus::paid, .note = std::string(type), .payment_intent = intent});
      if (outcome != EventOutcome::applied && !intent.empty() && intent != payment.payment_intent)
        service_.set_payment_intent(conn_, payment.id, intent);
      refunds_to_wake_ = intent;  // with the event's mark (StripeEvents::apply)
      return outcome;
    }
    if (type == "checkout.session.async_payment_failed") {
      auto order = session_order(object);
      if (!order) return EventOutcome::unchanged;
      return to(std::move(*order), {.to = OrderStatus::cancelled,
                                    .note = std::string(type),
                                    .mail = orders::OrderMail::payment_failed});
    }
    if (type == "checkout.session.expired") {
      auto order = session_order(object);
      if (!order) return EventOutcome::unchanged;
      return to(std::move(*order), {.to = OrderStatus::cancelled, .note = std::string(type)});
    }
    if (type == "charge.refunded") return refund(object);
    // A refund object: one the shop issued (checkout/refund_service) is settled by its status.
    if (type == "refund.created" || type == "refund.updated" || type == "refund.failed" ||
        type == "charge.refund.updated")
      return refund_update(object);
    return EventOutcome::unchanged;  // other types are not ours to act on
  }

 private:
  // The order a Checkout Session is about: the one whose stored payment reference is the
  // session's id, and no other. A session the shop did not make (a Payment Link, another app on
  // the same Stripe account) is not ours to act on; when it names one of our orders (metadata or
  // client_reference_id) it is trying to claim it, and is refused.
  std::optional<orders::LockedOrder> session_order(const json::object& session) {
    auto order =
        service_.lock_for_change(conn_, orders::PaymentKey::reference, text(session, "id"));
    if (order) return order;
    for (const auto& claimed : {metadata_order(session), text(session, "client_reference_id")})
      if (!claimed.empty() && service_.exists(conn_, claimed))
        throw Refused{Refusal::foreign_session, claimed};
    return std::nullopt;
  }

  EventOutcome refund(const json::object& charge) {
    // Found by the payment the completed session recorded; a refund that comes first waits.
    auto locked =
        service_.lock_for_change(conn_, orders::PaymentKey::intent, text(charge, "payment_intent"));
    if (!locked) throw Deferred{"charge.refunded for a payment not known yet"};
    const auto order = locked->payment();
    if (order.status == OrderStatus::pending) throw Deferred{"charge.refunded before the payment"};
    auto refunded = integer(charge, "amount_refunded");
    if (auto refusal = check_refund(order, refunded, text(charge, "currency")))
      throw Refused{*refusal, order.number};
    if (refunded <= order.refunded_amount) return EventOutcome::unchanged;  // older news
    // Stripe's total counts the refunds the shop issued as soon as Stripe took them; the shop
    // counts each when it settles (RefundSettlement). While one is pending, this event cannot tell
    // them apart from a refund made elsewhere (Stripe's dashboard): it waits until they settle,
    // then moves the order only by what they do not explain, so nothing is counted twice. One that
    // Stripe took and then failed may be in this total if the event is older than the failure: it
    // is never counted (at worst a dashboard refund waits for the next event to be counted).
    RefundRepository refunds(conn_);
    if (refunds.pending_total(order.id) > 0)
      throw Deferred{"charge.refunded while refunds issued by the shop are pending"};
    refunded -= refunds.failed_at_stripe_since(order.id, event_created_);
    if (refunded <= order.refunded_amount) return EventOutcome::unchanged;
    return to(std::move(*locked), {.to = refunded == order.total ? OrderStatus::refunded
                                                                 : OrderStatus::partially_refunded,
                                   .note = "charge.refunded",
                                   .refunded_amount = refunded});
  }

  // refund.* events: the refund the shop issued, found by Stripe's id or, when the event came
  // before the shop recorded Stripe's answer, by the metadata it sent (refund_id, order_id), and
  // only when the event's payment and amount are that refund's. Others (made in the dashboard)
  // are left to charge.refunded.
  EventOutcome refund_update(const json::object& object) {
    auto stripe_id = text(object, "id");
    RefundRepository refunds(conn_);
    auto id = refunds.id_by_stripe_id(stripe_id);
    if (!id) id = claimed_refund(object);
    if (!id) return EventOutcome::unchanged;
    auto refund = refunds.find(*id);
    auto order = refund ? service_.payment_view(conn_, refund->order_id) : std::nullopt;
    if (!order || order->payment_intent != text(object, "payment_intent") ||
        refund->amount != integer(object, "amount")) {
      observe::warn("refund event does not match the shop's refund",
                    {{"event", event_id_}, {"stripe_refund", stripe_id}, {"refund", *id}});
      return EventOutcome::unchanged;
    }
    auto status = text(object, "status");
    RefundSettlement settlement(conn_, service_, returns_);
    switch (state_of_stripe_status(status)) {
      case RefundState::succeeded:
        return settlement.succeed(*id, stripe_id, status, event_id_) ? EventOutcome::applied
                                                                     : EventOutcome::unchanged;
      case RefundState::failed: {
        auto why = text(object, "failure_reason");
        auto error = fmt::format("Stripe: {}", why.empty() ? status : why);
        return settlement.fail(*id, error, stripe_id, status, event_id_) ? EventOutcome::applied
                                                                         : EventOutcome::unchanged;
      }
      case RefundState::pending:
        settlement.wait(*id, stripe_id, status);
        return EventOutcome::unchanged;
    }
    return EventOutcome::unchanged;
  }

  // The shop's refund a refund object names in its metadata, if it has no Stripe id yet.
  std::optional<std::int64_t> claimed_refund(const json::object& object) {
    const auto* metadata = object.if_contains("metadata");
    if (!metadata || !metadata->is_object()) return std::nullopt;
    auto claimed = text(metadata->as_object(), "refund_id");
    std::int64_t id = 0;
    const auto* end = claimed.data() + claimed.size();
    if (claimed.empty() || std::from_chars(claimed.data(), end, id).ptr != end) return std::nullopt;
    auto refund = RefundRepository(conn_).find(id);
    if (!refund || !refund->stripe_refund_id.empty()) return std::nullopt;
    auto order = service_.payment_view(conn_, refund->order_id);
    if (!order || order->number != metadata_order(object)) return std::nullopt;
    return id;
  }

  EventOutcome to(orders::LockedOrder order, orders::Change change) {
    change.actor = {.kind = "stripe", .id = std::string(event_id_)};
    auto changed = service_.change(conn_, std::move(order), change);
    if (changed) return EventOutcome::applied;
    // A state already passed (paid twice, expired after payment…): nothing to do, by design.
    return EventOutcome::unchanged;
  }

  db::Connection& conn_;
  const orders::OrderService& service_;
  const orders::ReturnService* returns_;
  std::string_view event_id_;
  std::int64_t event_created_;  // the event's `created`, Unix seconds (0 when absent)
  std::string refunds_to_wake_;
};

}  // namespace

std::string_view name(EventOutcome outcome) {
  switch (outcome) {
    case EventOutcome::applied:
      return "applied";
    case EventOutcome::unchanged:
      return "unchanged";
    case EventOutcome::deferred:
      return "deferred";
    case EventOutcome::refused:
      return "refused";
  }
  return "unchanged";
}

StripeEvents::StripeEvents(db::Database& db, orders::OrderService& orders,
                           observe::Metrics& metrics, StripeEventsOptions options)
    : db_(db),
      orders_(orders),
      refused_(prometheus::BuildCounter()
                   .Name("payment_events_refused_total")
                   .Help("Verified payment events refused (not the order's session, amount or "
                         "currency; a refund larger than the payment), by provider and reason")
                   .Register(metrics.registry())),
      options_(options) {}

void wake_refund_events(db::Connection& conn, std::string_view payment_intent) {
  if (!payment_intent.empty()) conn.write(kWakeRefunds, payment_intent);
}

boost::asio::awaitable<EventOutcome> StripeEvents::receive(std::string body,
                                                           std::string request_id) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  if (ec || !value.is_object()) throw MalformedEvent{"The body is not a JSON object."};
  const auto& event = value.as_object();
  auto id = text(event, "id");
  auto type = text(event, "type");
  const auto* data = event.if_contains("data");
  auto id_symbol = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  };
  bool id_ok = id.starts_with("evt_") && id.size() > 4 && id.size() <= 254 &&
               std::ranges::all_of(std::string_view(id).substr(4), id_symbol);
  if (!id_ok || type.empty() || !data || !data->is_object() ||
      !data->as_object().if_contains("object"))
    throw MalformedEvent{"An event needs an id (evt_…), a type and data.object."};
  // Stored and applied in one transaction: nothing is answered before the event is applied, so
  // a crash before its commit loses only a delivery that Stripe sends again.
  std::optional<RefusedNote> refused;
  std::exception_ptr failure;
  auto outcome = EventOutcome::unchanged;
  try {
    outcome = co_await db_.transact([&](db::Connection& conn) {
      refused.reset();  // a retried transaction notes again
      if (conn.exec(kStore, id, type, body).one<bool>()) {
        conn.write(kCountWithoutWaiting);
        return EventOutcome::unchanged;
      }
      auto applied = apply(conn, id, type, value, refused);
      if (options_.crash_before_commit) {
        observe::warn("test fault: killing the process before an event's commit", {{"event", id}});
        std::raise(SIGKILL);
      }
      return applied;
    });
  } catch (const std::exception&) {
    failure = std::current_exception();
  }
  if (failure) {
    // Kept for the retry job (checkout.stripe_events), which applies it at its next run; the
    // request still fails (5xx), and Stripe delivers again.
    co_await db_.transact([&](db::Connection& conn) { conn.exec(kStore, id, type, body); });
    std::rethrow_exception(failure);
  }
  if (refused) report(*refused, request_id);
  co_return outcome;
}

EventOutcome StripeEvents::apply(db::Connection& conn, std::string_view event_id,
                                 std::optional<RefusedNote>& refused) const {
  auto row = conn.exec(kLock, event_id);
  if (row.empty()) return EventOutcome::unchanged;  // applied meanwhile by another delivery
  auto type = row.get<std::string>(0, 0);
  auto payload = json::parse(row.get<std::string_view>(0, 1));
  return apply(conn, event_id, type, payload, refused);
}

EventOutcome StripeEvents::apply(db::Connection& conn, std::string_view event_id,
                                 std::string_view type, const json::value& payload,
                                 std::optional<RefusedNote>& refused) const {
  const auto& object = payload.as_object().at("data").as_object().at("object");
  if (!object.is_object()) {
    conn.write(kMarkApplied, event_id, "unchanged");
    return EventOutcome::unchanged;
  }
  try {
    auto created = integer(payload.as_object(), "created");
    Applier applier(conn, orders_, options_.returns, event_id, created);
    auto outcome = applier.apply(type, object.as_object());
    if (const auto& intent = applier.refunds_to_wake(); !intent.empty())
      conn.write(kMarkAppliedWaking, event_id, name(outcome), intent);
    else
      conn.write(kMarkApplied, event_id, name(outcome));
    return outcome;
  } catch (const Deferred& deferred) {
    conn.exec(kDefer, event_id, deferred.reason);
    return EventOutcome::deferred;
  } catch (const Refused& refusal) {
    refused =
        refuse(conn, event_id, type, object.as_object(), refusal.reason, refusal.order_number);
    return EventOutcome::refused;
  }
}

StripeEvents::RefusedNote StripeEvents::refuse(db::Connection& conn, std::string_view event_id,
                                               std::string_view type, const json::object& object,
                                               Refusal reason,
                                               std::string_view order_number) const {
  conn.exec(kMarkRefused, event_id, name(reason));
  json::object details{{"event", event_id},
                       {"type", type},
                       {"reason", name(reason)},
                       {"object", text(object, "id")}};
  for (const auto* key : {"amount_total", "amount_refunded", "currency", "payment_intent"})
    if (const auto* value = object.if_contains(key)) details[key] = *value;
  accounts::append_audit(conn, {.actor = accounts::Actor::system(),
                                .action = "payment.event_refused",
                                .target_kind = "order",
                                .target_id = std::string(order_number),
                                .details = details});
  observe::warn(
      "payment event refused",
      {{"event", event_id}, {"type", type}, {"reason", name(reason)}, {"order", order_number}});
  refused_.Add({{"provider", "stripe"}, {"reason", std::string(name(reason))}}).Increment();
  return {.event_id = std::string(event_id),
          .type = std::string(type),
          .reason = std::string(name(reason)),
          .order_number = std::string(order_number)};
}

void StripeEvents::report(const RefusedNote& refused, std::string_view request_id) const {
  if (options_.reporter == nullptr) return;
  observe::ErrorReport report;
  report.level = observe::Level::warn;
  report.logger = "checkout";
  report.message = fmt::format("payment event refused: {}", refused.reason);
  report.request_id = std::string(request_id);
  if (!request_id.empty()) {
    report.route = "/webhooks/stripe";
    report.transaction = "POST /webhooks/stripe";
  } else {
    report.transaction = "checkout.stripe_events";
  }
  report.tags = {{"provider", "stripe"},
                 {"reason", refused.reason},
                 {"event_type", refused.type},
                 {"stripe_event", refused.event_id},
                 {"order", refused.order_number}};
  report.fingerprint = {"checkout", "payment event refused", refused.reason};
  options_.reporter->report(std::move(report));
}

int StripeEvents::apply_due(int batch) const {
  auto due = db_.transact_sync([&](db::Connection& conn) {
    std::vector<std::string> ids;
    auto rows = conn.exec(kDue, batch);
    for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back(rows.get<std::string>(i, 0));
    return ids;
  });
  int applied = 0;
  for (const auto& id : due) {
    try {
      std::optional<RefusedNote> refused;
      auto outcome = db_.transact_sync([&](db::Connection& conn) {
        refused.reset();
        return apply(conn, id, refused);
      });
      if (refused) report(*refused, "");
      if (outcome != EventOutcome::deferred) ++applied;
    } catch (const std::exception& e) {
      observe::error("stripe event failed to apply", {{"event", id}, {"error", e.what()}});
      db_.transact_sync([&](db::Connection& conn) {
        conn.exec(kDefer, id, std::string(e.what()).substr(0, 500));
      });
    }
  }
  return applied;
}

jobs::Job stripe_events_job(const StripeEvents& events, std::chrono::milliseconds every) {
  return {.name = "checkout.stripe_events",
          .every = every,
          .jitter = every / 5,
          .exclusive = false,
          .run = [&events] {
            if (auto applied = events.apply_due(); applied > 0)
              observe::info("stored stripe events applied", {{"events", applied}});
          }};
}

}  // namespace comptoir::checkout
