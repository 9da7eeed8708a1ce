#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "observe/error_report.hpp"

// The Sentry wire format, as plain functions: the event a report becomes, the envelope it travels
// in, the auth header, and the rate limits an answer sets. GlitchTip speaks the same protocol.
namespace comptoir::observe {

// Hides what must never leave the process: the configured secrets and URL passwords (the log's
// Redactor), email addresses, IP addresses, long tokens; in a URL, a path with parameters (a
// reset link carries its token there) and the values of query parameters that name a secret or a
// person.
class Scrubber {
 public:
  Scrubber() = default;
  explicit Scrubber(core::Redactor redactor) : redact_(std::move(redactor)) {}

  std::string text(std::string_view text) const;
  // `path` percent-encoded, `query` without its '?'; `route` the matched pattern.
  std::string url(std::string_view path, std::string_view query, std::string_view route) const;
  // Whether a field or parameter named `key` may hold a secret or a person's data (an email, an
  // address, a name, a token, a cookie, a session, an IP, a raw path): left out of breadcrumbs.
  static bool sensitive_key(std::string_view key);

 private:
  core::Redactor redact_;
};

// What every event of this process says.
struct EventSource {
  std::string release;      // what `comptoir --version` prints, e.g. "comptoir 0.1.0 (abc1234)"
  std::string environment;  // COMPTOIR_ENV
  std::string server_name;  // the host's name
  std::string base_url;     // BASE_URL: the request's URL is this plus the scrubbed path
};

// The report's fingerprint, or the default: logger, exception type (or message), route (or
// transaction). Two reports with the same one are the same error (sampling, Sentry's grouping).
std::vector<std::string> fingerprint_of(const ErrorReport& report);

// The event JSON (Sentry's event payload). `breadcrumbs`: the request's log lines (JSON, as
// observe::log writes them), oldest first.
boost::json::object build_event(const ErrorReport& report,
                                const std::vector<std::string>& breadcrumbs,
                                const EventSource& source, const Scrubber& scrub,
                                std::string_view event_id,
                                std::chrono::system_clock::time_point now);

// Envelope header line, item header line, the event: three lines, each ending with '\n'.
std::string envelope(const boost::json::object& event, std::string_view dsn,
                     std::chrono::system_clock::time_point sent_at);

// The X-Sentry-Auth header's value.
std::string auth_header(std::string_view public_key, std::string_view client_version);

// How long to stop sending after an answer: X-Sentry-Rate-Limits (any status; the limits on the
// error category, or on every category), else Retry-After on a 429 (60 s when absent or not a
// number of seconds). None: keep sending.
std::optional<std::chrono::milliseconds> rate_limit_pause(long status, std::string_view retry_after,
                                                          std::string_view rate_limits);

// 2026-12-04T01:55:24.123Z
std::string rfc3339(std::chrono::system_clock::time_point at);

}  // namespace comptoir::observe
