#include "suppliers/connectors/api_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>
#include <mutex>
#include <random>
#include <regex>
#include <thread>

#include "core/random.hpp"
#include "core/text.hpp"

namespace comptoir::suppliers {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kLoggedBody = 8192;

void curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  std::string_view line(data, size * count);
  auto* headers = static_cast<std::map<std::string, std::string, std::less<>>*>(user);
  if (line.starts_with("HTTP/")) headers->clear();  // a new response (after a 100 or redirect)
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.remove_suffix(1);
    (*headers)[core::lower_ascii(line.substr(0, colon))] = std::string(value);
  }
  return size * count;
}

bool retryable(const ApiResponse& r) {
  return r.status == 0 || r.status == 429 || r.status >= 500;
}

// Whether to send the request again after this answer.
bool again(const ApiRequest& request, const ApiResponse& r) {
  return request.idempotent ? retryable(r) : r.status == 429;
}

std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

}  // namespace

std::string ApiResponse::header(std::string_view name) const {
  auto found = headers.find(core::lower_ascii(name));
  return found == headers.end() ? std::string{} : found->second;
}

std::string redact(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out(text);
  for (const auto& secret : secrets) {
    if (secret.size() < 4) continue;
    for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at))
      out.replace(at, secret.size(), "[redacted]");
  }
  static const std::regex kJsonField(
      R"re("([A-Za-z0-9_\-]*(token|secret|password|authorization|api_?key|signature|credential)[A-Za-z0-9_\-]*)"(\s*):(\s*)"(?:[^"\\]|\\.)*")re",
      std::regex::icase | std::regex::optimize);
  static const std::regex kFormField(
      R"re((^|&)([A-Za-z0-9_\-\[\]]*(token|secret|password|api_?key|assertion|code_verifier)[A-Za-z0-9_\-\[\]]*)=[^&]*)re",
      std::regex::icase | std::regex::optimize);
  static const std::regex kHeader(
      R"re((^|\n)((authorization|x-api-key|x-amz-access-token|x-amz-security-token)\s*:)[^\r\n]*)re",
      std::regex::icase | std::regex::optimize);
  out = std::regex_replace(out, kJsonField, R"("$1"$3:$4"[redacted]")");
  out = std::regex_replace(out, kFormField, "$1$2=[redacted]");
  out = std::regex_replace(out, kHeader, "$1$2 [redacted]");
  return out;
}

std::chrono::milliseconds retry_after(const ApiResponse& response) {
  auto value = response.header("retry-after");
  if (value.empty()) return std::chrono::milliseconds{0};
  std::int64_t seconds = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc{} && end == value.data() + value.size())
    return std::chrono::milliseconds{std::clamp<std::int64_t>(seconds, 0, 3600) * 1000};
  // An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT".
  std::tm tm{};
  if (strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) != nullptr) {
    auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        at - std::chrono::system_clock::now());
    return std::clamp(wait, std::chrono::milliseconds{0}, std::chrono::milliseconds{3'600'000});
  }
  return std::chrono::milliseconds{0};
}

std::string credential_key(std::string_view secret) {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr,
                     0);
  return core::hex(digest);
}

std::chrono::milliseconds backoff(int attempt, const ApiPolicy& policy) {
  auto ceiling = policy.first_backoff.count() * (std::int64_t{1} << std::min(attempt - 1, 20));
  ceiling = std::min<std::int64_t>(ceiling, policy.max_backoff.count());
  std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(ceiling, 0));
  return std::chrono::milliseconds{pick(rng())};
}

// ---------------------------------------------------------------------------------------------

struct RateLimiter::State {
  std::mutex mutex;
  double per_second;
  double burst;
  double tokens;
  Clock::time_point refilled = Clock::now();
  Clock::time_point held_until{};
};

RateLimiter::RateLimiter(double per_second, int burst) : state_(std::make_shared<State>()) {
  state_->per_second = std::max(per_second, 0.01);
  state_->burst = std::max(burst, 1);
  state_->tokens = state_->burst;
}

void RateLimiter::acquire() {
  for (;;) {
    Clock::duration wait{};
    {
      std::lock_guard lock(state_->mutex);
      auto now = Clock::now();
      if (now < state_->held_until) {
        wait = state_->held_until - now;
      } else {
        auto elapsed = std::chrono::duration<double>(now - state_->refilled).count();
        state_->tokens = std::min(state_->burst, state_->tokens + elapsed * state_->per_second);
        state_->refilled = now;
        if (state_->tokens >= 1) {
          state_->tokens -= 1;
          return;
        }
        wait = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>((1 - state_->tokens) / state_->per_second));
      }
    }
    std::this_thread::sleep_for(wait);
  }
}

void RateLimiter::set_rate(double per_second) {
  if (!(per_second > 0) || !std::isfinite(per_second)) return;
  std::lock_guard lock(state_->mutex);
  state_->per_second = per_second;
  state_->burst = std::max(1.0, std::min(state_->burst, std::ceil(per_second)));
  state_->tokens = std::min(state_->tokens, state_->burst);
}

void RateLimiter::hold_off(std::chrono::milliseconds wait) {
  std::lock_guard lock(state_->mutex);
  state_->held_until = std::max(state_->held_until, Clock::now() + wait);
  state_->tokens = 0;
}

double RateLimiter::rate() const {
  std::lock_guard lock(state_->mutex);
  return state_->per_second;
}

std::shared_ptr<RateLimiter> RateLimiter::shared(const std::string& key, double per_second,
                                                 int burst) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<RateLimiter>> limiters;
  std::lock_guard lock(mutex);
  if (auto existing = limiters[key].lock()) return existing;
  auto limiter = std::make_shared<RateLimiter>(per_second, burst);
  limiters[key] = limiter;
  return limiter;
}

