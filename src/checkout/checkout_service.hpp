#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <expected>
#include <string>
#include <variant>

#include "checkout/stripe_client.hpp"
#include "i18n/catalog.hpp"
#include "legal/legal_service.hpp"
#include "orders/order_service.hpp"
#include "throttle/rate_limiter.hpp"

namespace comptoir::checkout {

// How many orders may be placed (throttle::ShopLimits' order_session, order_email, order_ip):
// a script must not place guest orders in a loop and hold all the stock.
struct OrderLimits {
  throttle::RateLimit session{};
  throttle::RateLimit email{};
  throttle::RateLimit ip{};
};

struct CheckoutOptions {
  std::string base_url{};
  OrderLimits limits{};
  // Stripe keeps a Checkout Session open at least 30 minutes; the stock is held a little longer,
  // so the session always expires (or is paid) before the hold ends.
  std::chrono::minutes session_lifetime{31};
  std::chrono::minutes stripe_hold{40};
  // Paying by transfer or on pickup takes days; staff mark the order paid or cancel it.
  std::chrono::minutes manual_hold{14 * 24 * 60};
};

enum class PaymentError { unavailable, rejected, misconfigured };

// Too many orders from this session, email or address: nothing was placed.
struct Throttled {
  std::chrono::seconds retry_after{0};
};

struct CheckoutFailure {
  std::variant<orders::PlaceFailure, PaymentError, Throttled> reason;
};

// Where an order comes from, for the throttles: the visitor's session and address.
struct Requester {
  std::string session_id_hash{};
  std::string client_ip{};
};

struct CheckoutStarted {
  orders::Order order{};
  std::string redirect{};  // Stripe's hosted page, or the order's page for offline payment
};

// The checkout: the order is placed (stock held) first, then the payment starts. The order records
// the version of the terms of sale in force when it was placed (legal::LegalService), which the
// checkout page says placing the order accepts. Stripe when
// STRIPE_SECRET_KEY is set, otherwise the manual provider (bank transfer, payment on pickup), with
// which the order stays pending until staff mark it paid.
class CheckoutService {
 public:
  CheckoutService(orders::OrderService& orders, legal::LegalService& legal, StripeClient stripe,
                  const i18n::Catalog& messages, throttle::RateLimiter& limiter,
                  CheckoutOptions options);
  ~CheckoutService();
  CheckoutService(const CheckoutService&) = delete;
  CheckoutService& operator=(const CheckoutService&) = delete;

  orders::PaymentProvider provider() const {
    return stripe_.configured() ? orders::PaymentProvider::stripe : orders::PaymentProvider::manual;
  }

  // `request.provider`, `request.hold` and `request.terms_version` are set here. Past a limit of
  // `options.limits` (per session, email and address) nothing is placed (Throttled). When Stripe
  // fails, the order is cancelled (its stock given back) and the failure returned: nothing is left
  // half done.
  boost::asio::awaitable<std::expected<CheckoutStarted, CheckoutFailure>> start(
      orders::PlaceRequest request, Requester requester);

  // The customer left Stripe's page without paying (its cancel URL): the session is expired at
  // Stripe first, so it cannot be paid later, then the order is cancelled and its stock given
  // back. Nothing happens when Stripe says the session is no longer open (it may have been paid:
  // its webhook decides). Returns whether the order was cancelled.
  boost::asio::awaitable<bool> abandon(const orders::Order& order);

  // The order's page with the guest's token, absolute.
  std::string order_url(const orders::Order& order) const;

  // What Stripe is asked to charge: the lines, shipping, fees and (when prices exclude them) each
  // tax as lines of their own, adding up to the order's total exactly.
  CheckoutSessionRequest session_request(const orders::Order& order, int attempt) const;

 private:
  orders::OrderService& orders_;
  legal::LegalService& legal_;
  StripeClient stripe_;
  const i18n::Catalog& messages_;
  throttle::RateLimiter& limiter_;
  CheckoutOptions options_;
  boost::asio::thread_pool pool_{2};  // libcurl blocks: never on an I/O thread
};

}  // namespace comptoir::checkout
