#include "analytics/outbox_sender.hpp"

#include <algorithm>

#include "analytics/event_outbox.hpp"
#include "db/database.hpp"
#include "observe/log.hpp"
#include "observe/metrics.hpp"

namespace comptoir::analytics {

std::chrono::milliseconds retry_delay(int attempts, std::chrono::milliseconds base) {
  constexpr std::chrono::milliseconds kMax{6LL * 3600 * 1000};
  if (attempts <= 1) return std::min(base, kMax);
  auto delay = base;
  for (int i = 1; i < attempts && delay < kMax; ++i) delay *= 2;
  return std::min(delay, kMax);
}

OutboxSender::OutboxSender(db::Database& db, EventSender sender, observe::Metrics& metrics,
                           OutboxOptions options)
    : db_(db),
      sender_(std::move(sender)),
      options_(options),
      sent_(prometheus::BuildCounter()
                .Name("analytics_events_sent_total")
                .Help("Server-side analytics events (purchase, refund) the service accepted")
                .Register(metrics.registry())),
      failed_(prometheus::BuildCounter()
                  .Name("analytics_events_failed_total")
                  .Help("Failed attempts to send a server-side analytics event, by kind and "
                        "outcome (retry, gave_up)")
                  .Register(metrics.registry())) {}

bool OutboxSender::send_one() const {
  return db_.transact_sync([&](db::Connection& conn) {
    EventOutbox outbox(conn);
    auto row = outbox.claim_due();
    if (!row) return false;
    auto kind = std::string(name(row->kind));
    auto attempts = row->attempts + 1;
    auto event = event_from_json(row->event);
    std::expected<void, SendFailure> sent =
        event ? sender_.send(*event)
              : std::unexpected(SendFailure{.permanent = true, .message = "unreadable event"});
    if (sent) {
      outbox.mark_sent(row->id);
      sent_.Add({{"kind", kind}}).Increment();
      observe::info("analytics event sent",
                    {{"outbox_id", row->id}, {"order_id", row->order_id}, {"kind", kind}});
      return true;
    }
    bool last = sent.error().permanent || attempts >= options_.max_attempts;
    auto delay = retry_delay(attempts, options_.retry_base);
    outbox.mark_failed(row->id, sent.error().message, last,
                       std::chrono::duration<double>(delay).count());
    failed_.Add({{"kind", kind}, {"outcome", last ? "gave_up" : "retry"}}).Increment();
    observe::warn("analytics event not sent", {{"outbox_id", row->id},
                                               {"order_id", row->order_id},
                                               {"kind", kind},
                                               {"attempt", attempts},
                                               {"gave_up", last},
                                               {"error", sent.error().message}});
    return true;
  });
}

int OutboxSender::drain(std::stop_token stop) const {
  int handled = 0;
  while (!stop.stop_requested() && send_one()) ++handled;
  return handled;
}

jobs::Job outbox_job(const OutboxSender& sender, std::chrono::milliseconds poll) {
  return {.name = "analytics.outbox",
          .every = poll,
          .jitter = poll / 4,
          .exclusive = false,
          .run = [&sender](std::stop_token stop) { sender.drain(stop); }};
}

}  // namespace comptoir::analytics
