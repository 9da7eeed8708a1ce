#include "observe/sentry.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <prometheus/family.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <utility>

#include "core/build_info.hpp"
#include "core/random.hpp"
#include "observe/metrics.hpp"
#include "observe/trail.hpp"

namespace comptoir::observe {
namespace {

struct Answer {
  long status = 0;
  std::string error;  // transport failure; empty when an answer came
  std::string retry_after;
  std::string rate_limits;
};

std::size_t ignore_body(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

// Keeps the two headers that say when to send again.
std::size_t keep_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<Answer*>(user);
  std::string_view line(data, size * count);
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  if (name == "retry-after") answer->retry_after = std::string(value);
  if (name == "x-sentry-rate-limits") answer->rate_limits = std::string(value);
  return size * count;
}

// Abandons a delivery once the steady clock passes *cut_at (stop() sets it).
int cut_when_due(void* cut_at, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* at = static_cast<const std::atomic<std::chrono::steady_clock::rep>*>(cut_at);
  return std::chrono::steady_clock::now().time_since_epoch().count() >= at->load() ? 1 : 0;
}

long millis(std::chrono::milliseconds ms) {
  return static_cast<long>(std::max<std::chrono::milliseconds::rep>(ms.count(), 1));
}

Answer post(const std::string& url, const std::string& auth, const std::string& body,
            std::chrono::milliseconds connect_timeout, std::chrono::milliseconds timeout,
            std::atomic<std::chrono::steady_clock::rep>& cut_at) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Answer answer;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    answer.error = "libcurl could not start";
    return answer;
  }
  auto auth_header = "X-Sentry-Auth: " + auth;
  curl_slist* raw = curl_slist_append(nullptr, auth_header.c_str());
  raw = curl_slist_append(raw, "Content-Type: application/x-sentry-envelope");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw, &curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {};
  auto* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &ignore_body);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &keep_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &answer);
  curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &cut_when_due);
  curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &cut_at);
  curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, millis(connect_timeout));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, millis(timeout));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "comptoir");
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  auto code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    answer.error = fmt::format("{}{}{}", curl_easy_strerror(code), error[0] ? ": " : "", error);
    return answer;
  }
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

}  // namespace

SentryReporter::SentryReporter(SentryOptions options, Metrics& metrics)
    : options_([&] {
        if (options.source.server_name.empty()) options.source.server_name = host_name();
        return std::move(options);
      }()),
      scrub_(options_.redactor),
      url_(options_.dsn.envelope_url()),
      auth_(auth_header(options_.dsn.public_key, core::build::kVersion)),
      dsn_text_(options_.dsn.text()),
      sampler_(options_.per_minute),
      sent_(prometheus::BuildCounter()
                .Name("sentry_events_sent_total")
                .Help("Error events Sentry accepted")
                .Register(metrics.registry())
                .Add({})),
      failed_(prometheus::BuildCounter()
                  .Name("sentry_events_failed_total")
                  .Help("Error events whose delivery failed (no answer, or an error status)")
                  .Register(metrics.registry())
                  .Add({})),
      dropped_(prometheus::BuildCounter()
                   .Name("sentry_events_dropped_total")
                   .Help("Error events not sent, by reason: queue_full, sampled (a flood of one "
                         "error), rate_limited (Sentry asked to wait), shutdown (still queued "
                         "when the flush time ran out)")
                   .Register(metrics.registry())),
      queue_full_(dropped_.Add({{"reason", "queue_full"}})),
      sampled_(dropped_.Add({{"reason", "sampled"}})),
      rate_limited_(dropped_.Add({{"reason", "rate_limited"}})),
      shutdown_(dropped_.Add({{"reason", "shutdown"}})),
      cut_at_(Clock::time_point::max().time_since_epoch().count()),
      thread_([this](const std::stop_token& stop) { run(stop); }) {}

SentryReporter::~SentryReporter() {
  stop();
}

bool SentryReporter::paused(Clock::time_point now) const {
  return now.time_since_epoch().count() < paused_until_.load();
}

void SentryReporter::report(ErrorReport report) noexcept {
  try {
    auto fingerprint = fingerprint_of(report);
    std::string key;
    for (const auto& part : fingerprint) key.append(part).push_back('\n');
    if (!sampler_.admit(key)) {
      sampled_.Increment();
      return;
    }
    if (paused(Clock::now())) {
      rate_limited_.Increment();
      return;
    }
    std::vector<std::string> breadcrumbs;
    if (!report.request_id.empty()) breadcrumbs = request_trails().lines(report.request_id);
    auto event = build_event(report, breadcrumbs, options_.source, scrub_, core::random_hex(16),
                             std::chrono::system_clock::now());
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || queue_.size() >= options_.queue_capacity) {
        queue_full_.Increment();
        return;
      }
      queue_.push_back(std::move(event));
    }
    wake_.notify_one();
  } catch (...) {
    // Reporting an error must never become one: the report is lost, the caller goes on.
    failed_.Increment();
  }
}

void SentryReporter::run(const std::stop_token& stop) {
  while (true) {
    boost::json::object event;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, stop, [this] { return !queue_.empty(); });
      if (queue_.empty()) return;  // stopped with nothing left to send
      event = std::move(queue_.front());
      queue_.pop_front();
    }
    const auto now = Clock::now();
    if (now.time_since_epoch().count() >= cut_at_.load()) {
      shutdown_.Increment();  // the flush time ran out
      continue;
    }
    if (paused(now)) {
      rate_limited_.Increment();
      continue;
    }
    deliver(event);
  }
}

void SentryReporter::deliver(const boost::json::object& event) {
  auto body = envelope(event, dsn_text_, std::chrono::system_clock::now());
  auto answer = post(url_, auth_, body, options_.connect_timeout, options_.send_timeout, cut_at_);
  if (auto pause = rate_limit_pause(answer.status, answer.retry_after, answer.rate_limits)) {
    paused_until_.store((Clock::now() + *pause).time_since_epoch().count());
    observe::warn("error reports paused: Sentry asked to wait",
                  {{"seconds", std::chrono::duration<double>(*pause).count()}});
  }
  if (answer.error.empty() && answer.status >= 200 && answer.status < 300) {
    sent_.Increment();
    return;
  }
  if (answer.status == 429) {
    rate_limited_.Increment();
    return;
  }
  failed_.Increment();
  // One line a minute at most: an unreachable Sentry must not flood the log either.
  if (auto now = Clock::now(); now - last_failure_log_ >= std::chrono::minutes{1}) {
    last_failure_log_ = now;
    observe::warn(
        "an error report could not be sent to Sentry",
        {{"error", answer.error.empty() ? fmt::format("HTTP {}", answer.status) : answer.error}});
  }
}

void SentryReporter::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  cut_at_.store((Clock::now() + options_.flush_timeout).time_since_epoch().count());
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace comptoir::observe
