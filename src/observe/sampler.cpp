#include "observe/sampler.hpp"

#include <iterator>

namespace comptoir::observe {

bool FloodSampler::take(Window& window, Clock::time_point now) const {
  if (window.count == 0 || now - window.started >= std::chrono::minutes{1}) {
    window.started = now;
    window.count = 0;
  }
  if (window.count >= per_minute_) return false;
  ++window.count;
  return true;
}

bool FloodSampler::admit(std::string_view fingerprint, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(std::string(fingerprint));
  if (it == windows_.end()) {
    if (windows_.size() >= max_keys_) {
      std::erase_if(windows_, [&](const auto& entry) {
        return now - entry.second.started >= std::chrono::minutes{1};
      });
    }
    if (windows_.size() >= max_keys_) return take(overflow_, now);
    it = windows_.emplace(std::string(fingerprint), Window{}).first;
  }
  return take(it->second, now);
}

}  // namespace comptoir::observe
