#include "checkout/payment_api.hpp"

#include <fmt/format.h>

#include <chrono>

#include "accounts/address_book.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "cart/cart_count.hpp"
#include "cart/cart_owner.hpp"
#include "checkout/checkout_errors.hpp"
#include "checkout/checkout_input.hpp"
#include "checkout/checkout_service.hpp"
#include "checkout/stripe_events.hpp"
#include "checkout/stripe_signature.hpp"
#include "http/json_body.hpp"
#include "http/member_routes.hpp"
#include "observe/log.hpp"
#include "orders/order_json.hpp"

namespace comptoir::checkout {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using http::Context;
using http::Response;
using http::Status;

std::string_view refusal(SignatureError error) {
  switch (error) {
    case SignatureError::missing_header:
      return "A Stripe-Signature header with t= and v1= is required.";
    case SignatureError::stale_timestamp:
      return "The Stripe-Signature timestamp is more than 5 minutes away from now.";
    case SignatureError::no_matching_secret:
      return "No v1 signature in Stripe-Signature matches this delivery.";
  }
  return "The delivery could not be verified.";
}

class PaymentApi {
 public:
  explicit PaymentApi(PaymentApiDeps deps)
      : deps_(std::move(deps)), secrets_(split_secrets(deps_.webhook_secrets)) {}

  net::awaitable<Response> webhook(Context& ctx) const {
    if (secrets_.empty())
      throw http::HttpError(Status::service_unavailable,
                            "Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET.");
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    if (auto verified = verify_stripe_signature(secrets_, ctx.request["Stripe-Signature"],
                                                ctx.request.body(), now);
        !verified) {
      observe::warn("stripe webhook refused",
                    {{"reason", refusal(verified.error())}, {"request_id", ctx.request_id}});
      if (deps_.unverified_throttle) co_await deps_.unverified_throttle->take(ctx);
      throw http::HttpError(Status::bad_request, std::string(refusal(verified.error())));
    }
    auto body = ctx.request.body();
    auto request_id = ctx.request_id;
    try {
      auto outcome = co_await deps_.events.receive(std::move(body), std::move(request_id));
      co_return http::json(Status::ok, {{"status", name(outcome)}});
    } catch (const MalformedEvent& malformed) {
      throw http::HttpError(Status::bad_request, malformed.reason);
    }
  }

  net::awaitable<Response> checkout(Context& ctx) const {
    auto& session = accounts::session_of(ctx);
    if (accounts::check_csrf(ctx, session, ctx.request[accounts::kCsrfHeader],
                             deps_.allowed_origin) != accounts::CsrfVerdict::ok)
      throw http::HttpError(Status::forbidden, t(ctx, "checkout.api.csrf"),
                            json::object{{"code", "checkout.csrf"}});
    auto body = json_body(ctx);
    auto email = http::string_field(body, "email");
    auto region = http::string_field(body, "region");
    const auto* address_value = body.if_contains("shipping_address");
    json::array errors;
    auto invalid = [&](std::string_view field, std::string_view key) {
      errors.push_back(json::object{{"field", field}, {"message", t(ctx, key)}});
    };
    if (!plausible_email(email)) invalid("email", "checkout.error.email");
    if (!address_value || !address_value->is_object())
      invalid("shipping_address", "checkout.error.address");
    accounts::Address address;
    if (address_value && address_value->is_object()) {
      const auto& a = address_value->as_object();
      address = for_destination({.full_name = http::string_field(a, "full_name"),
                                 .line1 = http::string_field(a, "line1"),
                                 .line2 = http::string_field(a, "line2"),
                                 .city = http::string_field(a, "city"),
                                 .postal_code = http::string_field(a, "postal_code"),
                                 .phone = http::string_field(a, "phone")},
                                region);
      for (const auto& problem : accounts::validate_address(address))
        invalid(problem.field == "country" ? "region"
                                           : fmt::format("shipping_address.{}", problem.field),
                problem.message_key);
    }
    if (!errors.empty())
      throw http::HttpError(Status::unprocessable_entity, t(ctx, "checkout.error.invalid"),
                            json::object{{"code", "checkout.invalid"}, {"errors", errors}});
    std::optional<std::int64_t> expected;
    if (const auto* value = body.if_contains("expected_total"); value && value->is_int64())
      expected = value->as_int64();
    auto owner = cart::owner_of(session);
    orders::PlaceRequest request{
        .owner = owner,
        .user_id = session.signed_in() ? std::optional(session.user->id) : std::nullopt,
        .email = email,
        .locale = ctx.locale,
        .address = shipping_address(address),
        .region_code = region,
        .expected_total = expected};
    if (deps_.analytics_mark) request.analytics = deps_.analytics_mark(ctx);
    Requester requester{.session_id_hash = session.stored() ? session.id_hash : std::string{},
                        .client_ip = ctx.client_ip};
    auto started = co_await deps_.checkout.start(std::move(request), std::move(requester));
    if (!started) throw failure(ctx, started.error());
    auto res =
        http::json(Status::created,
                   {{"order", orders::order_json(started->order, ctx.locale, deps_.formatter)},
                    {"payment_url", started->redirect}});
    cart::set_count_cookie(ctx.request, res, 0);  // the ordered lines left the cart
    co_return res;
  }

 private:
  std::string t(const Context& ctx, std::string_view key) const {
    return std::string(deps_.messages.t(ctx.locale, key));
  }

  json::object json_body(const Context& ctx) const {
    return http::json_object_body(ctx, {.content_type = t(ctx, "checkout.api.content_type"),
                                        .malformed = t(ctx, "checkout.api.malformed"),
                                        .code_prefix = "checkout"});
  }

  http::HttpError failure(const Context& ctx, const CheckoutFailure& failure) const {
    auto refusal = refusal_of(failure);
    json::object extra{{"code", refusal.code}};
    if (!refusal.item.empty()) extra["item"] = refusal.item;
    auto seconds = refusal.retry_after.count();
    if (seconds > 0) extra["retry_after"] = seconds;
    http::HttpError error(refusal.status, message_of(refusal, t(ctx, refusal.message_key)),
                          std::move(extra));
    if (seconds > 0) error.headers.emplace_back(http::Field::retry_after, std::to_string(seconds));
    return error;
  }

  PaymentApiDeps deps_;
  std::vector<std::string_view> secrets_;  // views into deps_.webhook_secrets
};

}  // namespace

void add_payment_api(http::Router& router, PaymentApiDeps deps) {
  http::RouteOptions with_session;
  with_session.middleware.push_back(accounts::with_session(deps.sessions));
  const http::MemberRoutes routes(router, std::make_shared<const PaymentApi>(std::move(deps)));
  using M = http::Method;
  routes.add(M::post, "/webhooks/stripe", &PaymentApi::webhook);
  routes.add(M::post, "/api/v1/checkout", &PaymentApi::checkout, with_session);
}

}  // namespace comptoir::checkout
