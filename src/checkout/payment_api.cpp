#include "checkout/payment_api.hpp"

#include <fmt/format.h>

#include <chrono>

#include "accounts/address_book.hpp"
#include "accounts/authorization.hpp"
#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "checkout/checkout_errors.hpp"
#include "checkout/checkout_input.hpp"
#include "checkout/checkout_service.hpp"
#include "checkout/stripe_events.hpp"
#include "checkout/stripe_signature.hpp"
#include "http/json_body.hpp"
#include "http/member_routes.hpp"
#include "observe/log.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_service.hpp"

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

std::string text(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string{};
}

json::object order_json(const orders::Order& order) {
  json::array lines;
  for (const auto& line : order.lines)
    lines.push_back(json::object{{"sku", line.sku},
                                 {"name", line.name},
                                 {"variant", line.variant_label},
                                 {"unit_price", line.unit_price},
                                 {"quantity", line.quantity},
                                 {"amount", line.amount},
                                 {"tax", line.tax}});
  json::array taxes;
  for (const auto& tax : order.totals.taxes)
    taxes.push_back(json::object{{"code", tax.code},
                                 {"rate_millionths", tax.millionths},
                                 {"base", tax.base},
                                 {"amount", tax.amount}});
  json::array history;
  for (const auto& entry : order.history)
    history.push_back(json::object{
        {"at", entry.occurred_at},
        {"actor", entry.actor_kind},
        {"actor_id", entry.actor_id},
        {"from", entry.from_status.empty() ? json::value(nullptr) : json::value(entry.from_status)},
        {"to", entry.to_status},
        {"note", entry.note}});
  const auto& t = order.totals;
  return {{"number", order.number},
          {"status", orders::name(order.status)},
          {"email", order.email},
          {"locale", core::code(order.locale)},
          {"currency", order.currency},
          {"region", order.region_code},
          {"payment_provider", orders::name(order.provider)},
          {"payment_reference", order.payment_reference},
          {"created_at", order.created_at},
          {"lines", std::move(lines)},
          {"totals", json::object{{"subtotal", t.subtotal},
                                  {"discount", t.discount},
                                  {"shipping", t.shipping},
                                  {"fees", t.fees},
                                  {"taxes", std::move(taxes)},
                                  {"tax", t.tax},
                                  {"tax_included", t.tax_included},
                                  {"total", t.total}}},
          {"refunded_amount", order.refunded_amount},
          {"tracking_url", order.tracking_url},
          {"history", std::move(history)}};
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
      throw http::HttpError(Status::bad_request, std::string(refusal(verified.error())));
    }
    auto body = ctx.request.body();
    try {
      auto outcome = co_await deps_.events.receive(std::move(body));
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
    auto email = text(body, "email");
    auto region = text(body, "region");
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
      address = for_destination({.full_name = text(a, "full_name"),
                                 .line1 = text(a, "line1"),
                                 .line2 = text(a, "line2"),
                                 .city = text(a, "city"),
                                 .postal_code = text(a, "postal_code"),
                                 .phone = text(a, "phone")},
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
    cart::CartOwner owner = session.signed_in()
                                ? cart::CartOwner{.user_id = session.user->id}
                                : cart::CartOwner{.session_id_hash = session.id_hash};
    orders::PlaceRequest request{
        .owner = owner,
        .user_id = session.signed_in() ? std::optional(session.user->id) : std::nullopt,
        .email = email,
        .locale = ctx.locale,
        .address = shipping_address(address),
        .region_code = region,
        .expected_total = expected};
    auto started = co_await deps_.checkout.start(std::move(request));
    if (!started) throw failure(ctx, started.error());
    co_return http::json(Status::created, {{"order", order_json(started->order)},
                                           {"payment_url", started->redirect}});
  }

  net::awaitable<Response> get_order(Context& ctx) const {
    co_await deps_.authorizer.require(ctx, "orders:read");
    auto number = std::string(ctx.param("number"));
    auto order = co_await deps_.orders.find(number);
    if (!order) throw http::HttpError(Status::not_found, t(ctx, "orders.api.not_found"));
    co_return http::json(Status::ok, order_json(*order));
  }

  net::awaitable<Response> transition(Context& ctx) const {
    // Who asks is settled before the body is read: an anonymous caller, bad credentials or a
    // principal that may neither move nor refund orders never gets a parser's attention.
    auto who = co_await deps_.authorizer.identify(ctx);
    if (!who || (!who->has_scope("orders:write") && !who->has_scope("orders:refund"))) {
      auto allowed = co_await deps_.authorizer.require(ctx, "orders:write");  // 401, 403 audited
      who = std::move(allowed);
    }
    auto body = json_body(ctx);
    auto to = orders::parse_status(text(body, "to"));
    bool refund =
        to == orders::OrderStatus::refunded || to == orders::OrderStatus::partially_refunded;
    const auto* scope = refund ? "orders:refund" : "orders:write";
    if (!who->has_scope(scope)) {  // asked again only to refuse (and audit) the missing scope
      auto allowed = co_await deps_.authorizer.require(ctx, scope);
      who = std::move(allowed);
    }
    const auto& principal = *who;
    if (!to)
      throw http::HttpError(
          Status::unprocessable_entity, t(ctx, "orders.api.bad_status"),
          json::object{
              {"code", "orders.invalid"},
              {"errors", json::array{json::object{{"field", "to"},
                                                  {"message", t(ctx, "orders.api.bad_status")}}}}});
    orders::Change change{
        .to = *to,
        .actor = {.kind = principal.kind == accounts::Principal::Kind::staff ? "user" : "api_token",
                  .id = std::to_string(principal.id)},
        .note = text(body, "note").substr(0, 1000),
        .tracking_url = text(body, "tracking_url").substr(0, 500)};
    if (const auto* amount = body.if_contains("refunded_amount"); amount && amount->is_int64())
      change.refunded_amount = amount->as_int64();
    if (!change.tracking_url.empty() && !change.tracking_url.starts_with("https://") &&
        !change.tracking_url.starts_with("http://"))
      throw http::HttpError(Status::unprocessable_entity, t(ctx, "orders.api.bad_tracking_url"),
                            json::object{{"code", "orders.invalid"}});
    auto number = std::string(ctx.param("number"));
    auto changed = co_await deps_.orders.change(std::move(number), std::move(change));
    if (!changed) {
      auto refusal = orders::refusal_of(changed.error());
      json::value extra;
      if (!refusal.code.empty()) extra = json::object{{"code", refusal.code}};
      throw http::HttpError(refusal.status, t(ctx, refusal.message_key), std::move(extra));
    }
    co_return http::json(Status::ok, order_json(*changed));
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
    return {refusal.status,
            fmt::format(fmt::runtime(t(ctx, refusal.message_key)), fmt::arg("item", refusal.item)),
            std::move(extra)};
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
  routes.add(M::get, "/api/v1/orders/{number}", &PaymentApi::get_order);
  routes.add(M::post, "/api/v1/orders/{number}/transitions", &PaymentApi::transition);
}

}  // namespace comptoir::checkout
