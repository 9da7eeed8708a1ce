#include "throttle/housekeeping.hpp"

#include "observe/log.hpp"
#include "throttle/rate_limiter.hpp"

namespace comptoir::throttle {

jobs::Job housekeeping_job() {
  return {.name = "throttle.housekeeping",
          .every = std::chrono::minutes{10},
          .jitter = std::chrono::seconds{30},
          .exclusive = true,
          .run = [](db::Connection& conn) {
            if (auto purged = purge_idle_buckets(conn); purged > 0)
              observe::info("idle rate-limit buckets purged", {{"rate_limit_buckets", purged}});
          }};
}

}  // namespace comptoir::throttle
