#include "suppliers/printify_webhooks.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <charconv>
#include <utility>

#include "db/database.hpp"
#include "http/member_routes.hpp"
#include "observe/log.hpp"
#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/signature.hpp"
#include "suppliers/supplier_order_repository.hpp"
#include "suppliers/supplier_service.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using http::Context;
using http::Response;
using http::Status;
using json_reading::object;
using json_reading::text;

constexpr std::chrono::seconds kNextLook{600};

// Whether `header` ("sha256=<hex>") is the HMAC-SHA-256 of `body` under `secret`.
bool signed_by(std::string_view header, std::string_view secret, std::string_view body) {
  constexpr std::string_view kPrefix = "sha256=";
  return header.starts_with(kPrefix) &&
         signature::same(header.substr(kPrefix.size()), signature::hex_hmac_sha256(secret, body));
}

class PrintifyWebhooks {
 public:
  explicit PrintifyWebhooks(PrintifyWebhookDeps deps) : deps_(std::move(deps)) {}

  net::awaitable<Response> receive(Context& ctx) const {
    std::int64_t supplier_id = 0;
    auto id_text = ctx.param("supplier_id");
    auto [end, parsed] =
        std::from_chars(id_text.data(), id_text.data() + id_text.size(), supplier_id);
    if (parsed != std::errc{} || end != id_text.data() + id_text.size())
      throw http::HttpError(Status::not_found, "No such supplier.");
    auto body = std::string(ctx.request.body());
    auto signature = std::string(ctx.request["X-Pfy-Signature"]);
    auto outcome = co_await deps_.db.transact([&](db::Connection& conn) -> std::string {
      SupplierService suppliers(conn, deps_.keys);
      auto supplier = suppliers.find(supplier_id);
      if (!supplier || supplier->type != SupplierType::printify)
        throw http::HttpError(Status::not_found, "No Printify supplier has this id.");
      auto session = suppliers.session(supplier_id);
      auto secret = session ? text(*session, "webhook_secret") : "";
      if (secret.empty() || !signed_by(signature, secret, body)) {
        observe::warn("printify webhook refused",
                      {{"supplier", supplier_id}, {"request_id", ctx.request_id}});
        throw http::HttpError(Status::unauthorized,
                              "X-Pfy-Signature is missing or does not sign this body.");
      }
      return apply(conn, supplier_id, body);
    });
    co_return http::json(Status::ok, {{"status", outcome}});
  }

 private:
  static std::string apply(db::Connection& conn, std::int64_t supplier_id, std::string_view body) {
    boost::system::error_code ec;
    auto event = json::parse(body, ec);
    const auto* o = !ec && event.is_object() ? &event.as_object() : nullptr;
    const auto* resource = o ? object(*o, "resource") : nullptr;
    if (resource == nullptr) throw http::HttpError(Status::bad_request, "Not a Printify event.");
    auto type = text(*o, "type");
    SupplierOrderRepository orders(conn);
    auto order = orders.lock_by_supplier_number(supplier_id, text(*resource, "id"));
    if (!type.starts_with("order:") || !order) return "ignored";
    const auto* data = object(*resource, "data");
    Progress progress{.state = order->state, .next_in = kNextLook};
    using enum SupplierOrderState;
    if (type == "order:shipment:created") {
      progress.state = shipped;
      RemoteOrder parcel;
      if (const auto* carrier = data ? object(*data, "carrier") : nullptr) {
        parcel.carrier = text(*carrier, "code");
        parcel.tracking_number = text(*carrier, "tracking_number");
        parcel.tracking_url = text(*carrier, "tracking_url");
      }
      progress.remote = parcel;
    } else if (type == "order:shipment:delivered") {
      progress.state = delivered;
    } else if (type == "order:sent-to-production") {
      progress.state = confirmed;
    } else {
      progress.next_in = std::chrono::seconds{0};  // the next dispatch asks for the details
    }
    if (progress.state != order->state && !supplier_event_allowed(order->state, progress.state))
      return "ignored";
    orders.record(order->id, progress);
    return "applied";
  }

  PrintifyWebhookDeps deps_;
};

}  // namespace

void add_printify_webhooks(http::Router& router, PrintifyWebhookDeps deps) {
  http::RouteOptions options{.middleware = deps.webhook_middleware};
  const http::MemberRoutes routes(router, std::make_shared<const PrintifyWebhooks>(std::move(deps)),
                                  std::move(options));
  routes.add(http::Method::post, "/webhooks/printify/{supplier_id}", &PrintifyWebhooks::receive);
}

}  // namespace comptoir::suppliers
