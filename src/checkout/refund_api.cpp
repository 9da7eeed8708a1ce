#include "checkout/refund_api.hpp"

#include <fmt/format.h>
#include <boost/json/array.hpp>

#include "accounts/authorization.hpp"
#include "checkout/refund_errors.hpp"
#include "checkout/refund_json.hpp"
#include "checkout/refund_service.hpp"
#include "http/json_body.hpp"
#include "http/member_routes.hpp"
#include "i18n/money_json.hpp"
#include "orders/order_urls.hpp"

namespace comptoir::checkout {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using http::Context;
using http::Response;
using http::Status;

// A positive integer at `key` of `body`, nullopt when missing; 0 when present but not one.
std::optional<std::int64_t> positive_integer(const json::object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  if (!value || value->is_null()) return std::nullopt;
  return value->is_int64() && value->as_int64() > 0 ? value->as_int64() : 0;
}

class RefundApi {
 public:
  explicit RefundApi(RefundApiDeps deps) : deps_(deps) {}

  net::awaitable<Response> create(Context& ctx) const {
    // Who asks first: nobody without orders:refund gets the body parsed.
    auto principal = co_await deps_.authorizer.require(ctx, "orders:refund");
    auto body = http::json_object_body(ctx, {.content_type = t(ctx, "refunds.api.content_type"),
                                             .malformed = t(ctx, "refunds.api.malformed"),
                                             .code_prefix = "refunds"});
    json::array errors;
    auto invalid = [&](std::string_view field, std::string_view key) {
      errors.push_back(json::object{{"field", field}, {"message", t(ctx, key)}});
    };
    auto amount = positive_integer(body, "amount").value_or(0);
    if (amount <= 0) invalid("amount", "refunds.error.amount");
    auto reason = parse_refund_reason(http::string_field(body, "reason"));
    if (!reason) invalid("reason", "refunds.error.reason");
    const auto* note = body.if_contains("note");
    if (note && !note->is_null() &&
        (!note->is_string() || characters(note->as_string()) > kMaxRefundNote))
      invalid("note", "refunds.error.note");
    auto return_id = positive_integer(body, "return_id");
    if (return_id == 0) invalid("return_id", "refunds.error.return_id");
    if (!errors.empty())
      throw http::HttpError(Status::unprocessable_entity, t(ctx, "refunds.error.invalid"),
                            json::object{{"code", "refunds.invalid"}, {"errors", errors}});
    RefundRequest request{
        .order_number = std::string(ctx.param("number")),
        .amount = amount,
        .reason = *reason,
        .note = http::string_field(body, "note"),
        .actor = {.kind = principal.kind == accounts::Principal::Kind::staff ? "user" : "api_token",
                  .id = std::to_string(principal.id)},
        .return_id = return_id,
        .origin = {.ip = ctx.client_ip, .request_id = ctx.request_id}};
    auto refunded = co_await deps_.refunds.refund(std::move(request));
    if (!refunded) throw failure(ctx, refunded.error());
    co_return http::json(Status::created, refund_json(*refunded, ctx.locale, deps_.formatter));
  }

  net::awaitable<Response> list(Context& ctx) const {
    co_await deps_.authorizer.require(ctx, "orders:read");
    auto found = co_await deps_.refunds.refunds_of(std::string(ctx.param("number")));
    if (!found) throw failure(ctx, {.error = RefundError::unknown_order});
    co_return http::json(Status::ok, order_refunds_json(*found, ctx.locale, deps_.formatter));
  }

 private:
  std::string t(const Context& ctx, std::string_view key) const {
    return std::string(deps_.messages.t(ctx.locale, key));
  }

  // The problem: its code; what may still be refunded when the amount is over it; the refund
  // written when Stripe failed it or could not be reached (with Stripe's message).
  http::HttpError failure(const Context& ctx, const RefundFailure& failure) const {
    auto refusal = refusal_of(failure.error);
    json::object extra{{"code", refusal.code}};
    std::string refundable;
    if (failure.error == RefundError::exceeds_refundable ||
        failure.error == RefundError::exceeds_return) {
      refundable = deps_.formatter.money(failure.refundable, failure.currency, ctx.locale);
      extra["refundable"] = i18n::money_json(
          {.cents = failure.refundable, .currency = failure.currency}, ctx.locale, deps_.formatter);
    }
    if (failure.refund) {
      extra["refund"] = refund_json(*failure.refund, ctx.locale, deps_.formatter);
      if (!failure.refund->error.empty()) extra["stripe_message"] = failure.refund->error;
    }
    auto message =
        fmt::format(fmt::runtime(t(ctx, refusal.message_key)), fmt::arg("amount", refundable));
    return {refusal.status, std::move(message), std::move(extra)};
  }

  RefundApiDeps deps_;
};

}  // namespace

void add_refund_api(http::Router& router, RefundApiDeps deps) {
  const http::MemberRoutes routes(router, std::make_shared<const RefundApi>(deps));
  routes.add(http::Method::post, orders::urls::kApiRefundsRoute, &RefundApi::create);
  routes.add(http::Method::get, orders::urls::kApiRefundsRoute, &RefundApi::list);
}

}  // namespace comptoir::checkout
