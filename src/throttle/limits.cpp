#include "throttle/limits.hpp"

namespace comptoir::throttle {

void apply_overrides(const std::vector<core::RateLimitSetting>& overrides,
                     std::span<const std::pair<std::string_view, RateLimit*>> named) {
  for (const auto& setting : overrides)
    for (const auto& [name, limit] : named)
      if (name == setting.name)
        *limit = {.burst = setting.burst,
                  .per_second = 1000.0 / static_cast<double>(setting.every.count())};
}

ShopLimits shop_limits(const std::vector<core::RateLimitSetting>& overrides) {
  ShopLimits limits;
  const std::pair<std::string_view, RateLimit*> named[] = {
      {"order_session", &limits.order_session},
      {"order_ip", &limits.order_ip},
      {"order_email", &limits.order_email},
      {"cart_session", &limits.cart_session},
      {"cart_ip", &limits.cart_ip},
      {"return_account", &limits.return_account},
      {"return_ip", &limits.return_ip},
      {"privacy_account", &limits.privacy_account},
      {"privacy_ip", &limits.privacy_ip},
      {"api_token", &limits.api_token},
      {"webhook_ip", &limits.webhook_ip}};
  apply_overrides(overrides, named);
  return limits;
}

}  // namespace comptoir::throttle
