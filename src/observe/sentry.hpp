#pragma once

#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include <prometheus/counter.h>
#include <prometheus/family.h>

#include "core/config.hpp"
#include "observe/error_report.hpp"
#include "observe/sampler.hpp"
#include "observe/sentry_event.hpp"

namespace comptoir::observe {

class Metrics;

struct SentryOptions {
  core::SentryDsn dsn;
  EventSource source;
  core::Redactor redactor;
  std::size_t queue_capacity = 100;  // events waiting to be sent; more are dropped and counted
  unsigned per_minute = 10;          // events of one fingerprint a minute (FloodSampler)
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds send_timeout{5000};   // a whole delivery
  std::chrono::milliseconds flush_timeout{2000};  // at stop(), for what is still queued
};

// Sends error reports to Sentry's envelope endpoint (or GlitchTip's) from a thread of its own,
// through libcurl, so a slow or unreachable Sentry never slows a request or a job:
// - report() builds the event (scrubbed, with the request's breadcrumbs) and queues it without
//   waiting; a full queue drops it;
// - a flood of one error is sampled (FloodSampler, per fingerprint);
// - a 429, Retry-After or X-Sentry-Rate-Limits on errors pauses sending; what comes meanwhile is
//   dropped;
// - stop() sends what is queued for at most flush_timeout, cutting a delivery in progress.
// Counted on /metrics: sentry_events_sent_total, sentry_events_dropped_total{reason=queue_full|
// sampled|rate_limited|shutdown}, sentry_events_failed_total (no answer, or an error status).
class SentryReporter final : public ErrorReporter {
 public:
  SentryReporter(SentryOptions options, Metrics& metrics);
  ~SentryReporter() override;
  SentryReporter(const SentryReporter&) = delete;
  SentryReporter& operator=(const SentryReporter&) = delete;

  void report(ErrorReport report) noexcept override;
  // Flushes for at most flush_timeout, drops the rest, joins the thread. Idempotent.
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  void run(const std::stop_token& stop);
  void deliver(const boost::json::object& event);
  bool paused(Clock::time_point now) const;

  const SentryOptions options_;
  const Scrubber scrub_;
  const std::string url_;
  const std::string auth_;
  const std::string dsn_text_;
  FloodSampler sampler_;
  prometheus::Counter& sent_;
  prometheus::Counter& failed_;
  prometheus::Family<prometheus::Counter>& dropped_;
  prometheus::Counter& queue_full_;
  prometheus::Counter& sampled_;
  prometheus::Counter& rate_limited_;
  prometheus::Counter& shutdown_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::deque<boost::json::object> queue_;
  bool stopping_ = false;
  std::atomic<Clock::rep> paused_until_{0};  // steady clock ticks; 0: not paused
  std::atomic<Clock::rep> cut_at_;           // a delivery still running then is abandoned
  Clock::time_point last_failure_log_{};
  std::jthread thread_;  // last: starts once everything above is ready
};

}  // namespace comptoir::observe
