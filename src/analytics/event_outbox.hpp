#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/events.hpp"

namespace comptoir::db {
class Connection;
}

// analytics_events: the server's events, written in the transaction that pays or refunds an order
// and sent afterwards by the analytics.outbox job. SQL only; on the caller's connection.
namespace comptoir::analytics {

struct OutboxRow {
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  EventKind kind = EventKind::purchase;
  std::string event{};  // to_json(Event)
  int attempts = 0;
  bool sent = false;
  bool gave_up = false;
  std::string last_error{};
};

class EventOutbox {
 public:
  explicit EventOutbox(db::Connection& conn) : conn_(conn) {}

  // Adds the event unless the order already has one of this kind and key: false then.
  bool enqueue(std::int64_t order_id, EventKind kind, std::string_view key, const Event& event);
  // The oldest due row, locked (FOR UPDATE SKIP LOCKED): another process takes another one.
  std::optional<OutboxRow> claim_due();
  void mark_sent(std::int64_t id);
  // A failed attempt: tried again after `retry_in` seconds, or never (gave up) when `last`.
  void mark_failed(std::int64_t id, std::string_view error, bool last, double retry_in);
  // Every row of an order, oldest first (tests, the back office one day).
  std::vector<OutboxRow> of_order(std::int64_t order_id);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::analytics
