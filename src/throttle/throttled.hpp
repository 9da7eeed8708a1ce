#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/types.hpp"
#include "throttle/rate_limiter.hpp"

// Throttles as route middleware: a route class (cart writes, webhooks…) names the buckets each of
// its requests takes from, and a request past a limit is refused before its handler runs.
namespace comptoir::throttle {

// What a request is counted by for one bucket: the client's address, its session… nullopt when
// the request has none (a visitor without a session yet): that bucket is skipped.
using KeyOf = std::function<std::optional<std::string>(const http::Context&)>;

// One bucket of a route class: `name` (the COMPTOIR_RATE_LIMITS name, e.g. "cart_ip") prefixes
// the key to name the bucket ("cart_ip:203.0.113.9").
struct Rule {
  std::string name;
  RateLimit limit;
  KeyOf key;
};

// The client's address as the server resolved it (proxy-aware: http/client_address.hpp).
KeyOf by_client_ip();

// "<name>:<key>" for each rule whose key the request has, in the rules' order.
std::vector<Take> takes_of(const std::vector<Rule>& rules, const http::Context& ctx);

// The refusal every throttle answers with: 429, `Retry-After` in seconds, and on the API (and
// webhooks) problem+json with `code` and `retry_after`; pages get the localized error page.
http::HttpError too_many_requests(const RateDecision& decision, std::string_view code);

// The rules' buckets, taken by whoever decides that a request counts: take() takes from each
// (RateLimiter::take_all) and throws the 429 (too_many_requests with `code`) past a limit. A
// handler calls it itself for what only it can tell apart: a signed webhook's receiver throttles
// the deliveries whose signature fails, and lets verified ones through untaken. Copyable; the
// limiter must outlive every copy.
class Throttle {
 public:
  Throttle(RateLimiter& limiter, std::vector<Rule> rules, std::string code)
      : limiter_(&limiter), rules_(std::move(rules)), code_(std::move(code)) {}

  http::net::awaitable<void> take(const http::Context& ctx) const;

 private:
  RateLimiter* limiter_;
  std::vector<Rule> rules_;
  std::string code_;
};

// Takes from the rules' buckets (Throttle::take) before `next`. Only for routes that write: a
// throttle costs a PostgreSQL write. The limiter must outlive the router.
http::Middleware throttled(RateLimiter& limiter, std::vector<Rule> rules, std::string code);

// A short digest of `text` for a bucket name, so the table holds no email addresses.
std::string hashed_key(std::string_view text);

}  // namespace comptoir::throttle
