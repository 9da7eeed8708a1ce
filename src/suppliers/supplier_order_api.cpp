#include "suppliers/supplier_order_api.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <utility>

#include "accounts/authorization.hpp"
#include "db/database.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "http/member_routes.hpp"
#include "observe/log.hpp"
#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/signature.hpp"
#include "suppliers/supplier_news.hpp"
#include "suppliers/supplier_order_repository.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using http::Context;
using http::Response;
using http::Status;

json::object order_json(const SupplierOrder& order) {
  return {{"external_id", order.external_id},
          {"state", to_string(order.state)},
          {"supplier_order_number", order.supplier_order_number},
          {"carrier", order.carrier},
          {"tracking_number", order.tracking_number},
          {"tracking_url", order.tracking_url}};
}

class SupplierOrderApi {
 public:
  explicit SupplierOrderApi(SupplierOrderApiDeps deps) : deps_(std::move(deps)) {}

  net::awaitable<Response> event(Context& ctx) const {
    auto external_id = std::string(ctx.param("external_id"));
    auto signed_by = std::string(ctx.request[signature::kHeader]);
    // Staff without a signature must hold orders:write; a signature is checked against the
    // supplier of that order, inside the transaction below.
    if (signed_by.empty()) co_await deps_.authorizer.require(ctx, "orders:write");
    auto body_text = std::string(ctx.request.body());
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto outcome = co_await deps_.db.transact([&](db::Connection& conn) -> json::object {
      SupplierOrderRepository orders(conn);
      auto order = orders.lock_by_external_id(external_id);
      if (!signed_by.empty()) verify(ctx, conn, order, signed_by, body_text, now);
      if (!order)
        throw http::HttpError(Status::not_found, t(ctx, "suppliers.api.not_found"),
                              json::object{{"code", "suppliers.not_found"}});
      auto event = read(ctx);
      auto recorded = record_news(conn, *order, event);
      if (!recorded)
        throw http::HttpError(
            Status::conflict, t(ctx, "suppliers.api.not_allowed"),
            json::object{{"code", "suppliers.not_allowed"}, {"state", to_string(order->state)}});
      observe::info("supplier order news", {{"external_id", external_id},
                                            {"from", to_string(order->state)},
                                            {"to", to_string(event.state)},
                                            {"by", signed_by.empty() ? "staff" : "supplier"}});
      return order_json(*recorded);
    });
    co_return http::json(Status::ok, outcome);
  }

 private:
  // 401 unless `header` signs the body under the signing secret of the order's supplier. An
  // unknown order is a 401 too: nothing is said of orders to whoever cannot sign for them.
  void verify(const Context& ctx, db::Connection& conn, const std::optional<SupplierOrder>& order,
              std::string_view header, std::string_view body, std::chrono::sys_seconds now) const {
    auto refuse = [&](std::string_view reason) {
      observe::warn("supplier order news refused",
                    {{"reason", reason}, {"request_id", ctx.request_id}});
      return http::HttpError(Status::unauthorized, t(ctx, "suppliers.api.signature"),
                             json::object{{"code", "suppliers.signature"}});
    };
    if (!order) throw refuse("unknown order");
    auto credentials = SupplierService(conn, deps_.keys).credentials(order->supplier_id);
    auto secret = credentials ? json_reading::text(*credentials, "signing_secret") : "";
    if (secret.empty()) throw refuse("the supplier has no signing secret");
    auto check = signature::verify(header, secret, body, now);
    if (check == signature::Check::stale) throw refuse("stale timestamp");
    if (check != signature::Check::valid) throw refuse("bad signature");
  }

  SupplierNews read(const Context& ctx) const {
    auto body = http::json_object_body(ctx, {.content_type = t(ctx, "suppliers.api.content_type"),
                                             .malformed = t(ctx, "suppliers.api.malformed"),
                                             .code_prefix = "suppliers"});
    json::array errors;
    auto invalid = [&](std::string_view field, std::string_view key) {
      errors.push_back(json::object{{"field", field}, {"message", t(ctx, key)}});
    };
    SupplierNews event;
    auto state = parse_supplier_order_state(http::string_field(body, "state"));
    if (!state)
      invalid("state", "suppliers.api.bad_state");
    else
      event.state = *state;
    auto text = [&](std::string_view field, std::string& out) {
      const auto* value = body.if_contains(field);
      if (!value || value->is_null()) return;
      if (!value->is_string()) return invalid(field, "suppliers.api.bad_text");
      out = std::string(value->as_string());
    };
    text("supplier_order_number", event.details.number);
    text("carrier", event.details.carrier);
    text("tracking_number", event.details.tracking_number);
    text("tracking_url", event.details.tracking_url);
    // The rules are the engine's (supplier_news.hpp), the same when staff type the news in.
    for (const auto& problem : check_news(event)) {
      if (problem.field == "state" && !state) continue;  // said already
      invalid(problem.field, "suppliers.api." + problem.code);
    }
    if (!errors.empty())
      throw http::HttpError(Status::unprocessable_entity, t(ctx, "suppliers.api.invalid"),
                            json::object{{"code", "suppliers.invalid"}, {"errors", errors}});
    return event;
  }

  std::string t(const Context& ctx, std::string_view key) const {
    return std::string(deps_.messages.t(ctx.locale, key));
  }

  SupplierOrderApiDeps deps_;
};

}  // namespace

void add_supplier_order_api(http::Router& router, SupplierOrderApiDeps deps) {
  http::RouteOptions options{.middleware = deps.webhook_middleware};
  const http::MemberRoutes routes(router, std::make_shared<const SupplierOrderApi>(std::move(deps)),
                                  std::move(options));
  routes.add(http::Method::post, "/api/v1/supplier-orders/{external_id}/events",
             &SupplierOrderApi::event);
}

}  // namespace comptoir::suppliers
