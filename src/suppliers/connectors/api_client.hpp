#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::suppliers {

// One HTTP request to a platform. `path` includes the query; the base comes from the client.
struct ApiRequest {
  std::string method = "GET";
  std::string path{};
  std::string body{};
  std::string content_type = "application/json";
  std::vector<std::string> headers{};  // "Name: value", the secrets among them redacted in logs
  // false for a request that must not be sent twice (creating an order): only a 429, which the
  // platform did not act on, is retried; after a 5xx or no answer the caller finds out what
  // happened (the order looked up by its external id) instead of sending it again.
  bool idempotent = true;
};

struct ApiResponse {
  int status = 0;  // 0: no answer (network error, timeout, circuit open)
  std::string body{};
  std::map<std::string, std::string, std::less<>> headers{};  // names lower-cased
  std::string error{};                                        // why there was no answer
  int attempts = 0;
  bool circuit_open = false;  // refused without calling: the platform failed too often lately

  std::string header(std::string_view name) const;
};

// One attempt, as `supplier_api_calls` keeps it (bodies already redacted and cut).
struct ApiCallRecord {
  std::string connector{};
  std::string method{};
  std::string path{};
  int status = 0;
  int latency_ms = 0;
  int attempt = 1;
  std::string request_id{};
  std::string request_body{};
  std::string response_body{};
  std::string error{};
};

// Where the client reports each attempt (the engine writes them to supplier_api_calls).
using ApiCallSink = std::function<void(const ApiCallRecord&)>;

// How hard to try, and how fast to go.
struct ApiPolicy {
  int max_attempts = 5;  // network errors, 429 and 5xx are retried
  std::chrono::milliseconds first_backoff{250};
  std::chrono::milliseconds max_backoff{10'000};
  std::chrono::seconds deadline{60};  // no attempt starts after this since the call began
  std::chrono::seconds timeout{20};   // one attempt
  double requests_per_second = 10;    // the platform's published limit for one credential
  int burst = 10;
  int breaker_failures = 5;                   // consecutive failed calls that open the circuit…
  std::chrono::seconds breaker_cooldown{30};  // …for this long
};

// Secrets removed from what is logged: the values given, and the value of any JSON field or
// header whose name says it holds one (token, secret, password, authorization, api key…).
std::string redact(std::string_view text, const std::vector<std::string>& secrets);

// The wait a 429 or 503 asks for: Retry-After in seconds (or an HTTP date), else nothing.
std::chrono::milliseconds retry_after(const ApiResponse& response);
// A key naming one credential for the shared limiter and breaker, without holding the secret
// (a hash of it).
std::string credential_key(std::string_view secret);
// Exponential backoff with full jitter: a random wait in [0, min(max, first·2^(attempt-1))].
std::chrono::milliseconds backoff(int attempt, const ApiPolicy& policy);

// A token bucket shared by every client of one credential in this process (the platform counts
// per credential, not per connector instance). Thread-safe.
class RateLimiter {
 public:
  RateLimiter(double per_second, int burst);
  // Waits until a request may go.
  void acquire();
  // The platform said how fast to go (x-amzn-RateLimit-Limit, Etsy's per-second limit), or to
  // hold off (Retry-After): both apply to every client of the credential.
  void set_rate(double per_second);
  void hold_off(std::chrono::milliseconds wait);
  double rate() const;

  // The limiter of `key` (connector + a hash of the credential), created with these figures.
  static std::shared_ptr<RateLimiter> shared(const std::string& key, double per_second, int burst);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

namespace detail {
struct BreakerState;  // consecutive failures of one credential's calls, shared like the limiter
}

// Blocking HTTP through libcurl, with the rate limiter, retries with backoff and jitter up to a
// deadline, and a circuit breaker per credential. Use it from the engine's threads, never from
// the server's I/O threads.
class ApiClient {
 public:
  ApiClient(std::string connector, std::string base, ApiPolicy policy, std::string credential_key,
            ApiCallSink sink, std::vector<std::string> secrets);

  ApiResponse send(const ApiRequest& request);
  // Secrets learnt later (an access token obtained with a refresh token).
  void add_secret(std::string secret);
  RateLimiter& limiter() { return *limiter_; }
  const std::string& base() const { return base_; }

 private:
  ApiResponse attempt(const ApiRequest& request, const std::string& request_id);
  void note_rate_headers(const ApiResponse& response);

  std::string connector_;
  std::string base_;
  ApiPolicy policy_;
  std::shared_ptr<RateLimiter> limiter_;
  std::shared_ptr<detail::BreakerState> breaker_;
  ApiCallSink sink_;
  std::vector<std::string> secrets_;
};

}  // namespace comptoir::suppliers
