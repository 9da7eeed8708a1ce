#include "checkout/stripe_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>

#include "accounts/csrf.hpp"
#include "http/middleware.hpp"

namespace comptoir::checkout {
namespace {

namespace json = boost::json;

// RFC 3986 unreserved characters stay; everything else is %XX (UTF-8 bytes one by one).
void append_encoded(std::string& out, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' || byte == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
}

class Form {
 public:
  void add(std::string_view key, std::string_view value) {
    if (!body_.empty()) body_ += '&';
    append_encoded(body_, key);
    body_ += '=';
    append_encoded(body_, value);
  }
  void add(std::string_view key, std::int64_t value) { add(key, std::to_string(value)); }
  std::string take() { return std::move(body_); }

 private:
  std::string body_;
};

std::string lower(std::string text) {
  for (auto& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string error_message(std::string_view body) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  if (ec || !value.is_object()) return std::string(body.substr(0, 200));
  const auto* error = value.as_object().if_contains("error");
  if (error == nullptr || !error->is_object()) return std::string(body.substr(0, 200));
  const auto* message = error->as_object().if_contains("message");
  return message && message->is_string() ? std::string(message->as_string()) : "Stripe error";
}

}  // namespace

std::string form_encode(const CheckoutSessionRequest& r) {
  Form form;
  form.add("mode", "payment");
  auto currency = lower(r.currency);
  for (std::size_t i = 0; i < r.line_items.size(); ++i) {
    const auto& item = r.line_items[i];
    auto prefix = fmt::format("line_items[{}]", i);
    form.add(prefix + "[price_data][currency]", currency);
    form.add(prefix + "[price_data][unit_amount]", item.unit_amount);
    form.add(prefix + "[price_data][product_data][name]", item.name);
    form.add(prefix + "[quantity]", static_cast<std::int64_t>(item.quantity));
  }
  form.add("success_url", r.success_url);
  form.add("cancel_url", r.cancel_url);
  if (!r.customer_email.empty()) form.add("customer_email", r.customer_email);
  form.add("client_reference_id", r.client_reference_id);
  form.add("metadata[order_id]", r.order_number);
  form.add("payment_intent_data[metadata][order_id]", r.order_number);
  form.add("locale", r.locale);
  form.add("expires_at", r.expires_at);
  return form.take();
}

std::string form_encode(const StripeRefundRequest& r) {
  Form form;
  form.add("payment_intent", r.payment_intent);
  form.add("amount", r.amount);
  if (!r.reason.empty()) form.add("reason", r.reason);
  form.add("metadata[order_id]", r.order_number);
  form.add("metadata[refund_id]", r.refund_id);
  return form.take();
}

std::optional<StripeRefund> parse_refund(std::string_view body) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& object = value.as_object();
  auto text = [&object](std::string_view key) {
    const auto* found = object.if_contains(key);
    return found && found->is_string() ? std::string(found->as_string()) : std::string{};
  };
  StripeRefund refund{.id = text("id"), .status = text("status")};
  // An id and a status as Stripe writes them (the shop stores both): anything else is not one.
  auto word = [](std::string_view candidate, bool upper_and_digits) {
    return !candidate.empty() && candidate.size() <= 255 &&
           std::ranges::all_of(candidate, [&](char c) {
             return (c >= 'a' && c <= 'z') || c == '_' ||
                    (upper_and_digits && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')));
           });
  };
  if (!word(refund.id, true) || !word(refund.status, false)) return std::nullopt;
  if (const auto* amount = object.if_contains("amount"); amount && amount->is_int64())
    refund.amount = amount->as_int64();
  refund.failure_reason = text("failure_reason");
  return refund;
}

StripeClient::StripeClient(StripeClientOptions options) : options_(std::move(options)) {
  global_init_once();
  while (options_.api_base.ends_with('/')) options_.api_base.pop_back();
}

StripeClient::Reply StripeClient::post(std::string_view path, const std::string& body,
                                       std::string_view idempotency_key) const {
  Reply reply;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    reply.error = "libcurl could not start";
    return reply;
  }
  auto url = options_.api_base + std::string(path);
  auto authorization = "Authorization: Bearer " + options_.secret_key;
  auto idempotency = "Idempotency-Key: " + std::string(idempotency_key);
  curl_slist* raw_headers = nullptr;
  for (const auto* header : {authorization.c_str(), idempotency.c_str(),
                             "Content-Type: application/x-www-form-urlencoded",
                             "Stripe-Version: 2024-06-20", "Accept: application/json"})
    raw_headers = curl_slist_append(raw_headers, header);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_headers,
                                                                      &curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {};
  auto* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "Comptoir");
  auto code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    reply.error = fmt::format("{}{}{}", curl_easy_strerror(code), error[0] ? ": " : "", error);
    return reply;
  }
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

