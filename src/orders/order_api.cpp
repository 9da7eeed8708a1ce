#include "orders/order_api.hpp"

#include "accounts/authorization.hpp"
#include "http/json_body.hpp"
#include "http/member_routes.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_json.hpp"
#include "orders/order_service.hpp"
#include "orders/order_urls.hpp"

namespace comptoir::orders {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using http::Context;
using http::Response;
using http::Status;

class OrderApi {
 public:
  explicit OrderApi(OrderApiDeps deps) : deps_(deps) {}

  net::awaitable<Response> get_order(Context& ctx) const {
    co_await deps_.authorizer.require(ctx, "orders:read");
    auto number = std::string(ctx.param("number"));
    auto order = co_await deps_.orders.find(number);
    if (!order) throw http::HttpError(Status::not_found, t(ctx, "orders.api.not_found"));
    co_return http::json(Status::ok, order_json(*order, ctx.locale, deps_.formatter));
  }

  net::awaitable<Response> transition(Context& ctx) const {
    // Who asks is settled before the body is read: an anonymous caller, bad credentials or a
    // principal that may neither move nor refund orders never gets a parser's attention.
    auto who = co_await deps_.authorizer.identify(ctx);
    if (!who || (!who->has_scope("orders:write") && !who->has_scope("orders:refund"))) {
      auto allowed = co_await deps_.authorizer.require(ctx, "orders:write");  // 401, 403 audited
      who = std::move(allowed);
    }
    auto body = http::json_object_body(ctx, {.content_type = t(ctx, "orders.api.content_type"),
                                             .malformed = t(ctx, "orders.api.malformed"),
                                             .code_prefix = "orders"});
    auto to = parse_status(http::string_field(body, "to"));
    auto number = std::string(ctx.param("number"));
    // A refund is money given back, not a state to set: POST …/refunds issues it (through Stripe
    // for an order paid online) and moves the order once it succeeded. Said to whoever may refund.
    if (to == OrderStatus::refunded || to == OrderStatus::partially_refunded)
      throw http::HttpError(Status::conflict, t(ctx, "orders.api.refund_through_refunds"),
                            json::object{{"code", "orders.refund_through_refunds"},
                                         {"refunds", urls::api_refunds(number)}});
    if (!who->has_scope("orders:write")) {  // asked again only to refuse (and audit) the scope
      auto allowed = co_await deps_.authorizer.require(ctx, "orders:write");
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
    Change change{
        .to = *to,
        .actor = {.kind = principal.kind == accounts::Principal::Kind::staff ? "user" : "api_token",
                  .id = std::to_string(principal.id)},
        .note = http::string_field(body, "note").substr(0, 1000),
        .shipment = {.carrier = http::string_field(body, "carrier"),
                     .tracking_number = http::string_field(body, "tracking_number"),
                     .tracking_url = http::string_field(body, "tracking_url")}};
    if (auto refused = complete(change.shipment)) {
      const std::string_view field = *refused == ShipmentError::unknown_carrier ? "carrier"
                                     : *refused == ShipmentError::bad_url       ? "tracking_url"
                                                                                : "tracking_number";
      auto message = t(ctx, message_key(*refused));
      throw http::HttpError(
          Status::unprocessable_entity, message,
          json::object{
              {"code", "orders.invalid"},
              {"errors", json::array{json::object{{"field", field}, {"message", message}}}}});
    }
    auto changed = co_await deps_.orders.change(std::move(number), std::move(change));
    if (!changed) {
      auto refusal = refusal_of(changed.error());
      json::value extra;
      if (!refusal.code.empty()) extra = json::object{{"code", refusal.code}};
      throw http::HttpError(refusal.status, t(ctx, refusal.message_key), std::move(extra));
    }
    co_return http::json(Status::ok, order_json(*changed, ctx.locale, deps_.formatter));
  }

 private:
  std::string t(const Context& ctx, std::string_view key) const {
    return std::string(deps_.messages.t(ctx.locale, key));
  }

  OrderApiDeps deps_;
};

}  // namespace

void add_order_api(http::Router& router, OrderApiDeps deps) {
  const http::MemberRoutes routes(router, std::make_shared<const OrderApi>(deps));
  routes.add(http::Method::get, "/api/v1/orders/{number}", &OrderApi::get_order);
  routes.add(http::Method::post, "/api/v1/orders/{number}/transitions", &OrderApi::transition);
}

}  // namespace comptoir::orders
