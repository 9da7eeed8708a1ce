#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "checkout/payment_binding.hpp"
#include "jobs/job.hpp"

namespace comptoir::db {
class Connection;
class Database;
}  // namespace comptoir::db

namespace comptoir::observe {
class Metrics;
class ErrorReporter;
}  // namespace comptoir::observe
namespace comptoir::orders {
class OrderService;
class ReturnService;
}  // namespace comptoir::orders

namespace comptoir::checkout {

enum class EventOutcome {
  applied,    // the order changed
  unchanged,  // nothing to do: a duplicate, a replay, an event about a state already passed
  deferred,   // about a state not reached yet (a refund before the payment): the retry job
              // applies it once it can
  refused,    // must not act (checkout/payment_binding.hpp): stored with the reason, audited,
              // logged and counted (payment_events_refused_total)
};

std::string_view name(EventOutcome outcome);

// Thrown by receive() for a body that is not a Stripe event: answered 400, nothing stored.
struct MalformedEvent {
  std::string reason;
};

struct StripeEventsOptions {
  // Test only: the process kills itself once an event is stored and applied, before that
  // transaction commits (crash test).
  bool crash_before_commit = false;
  // Where a refund of a return, settled by one of Stripe's refund events, records it.
  const orders::ReturnService* returns = nullptr;
  // Hears of each refused event once its transaction has committed (a warning: someone sent a
  // verified event that must not act); none: only logged and counted.
  observe::ErrorReporter* reporter = nullptr;
};

// The charge.refunded events about `payment_intent` that wait (deferred: the payment was not known
// or not paid yet, or refunds the shop issued were pending) become due at once, on `conn` and in
// its transaction: called when the state they waited for is reached, so the retry job applies them
// at its next run rather than at the end of their back-off.
void wake_refund_events(db::Connection& conn, std::string_view payment_intent);

// Stripe's payment events, applied exactly once whatever their number and order of arrival.
// Each verified delivery is stored by its event id (stripe_events, unique) and applied in one
// transaction, which holds the event's row and then the order's: a duplicate finds it applied; an
// event that fails to apply is stored on its own, and the retry job applies it later.
class StripeEvents {
 public:
  StripeEvents(db::Database& db, orders::OrderService& orders, observe::Metrics& metrics,
               StripeEventsOptions options = {});

  // `body` is the verified raw body. Throws MalformedEvent, or whatever failed while applying
  // (once the event is stored for the retry job: the caller answers 5xx and Stripe delivers
  // again). `request_id`:
  // the delivery's, for the report of a refused event.
  boost::asio::awaitable<EventOutcome> receive(std::string body, std::string request_id = {});

  // Applies stored events not applied yet whose next attempt is due (the retry job). Returns how
  // many were applied. A failure is recorded on the event with the next attempt's time.
  // Blocking: for the checkout.stripe_events job.
  int apply_due(int batch = 50) const;

 private:
  // What the error report of a refused event says.
  struct RefusedNote {
    std::string event_id;
    std::string type;
    std::string reason;
    std::string order_number;
  };
  // Applies one stored event if it is not applied yet (unchanged when it already was). A refusal
  // is noted in `refused`, to be reported once the transaction has committed.
  EventOutcome apply(db::Connection& conn, std::string_view event_id,
                     std::optional<RefusedNote>& refused) const;
  // Applies an event whose row this transaction holds, unapplied: `payload` is the whole event.
  EventOutcome apply(db::Connection& conn, std::string_view event_id, std::string_view type,
                     const boost::json::value& payload, std::optional<RefusedNote>& refused) const;
  // Records a refused event: its row, the audit log, the log and the metric.
  RefusedNote refuse(db::Connection& conn, std::string_view event_id, std::string_view type,
                     const boost::json::object& object, Refusal reason,
                     std::string_view order_number) const;
  void report(const RefusedNote& refused, std::string_view request_id) const;

  db::Database& db_;
  orders::OrderService& orders_;
  prometheus::Family<prometheus::Counter>& refused_;
  StripeEventsOptions options_;
};

// checkout.stripe_events: every `every`, stored events not applied yet (a database error while
// applying, a refund that came before its payment) are applied. Not exclusive: each event is
// applied in a transaction that locks its row and finds it applied when another process got there
// first, so several processes share the work.
jobs::Job stripe_events_job(const StripeEvents& events, std::chrono::milliseconds every);

}  // namespace comptoir::checkout
