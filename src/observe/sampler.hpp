#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace comptoir::observe {

// The flood rule: at most `per_minute` reports of one fingerprint are let through in a minute
// (the minute starts at the first report of that fingerprint after the previous minute ended);
// the rest are dropped, and the caller counts them. A flood of one error then costs a few events
// a minute, while another error still gets through. The table remembers at most `max_keys`
// fingerprints; when it is full, those whose minute has ended are forgotten, and if none has,
// new fingerprints share one more bucket under the same limit.
class FloodSampler {
 public:
  using Clock = std::chrono::steady_clock;
  explicit FloodSampler(unsigned per_minute = 10, std::size_t max_keys = 4096)
      : per_minute_(per_minute), max_keys_(max_keys) {}

  // Whether a report with this fingerprint is let through at `now`.
  bool admit(std::string_view fingerprint, Clock::time_point now = Clock::now());
  unsigned per_minute() const { return per_minute_; }

 private:
  struct Window {
    Clock::time_point started;
    unsigned count = 0;
  };
  bool take(Window& window, Clock::time_point now) const;

  const unsigned per_minute_;
  const std::size_t max_keys_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  Window overflow_{};
};

}  // namespace comptoir::observe
