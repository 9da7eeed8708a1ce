#include "analytics/event_sender.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>
#include <mutex>

#include "core/build_info.hpp"

namespace comptoir::analytics {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string escaped(CURL* handle, const std::string& text) {
  std::unique_ptr<char, decltype(&curl_free)> out(
      curl_easy_escape(handle, text.c_str(), static_cast<int>(text.size())), &curl_free);
  return out ? std::string(out.get()) : std::string{};
}

}  // namespace

EventSender::EventSender(core::AnalyticsSettings settings, std::string api_secret,
                         std::chrono::seconds timeout)
    : settings_(std::move(settings)), api_secret_(std::move(api_secret)), timeout_(timeout) {
  global_init_once();
}

bool EventSender::configured() const {
  switch (settings_.provider) {
    case core::AnalyticsProvider::plausible:
      return true;
    case core::AnalyticsProvider::ga4:
      return !api_secret_.empty();
    case core::AnalyticsProvider::none:
      break;
  }
  return false;
}

std::expected<void, SendFailure> EventSender::send(const Event& event) const {
  if (!configured())
    return std::unexpected(SendFailure{.permanent = false, .message = "analytics is not set up"});
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return std::unexpected(SendFailure{.message = "libcurl could not start"});
  auto* handle = curl.get();
  const bool ga4 = settings_.provider == core::AnalyticsProvider::ga4;
  auto url = settings_.events_url();
  if (ga4)
    url += fmt::format("?measurement_id={}&api_secret={}", escaped(handle, settings_.site),
                       escaped(handle, api_secret_));
  auto body = ga4 ? ga4_body(event) : plausible_body(event, settings_.site);
  // Plausible counts visitors by User-Agent and address: the server's own name, and no
  // X-Forwarded-For, so no visitor's address leaves the shop (docs/analytics.md).
  auto agent = fmt::format("Comptoir/{} (server-side event)", core::build::kVersion);
  curl_slist* raw = nullptr;
  for (const auto* header : {"Content-Type: application/json", "Accept: application/json"})
    raw = curl_slist_append(raw, header);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw, &curl_slist_free_all);
  std::string reply;
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, agent.c_str());
  auto code = curl_easy_perform(handle);
  if (code != CURLE_OK)
    // libcurl's message names the host, never the query that holds the secret.
    return std::unexpected(SendFailure{
        .message = fmt::format("{}{}{}", curl_easy_strerror(code), error[0] ? ": " : "", error)});
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {};
  bool retry = status >= 500 || status == 429 || status == 408;
  return std::unexpected(SendFailure{
      .permanent = !retry,
      .message =
          fmt::format("{} answered {}: {}", settings_.events_url(), status, reply.substr(0, 200))});
}

}  // namespace comptoir::analytics