std::expected<std::string, StripeFailure> StripeClient::call(
    std::string_view path, const std::string& body, std::string_view idempotency_key) const {
  Reply reply;
  for (int attempt = 1; attempt <= options_.attempts; ++attempt) {
    reply = post(path, body, idempotency_key);
    bool retry = !reply.error.empty() || reply.status >= 500 || reply.status == 429;
    if (!retry || attempt == options_.attempts) break;
    // The same key: if the first attempt reached Stripe, the retry returns its result.
    std::this_thread::sleep_for(options_.first_backoff * (1 << (attempt - 1)));
  }
  if (!reply.error.empty())
    return std::unexpected(
        StripeFailure{.kind = StripeFailure::Kind::unavailable, .message = reply.error});
  auto status = static_cast<int>(reply.status);
  auto kind = StripeFailure::Kind::rejected;
  if (status == 401 || status == 403)
    kind = StripeFailure::Kind::misconfigured;
  else if (status >= 500 || status == 429)
    kind = StripeFailure::Kind::unavailable;
  if (status < 200 || status >= 300)
    return std::unexpected(
        StripeFailure{.kind = kind, .message = error_message(reply.body), .status = status});
  return std::move(reply.body);
}

std::expected<CheckoutSession, StripeFailure> StripeClient::create_checkout_session(
    const CheckoutSessionRequest& request) const {
  auto reply = call("/v1/checkout/sessions", form_encode(request), request.idempotency_key);
  if (!reply) return std::unexpected(reply.error());
  boost::system::error_code ec;
  auto value = json::parse(*reply, ec);
  const json::object* object = !ec && value.is_object() ? &value.as_object() : nullptr;
  const auto* id = object ? object->if_contains("id") : nullptr;
  const auto* url = object ? object->if_contains("url") : nullptr;
  if (!id || !id->is_string() || !url || !url->is_string())
    return std::unexpected(StripeFailure{.kind = StripeFailure::Kind::unavailable,
                                         .message = "Stripe's answer has no session id and url",
                                         .status = 200});
  return CheckoutSession{.id = std::string(id->as_string()), .url = std::string(url->as_string())};
}

std::expected<void, StripeFailure> StripeClient::expire_checkout_session(
    const std::string& session_id) const {
  auto reply = call(fmt::format("/v1/checkout/sessions/{}/expire", session_id), std::string{},
                    "comptoir-expire-" + session_id);
  if (!reply) return std::unexpected(reply.error());
  return {};
}

std::expected<StripeRefund, StripeFailure> StripeClient::create_refund(
    const StripeRefundRequest& request) const {
  auto reply = call("/v1/refunds", form_encode(request), request.idempotency_key);
  if (!reply) return std::unexpected(reply.error());
  auto refund = parse_refund(*reply);
  // Sent again later with the same key, the request gets Stripe's stored answer.
  if (!refund)
    return std::unexpected(StripeFailure{.kind = StripeFailure::Kind::unavailable,
                                         .message = "Stripe's answer has no refund id and status",
                                         .status = 200});
  return std::move(*refund);
}

std::string content_security_policy(std::string_view stripe_api_base, std::string site_policy) {
  auto policy =
      site_policy.empty() ? http::SecurityPolicy{}.content_security_policy : std::move(site_policy);
  auto payment_origins = std::string(" https://checkout.stripe.com");
  if (auto api_origin = accounts::origin_of(stripe_api_base);
      api_origin != "https://api.stripe.com")
    payment_origins += " " + api_origin;
  constexpr std::string_view kFormAction = "form-action 'self'";
  policy.replace(policy.find(kFormAction), kFormAction.size(),
                 std::string(kFormAction) + payment_origins);
  return policy;
}

}  // namespace comptoir::checkout
