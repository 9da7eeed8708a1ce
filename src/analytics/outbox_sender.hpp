#pragma once

#include <chrono>
#include <stop_token>

#include <prometheus/counter.h>
#include <prometheus/family.h>

#include "analytics/event_sender.hpp"
#include "jobs/job.hpp"

namespace comptoir::db {
class Database;
}
namespace comptoir::observe {
class Metrics;
}

namespace comptoir::analytics {

struct OutboxOptions {
  int max_attempts = 10;
  std::chrono::milliseconds retry_base{std::chrono::seconds{30}};  // tests: a second
};

// After `attempts` failed sends, the next waits retry_base × 2^(attempts-1), at most 6 h.
std::chrono::milliseconds retry_delay(int attempts, std::chrono::milliseconds base);

// Sends analytics_events one row at a time: the row is claimed (FOR UPDATE SKIP LOCKED, so several
// processes share the work and no event goes twice), sent, and marked sent in the same
// transaction. A 5xx, 429 or network failure is tried again later with backoff; a refusal (4xx)
// or max_attempts failures leave the row as given up with its last error.
// A crash between the service's acceptance and the commit sends that event again: neither API
// takes an idempotency key (GA4 deduplicates purchases by transaction_id).
// `db` should be a database of its own (one connection): a slow service then never holds a
// connection a request is waiting for.
class OutboxSender {
 public:
  OutboxSender(db::Database& db, EventSender sender, observe::Metrics& metrics,
               OutboxOptions options = {});

  // Sends every due row until none is left or `stop` is requested; returns how many it handled.
  int drain(std::stop_token stop = {}) const;

 private:
  bool send_one() const;  // false when nothing is due

  db::Database& db_;
  EventSender sender_;
  OutboxOptions options_;
  prometheus::Family<prometheus::Counter>& sent_;
  prometheus::Family<prometheus::Counter>& failed_;
};

// analytics.outbox: drains the outbox every `poll`. Not exclusive: rows are claimed with
// FOR UPDATE SKIP LOCKED, so each process sends its own share.
jobs::Job outbox_job(const OutboxSender& sender,
                     std::chrono::milliseconds poll = std::chrono::seconds{2});

}  // namespace comptoir::analytics
