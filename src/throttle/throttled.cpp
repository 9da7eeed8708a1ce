#include "throttle/throttled.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "core/random.hpp"

namespace comptoir::throttle {

KeyOf by_client_ip() {
  return [](const http::Context& ctx) -> std::optional<std::string> {
    if (ctx.client_ip.empty()) return std::nullopt;
    return ctx.client_ip;
  };
}

std::vector<Take> takes_of(const std::vector<Rule>& rules, const http::Context& ctx) {
  std::vector<Take> takes;
  for (const auto& rule : rules)
    if (auto key = rule.key(ctx))
      takes.push_back({.bucket = rule.name + ":" + *key, .limit = rule.limit});
  return takes;
}

http::HttpError too_many_requests(const RateDecision& decision, std::string_view code) {
  auto seconds = decision.retry_after.count();
  http::HttpError error(http::Status::too_many_requests, {},
                        boost::json::object{{"code", code}, {"retry_after", seconds}});
  error.headers.emplace_back(http::Field::retry_after, std::to_string(seconds));
  return error;
}

http::net::awaitable<void> Throttle::take(const http::Context& ctx) const {
  auto takes = takes_of(rules_, ctx);
  if (takes.empty()) co_return;
  auto decision = co_await limiter_->take_all(std::move(takes));
  if (!decision.allowed) throw too_many_requests(decision, code_);
}

http::Middleware throttled(RateLimiter& limiter, std::vector<Rule> rules, std::string code) {
  return
      [throttle = Throttle(limiter, std::move(rules), std::move(code))](
          http::Context& ctx, const http::Handler& next) -> http::net::awaitable<http::Response> {
        co_await throttle.take(ctx);
        co_return co_await next(ctx);
      };
}

std::string hashed_key(std::string_view text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, 16> digest{};  // 128 bits: no two keys of a shop collide
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
  return core::hex(digest);
}

}  // namespace comptoir::throttle
