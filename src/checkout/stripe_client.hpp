#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::checkout {

struct StripeLineItem {
  std::string name{};
  std::int64_t unit_amount = 0;
  int quantity = 1;
};

// POST /v1/checkout/sessions, as https://docs.stripe.com/api/checkout/sessions/create describes.
struct CheckoutSessionRequest {
  std::string currency{};  // ISO 4217; sent lower-case as Stripe wants
  std::vector<StripeLineItem> line_items{};
  std::string success_url{};  // contains {CHECKOUT_SESSION_ID}, which Stripe fills in
  std::string cancel_url{};
  std::string customer_email{};
  std::string client_reference_id{};
  std::string order_number{};   // metadata[order_id] and payment_intent_data[metadata][order_id]
  std::string locale{};         // "fr" or "en"
  std::int64_t expires_at = 0;  // unix time, 30 min to 24 h ahead
  std::string idempotency_key{};
};

struct CheckoutSession {
  std::string id{};
  std::string url{};
};

// POST /v1/refunds, as https://docs.stripe.com/api/refunds/create describes: `amount` of the
// order's payment back to the customer.
struct StripeRefundRequest {
  std::string payment_intent{};
  std::int64_t amount = 0;     // minor units of the payment's currency
  std::string reason{};        // duplicate, fraudulent or requested_by_customer; "" sends none
  std::string order_number{};  // metadata[order_id]
  std::int64_t refund_id = 0;  // metadata[refund_id]: the shop's refund row
  std::string idempotency_key{};
};

// Stripe's refund object, what the shop keeps of it.
struct StripeRefund {
  std::string id{};      // re_…
  std::string status{};  // pending, requires_action, succeeded, failed or canceled
  std::int64_t amount = 0;
  std::string failure_reason{};  // with failed
};

struct StripeFailure {
  enum class Kind {
    rejected,       // Stripe refused the request (4xx): nothing to retry
    unavailable,    // network error, timeout or 5xx after every attempt
    misconfigured,  // 401/403: the secret key is wrong
  } kind;
  std::string message{};  // Stripe's, for the log; visitors get a translated one
  int status = 0;         // HTTP status, 0 when none came back
};

// application/x-www-form-urlencoded in Stripe's bracket notation. Pure, for the unit tests.
std::string form_encode(const CheckoutSessionRequest& request);
std::string form_encode(const StripeRefundRequest& request);

// Stripe's answer to a refund: its id and status, or nullopt when the body is not a refund.
std::optional<StripeRefund> parse_refund(std::string_view body);

struct StripeClientOptions {
  std::string api_base = "https://api.stripe.com";
  std::string secret_key{};
  std::chrono::seconds timeout{15};
  int attempts = 3;  // network errors and 5xx are retried with the same Idempotency-Key
  std::chrono::milliseconds first_backoff{300};
};

// Blocking calls through libcurl: run them off the I/O threads (core::run_on).
class StripeClient {
 public:
  explicit StripeClient(StripeClientOptions options);

  std::expected<CheckoutSession, StripeFailure> create_checkout_session(
      const CheckoutSessionRequest& request) const;

  // POST /v1/checkout/sessions/{id}/expire: the customer gave up on Stripe's page, so the session
  // must not be payable any more before we give the stock back. Stripe refuses (rejected) for a
  // session that is no longer open, e.g. already paid.
  std::expected<void, StripeFailure> expire_checkout_session(const std::string& session_id) const;

  // POST /v1/refunds. The same Idempotency-Key returns the first answer (Stripe keeps keys at
  // least 24 hours), so a refund sent again after a lost answer gives back the money once.
  std::expected<StripeRefund, StripeFailure> create_refund(
      const StripeRefundRequest& request) const;

  bool configured() const { return !options_.secret_key.empty(); }

 private:
  struct Reply {
    long status = 0;
    std::string body{};
    std::string error{};  // libcurl's, when no reply came
  };
  Reply post(std::string_view path, const std::string& body,
             std::string_view idempotency_key) const;
  // post() with retries on network errors, 429 and 5xx (same key), and the reply as a failure
  // or a parsed JSON object.
  std::expected<std::string, StripeFailure> call(std::string_view path, const std::string& body,
                                                 std::string_view idempotency_key) const;

  StripeClientOptions options_;
};

// The checkout page's Content-Security-Policy: the site's policy, with form-action also allowing
// Stripe's payment page (checkout.stripe.com, and the origin of `stripe_api_base` when it is not
// Stripe's own: a test double serves the payment page there). Browsers apply form-action to the
// redirect that follows a POST, so the checkout form must be allowed to go on to that page.
// `site_policy`: every other page's policy (with ANALYTICS' sources when it is set).
std::string content_security_policy(std::string_view stripe_api_base, std::string site_policy = {});

}  // namespace comptoir::checkout
