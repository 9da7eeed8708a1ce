#pragma once

#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "throttle/rate_limiter.hpp"

namespace comptoir::throttle {

// The limits of the shop's route classes (docs/throttles.md says why each default): placing
// orders, cart writes, asking for returns, API token writes and webhooks. The accounts forms'
// limits are accounts::AuthLimits. Each is named in COMPTOIR_RATE_LIMITS by its field's name.
struct ShopLimits {
  // Placing an order (checkout page and API): a few per session and per email, then one every
  // 10 minutes; more per address, which an office or a mobile carrier's NAT shares.
  RateLimit order_session{.burst = 5, .per_second = 1.0 / 600};
  RateLimit order_ip{.burst = 20, .per_second = 1.0 / 60};
  RateLimit order_email{.burst = 5, .per_second = 1.0 / 600};
  // Cart writes (pages and API): a shopper never clicks this fast.
  RateLimit cart_session{.burst = 60, .per_second = 1};
  RateLimit cart_ip{.burst = 300, .per_second = 5};
  // Asking for a return (each one mails the customer): a few per account, then one every 10
  // minutes; more per address.
  RateLimit return_account{.burst = 5, .per_second = 1.0 / 600};
  RateLimit return_ip{.burst = 20, .per_second = 1.0 / 60};
  // A copy of one's data, or closing one's account (src/privacy): each asks for the password, and
  // an export reads everything the shop holds of the person. A few per account, then one every
  // 10 minutes; more per address.
  RateLimit privacy_account{.burst = 5, .per_second = 1.0 / 600};
  RateLimit privacy_ip{.burst = 20, .per_second = 1.0 / 60};
  // Writes made with an API token (imports, stock updates): per token.
  RateLimit api_token{.burst = 1000, .per_second = 20};
  // Stripe and Clerk deliveries, per sending address: a refused one is retried by its sender.
  RateLimit webhook_ip{.burst = 300, .per_second = 10};
};

// The built-in shop limits with the overrides of COMPTOIR_RATE_LIMITS applied.
ShopLimits shop_limits(const std::vector<core::RateLimitSetting>& overrides);

// Sets each limit of `named` that `overrides` names: `burst` at once, then one every `every`.
void apply_overrides(const std::vector<core::RateLimitSetting>& overrides,
                     std::span<const std::pair<std::string_view, RateLimit*>> named);

}  // namespace comptoir::throttle
