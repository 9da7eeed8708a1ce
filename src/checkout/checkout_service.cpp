#include "checkout/checkout_service.hpp"

#include <fmt/format.h>

#include "accounts/user.hpp"
#include "core/offload.hpp"
#include "observe/log.hpp"
#include "orders/order_link.hpp"
#include "orders/order_urls.hpp"
#include "throttle/throttled.hpp"

namespace comptoir::checkout {
namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

PaymentError payment_error(StripeFailure::Kind kind) {
  switch (kind) {
    case StripeFailure::Kind::rejected:
      return PaymentError::rejected;
    case StripeFailure::Kind::misconfigured:
      return PaymentError::misconfigured;
    case StripeFailure::Kind::unavailable:
      return PaymentError::unavailable;
  }
  return PaymentError::unavailable;
}

}  // namespace

CheckoutService::CheckoutService(orders::OrderService& orders, legal::LegalService& legal,
                                 StripeClient stripe, const i18n::Catalog& messages,
                                 throttle::RateLimiter& limiter, CheckoutOptions options)
    : orders_(orders),
      legal_(legal),
      stripe_(std::move(stripe)),
      messages_(messages),
      limiter_(limiter),
      options_(std::move(options)) {
  while (options_.base_url.ends_with('/')) options_.base_url.pop_back();
}

CheckoutService::~CheckoutService() {
  pool_.join();
}

std::string CheckoutService::order_url(const orders::Order& order) const {
  return fmt::format("{}{}?t={}", options_.base_url,
                     orders::urls::order(order.locale, order.number),
                     orders::order_token(orders_.mail().keys, order.number));
}

CheckoutSessionRequest CheckoutService::session_request(const orders::Order& order,
                                                        int attempt) const {
  auto label = [&](std::string_view key) { return std::string(messages_.t(order.locale, key)); };
  CheckoutSessionRequest request{.currency = order.currency};
  for (const auto& line : order.lines)
    request.line_items.push_back(
        {.name = line.variant_label.empty() ? line.name
                                            : fmt::format("{} ({})", line.name, line.variant_label),
         .unit_amount = line.unit_price,
         .quantity = line.quantity});
  const auto& t = order.totals;
  if (t.shipping > 0)
    request.line_items.push_back({.name = label("cart.shipping"), .unit_amount = t.shipping});
  if (t.fees > 0) request.line_items.push_back({.name = label("cart.fees"), .unit_amount = t.fees});
  if (!t.tax_included)
    for (const auto& tax : t.taxes)
      if (tax.amount > 0)
        request.line_items.push_back(
            {.name = label(fmt::format("taxes.{}", tax.code)), .unit_amount = tax.amount});
  // Stripe has no negative lines: with a discount, one line carries the whole amount.
  std::int64_t sum = 0;
  for (const auto& item : request.line_items) sum += item.unit_amount * item.quantity;
  if (sum != t.total)
    request.line_items = {{.name = fmt::format("{} {}", label("orders.order"), order.number),
                           .unit_amount = t.total}};
  auto page = options_.base_url + orders::urls::order(order.locale, order.number);
  auto token = orders::order_token(orders_.mail().keys, order.number);
  request.success_url = fmt::format("{}?t={}&session_id={{CHECKOUT_SESSION_ID}}", page, token);
  request.cancel_url = fmt::format("{}?t={}&cancelled=1", page, token);
  request.customer_email = order.email;
  request.client_reference_id = order.number;
  request.order_number = order.number;
  request.locale = std::string(core::code(order.locale));
  request.expires_at =
      unix_now() +
      std::chrono::duration_cast<std::chrono::seconds>(options_.session_lifetime).count();
  request.idempotency_key = fmt::format("comptoir-{}-{}", order.number, attempt);
  return request;
}

boost::asio::awaitable<bool> CheckoutService::abandon(const orders::Order& order) {
  if (order.status != orders::OrderStatus::pending ||
      order.provider != orders::PaymentProvider::stripe || order.payment_reference.empty())
    co_return false;
  const auto& session_id = order.payment_reference;
  auto job = [this, &session_id] { return stripe_.expire_checkout_session(session_id); };
  auto expired = co_await core::run_on<std::expected<void, StripeFailure>>(pool_, job);
  if (!expired) {
    observe::warn("stripe session not expired", {{"order", order.number},
                                                 {"status", expired.error().status},
                                                 {"error", expired.error().message}});
    co_return false;
  }
  auto number = order.number;
  orders::Change cancel{.to = orders::OrderStatus::cancelled,
                        .actor = {.kind = "customer"},
                        .note = "payment abandoned on Stripe's page"};
  auto cancelled = co_await orders_.change(std::move(number), std::move(cancel));
  co_return cancelled.has_value();
}

boost::asio::awaitable<std::expected<CheckoutStarted, CheckoutFailure>> CheckoutService::start(
    orders::PlaceRequest request, Requester requester) {
  // The most specific first: a refused session or email does not use up its address's orders.
  const auto& limits = options_.limits;
  std::vector<throttle::Take> takes;
  if (!requester.session_id_hash.empty())
    takes.push_back({"order_session:" + requester.session_id_hash, limits.session});
  takes.push_back({"order_email:" + throttle::hashed_key(accounts::normalize_email(request.email)),
                   limits.email});
  if (!requester.client_ip.empty()) takes.push_back({"order_ip:" + requester.client_ip, limits.ip});
  auto decision = co_await limiter_.take_all(std::move(takes));
  if (!decision.allowed)
    co_return std::unexpected(CheckoutFailure{Throttled{.retry_after = decision.retry_after}});

  request.provider = provider();
  request.hold = request.provider == orders::PaymentProvider::stripe ? options_.stripe_hold
                                                                     : options_.manual_hold;
  // The terms the page said placing the order accepts: the version in force now (recorded).
  request.terms_version = co_await legal_.terms_version();
  auto placed = co_await orders_.place(std::move(request));
  if (!placed) co_return std::unexpected(CheckoutFailure{placed.error()});
  auto order = std::move(*placed);
  if (order.provider == orders::PaymentProvider::manual)
    co_return CheckoutStarted{.order = order, .redirect = order_url(order)};

  auto session_request = this->session_request(order, 1);
  auto job = [this, &session_request] { return stripe_.create_checkout_session(session_request); };
  auto session = co_await core::run_on<std::expected<CheckoutSession, StripeFailure>>(pool_, job);
  if (!session) {
    observe::error("stripe checkout session failed", {{"order", order.number},
                                                      {"status", session.error().status},
                                                      {"error", session.error().message}});
    auto number = order.number;
    orders::Change cancel{.to = orders::OrderStatus::cancelled,
                          .actor = {.kind = "system"},
                          .note = "payment could not start: " + session.error().message};
    co_await orders_.change(number, std::move(cancel));
    co_return std::unexpected(CheckoutFailure{payment_error(session.error().kind)});
  }
  auto number = order.number;
  auto session_id = session->id;
  co_await orders_.set_payment_reference(number, session_id);
  order.payment_reference = session_id;
  co_return CheckoutStarted{.order = order, .redirect = session->url};
}

}  // namespace comptoir::checkout
