#pragma once

// The accounts forms count their attempts with the throttle module's token buckets
// (throttle/rate_limiter.hpp); these names keep the accounts code short.
#include "throttle/rate_limiter.hpp"

namespace comptoir::accounts {

using throttle::progressive_delay;
using throttle::RateDecision;
using throttle::RateLimit;
using throttle::RateLimiter;

}  // namespace comptoir::accounts