// ---------------------------------------------------------------------------------------------

namespace detail {
struct BreakerState {
  std::mutex mutex;
  int failures = 0;
  Clock::time_point open_until{};
};
}  // namespace detail

namespace {

std::shared_ptr<detail::BreakerState> shared_breaker(const std::string& key) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<detail::BreakerState>> breakers;
  std::lock_guard lock(mutex);
  if (auto existing = breakers[key].lock()) return existing;
  auto breaker = std::make_shared<detail::BreakerState>();
  breakers[key] = breaker;
  return breaker;
}

}  // namespace

ApiClient::ApiClient(std::string connector, std::string base, ApiPolicy policy,
                     std::string credential_key, ApiCallSink sink, std::vector<std::string> secrets)
    : connector_(std::move(connector)),
      base_(std::move(base)),
      policy_(policy),
      limiter_(RateLimiter::shared(connector_ + "|" + credential_key, policy.requests_per_second,
                                   policy.burst)),
      breaker_(shared_breaker(connector_ + "|" + credential_key)),
      sink_(std::move(sink)),
      secrets_(std::move(secrets)) {
  curl_init_once();
  while (base_.ends_with('/')) base_.pop_back();
}

void ApiClient::add_secret(std::string secret) {
  if (!secret.empty()) secrets_.push_back(std::move(secret));
}

ApiResponse ApiClient::attempt(const ApiRequest& request, const std::string& request_id) {
  ApiResponse response;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    response.error = "libcurl could not start";
    return response;
  }
  auto url = base_ + request.path;
  curl_slist* raw = nullptr;
  auto request_header = "X-Request-Id: " + request_id;
  raw = curl_slist_append(raw, request_header.c_str());
  raw = curl_slist_append(raw, "Accept: application/json");
  std::string content_type;
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    content_type = "Content-Type: " + request.content_type;
    raw = curl_slist_append(raw, content_type.c_str());
  }
  for (const auto& header : request.headers) raw = curl_slist_append(raw, header.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw, &curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {};
  auto* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH" ||
      !request.body.empty()) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &collect_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &collect_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(policy_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "Comptoir-Suppliers/1.0");
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(64) << 20);
  auto code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    response.error = fmt::format("{}{}{}", curl_easy_strerror(code), error[0] ? ": " : "", error);
    response.body.clear();
    return response;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

void ApiClient::note_rate_headers(const ApiResponse& response) {
  auto number = [](const std::string& text) -> double {
    if (text.empty()) return 0;
    try {
      return std::stod(text);
    } catch (const std::exception&) {
      return 0;
    }
  };
  // Amazon SP-API: the operation's rate for this selling partner, in requests per second.
  if (auto limit = number(response.header("x-amzn-ratelimit-limit")); limit > 0)
    limiter_->set_rate(limit);
  // Etsy: per-second limit, and what is left of it and of the day.
  if (auto limit = number(response.header("x-limit-per-second")); limit > 0)
    limiter_->set_rate(limit);
  auto remaining_second = response.header("x-remaining-this-second");
  if (!remaining_second.empty() && number(remaining_second) <= 0)
    limiter_->hold_off(std::chrono::milliseconds{1000});
  auto remaining_day = response.header("x-remaining-today");
  if (!remaining_day.empty() && number(remaining_day) <= 0)
    limiter_->hold_off(std::chrono::milliseconds{60'000});
  if (response.status == 429 || response.status == 503) {
    auto wait = retry_after(response);
    if (wait.count() > 0) limiter_->hold_off(wait);
  }
}

ApiResponse ApiClient::send(const ApiRequest& request) {
  auto started = Clock::now();
  {
    std::lock_guard lock(breaker_->mutex);
    if (Clock::now() < breaker_->open_until) {
      ApiResponse refused;
      refused.circuit_open = true;
      refused.error = fmt::format(
          "{} failed {} times in a row: not called again before {} s", connector_,
          breaker_->failures,
          std::chrono::duration_cast<std::chrono::seconds>(breaker_->open_until - Clock::now())
                  .count() +
              1);
      return refused;
    }
  }
  auto request_id = core::random_hex(8);
  ApiResponse response;
  for (int attempt = 1;; ++attempt) {
    limiter_->acquire();
    auto began = Clock::now();
    response = this->attempt(request, request_id);
    response.attempts = attempt;
    auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
    note_rate_headers(response);
    if (sink_) {
      auto logged_request = redact(request.body, secrets_);
      auto logged_response = redact(response.body, secrets_);
      if (logged_request.size() > kLoggedBody) logged_request.resize(kLoggedBody);
      if (logged_response.size() > kLoggedBody) logged_response.resize(kLoggedBody);
      sink_(ApiCallRecord{.connector = connector_,
                          .method = request.method,
                          .path = redact(request.path, secrets_),
                          .status = response.status,
                          .latency_ms = static_cast<int>(latency.count()),
                          .attempt = attempt,
                          .request_id = request_id,
                          .request_body = std::move(logged_request),
                          .response_body = std::move(logged_response),
                          .error = redact(response.error, secrets_)});
    }
    if (!again(request, response) || attempt >= policy_.max_attempts) break;
    auto wait = std::max(backoff(attempt, policy_), retry_after(response));
    if (Clock::now() + wait - started > policy_.deadline) break;
    std::this_thread::sleep_for(wait);
  }
  std::lock_guard lock(breaker_->mutex);
  if (retryable(response)) {
    if (++breaker_->failures >= policy_.breaker_failures)
      breaker_->open_until = Clock::now() + policy_.breaker_cooldown;
  } else {
    breaker_->failures = 0;
  }
  return response;
}

}  // namespace comptoir::suppliers
