#include "suppliers/connectors/dropshipper.hpp"

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "suppliers/connectors/json_reading.hpp"
#include "suppliers/connectors/signature.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;
using json_reading::failure;
using json_reading::text;
using Kind = ConnectorError::Kind;
constexpr std::string_view kPlatform = "the dropshipper";

std::unexpected<ConnectorError> error(Kind kind, std::string message) {
  return std::unexpected(ConnectorError{.kind = kind, .message = std::move(message)});
}

class Dropshipper final : public Connector {
 public:
  Dropshipper(DropshipperSettings settings, ApiCallSink sink)
      : settings_(std::move(settings)),
        client_("dropshipper", settings_.url, dropshipper_policy(settings_.requests_per_second),
                credential_key(settings_.signing_secret), std::move(sink),
                {settings_.signing_secret}) {}

  std::expected<std::string, ConnectorError> test() override {
    auto answer = post(json::object{{"type", "ping"}}, "");
    if (!answer) return std::unexpected(answer.error());
    return fmt::format("{} answered the signed ping", settings_.url);
  }

  std::expected<ProductPage, ConnectorError> list_products(std::string_view) override {
    return error(Kind::unsupported,
                 "a dropshipper's catalog comes from its price list: suppliers sync --file "
                 "PRICES.csv");
  }

  std::expected<RemoteOrder, ConnectorError> create_order(const OrderRequest& r) override {
    json::array items;
    for (const auto& item : r.items)
      items.push_back({{"sku", item.sku},
                       {"quantity", item.quantity},
                       {"product_id", item.product_external_id},
                       {"variant_id", item.variant_external_id}});
    const auto& a = r.address;
    json::object body{{"type", "purchase_order"},
                      {"external_id", r.external_id},
                      {"label", r.label},
                      {"currency", r.currency},
                      {"items", std::move(items)},
                      {"ship_to",
                       {{"name", a.last_name.empty() || a.first_name == a.last_name
                                     ? a.first_name
                                     : fmt::format("{} {}", a.first_name, a.last_name)},
                        {"email", a.email},
                        {"phone", a.phone},
                        {"line1", a.line1},
                        {"line2", a.line2},
                        {"city", a.city},
                        {"region", a.region},
                        {"postal_code", a.postal_code},
                        {"country", a.country}}}};
    // The same message again after a lost answer is the same order: the idempotency key says so.
    auto answer = post(body, r.external_id);
    if (!answer) return std::unexpected(answer.error());
    RemoteOrder order{.number = r.external_id, .external_id = r.external_id};
    if (const auto* o = answer->if_object()) {
      if (auto id = text(*o, "id"); !id.empty()) order.number = id;
      auto status = text(*o, "status");
      order.state = status == "accepted" || status == "confirmed" ? RemoteState::confirmed
                                                                  : RemoteState::waiting;
    }
    return order;
  }

  std::expected<std::optional<RemoteOrder>, ConnectorError> find_order(std::string_view) override {
    return error(Kind::unsupported, "a dropshipper sends its news to the shop");
  }
  std::expected<RemoteOrder, ConnectorError> order_status(std::string_view) override {
    return error(Kind::unsupported, "a dropshipper sends its news to the shop");
  }

  std::expected<void, ConnectorError> cancel_order(std::string_view number) override {
    auto answer = post(json::object{{"type", "cancel"}, {"number", number}}, "");
    if (!answer) return std::unexpected(answer.error());
    return {};
  }

 private:
  std::expected<json::value, ConnectorError> post(const json::object& message,
                                                  std::string_view idempotency_key) {
    if (settings_.url.empty())
      return error(Kind::misconfigured, "no URL to send to: set the supplier's --api-base");
    if (settings_.signing_secret.empty())
      return error(Kind::misconfigured,
                   "no signing secret: set the supplier's credentials ({\"signing_secret\": …})");
    auto body = json::serialize(message);
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    ApiRequest request{
        .method = "POST",
        .body = body,
        .headers = {fmt::format("{}: {}", signature::kHeader,
                                signature::sign(settings_.signing_secret, now, body))}};
    if (!idempotency_key.empty())
      request.headers.push_back(fmt::format("Idempotency-Key: {}", idempotency_key));
    auto response = client_.send(request);
    if (response.status < 200 || response.status >= 300)
      return std::unexpected(failure(response, kPlatform));
    // A 2xx is the supplier's receipt; a body that is not JSON ("OK") is still one.
    boost::system::error_code ec;
    auto value = json::parse(response.body, ec);
    if (ec) return json::value(json::object{});
    return value;
  }

  DropshipperSettings settings_;
  ApiClient client_;
};

}  // namespace

ApiPolicy dropshipper_policy(double requests_per_second) {
  ApiPolicy policy;
  policy.requests_per_second = std::clamp(requests_per_second, 0.1, 1000.0);
  policy.burst = std::max(5, static_cast<int>(policy.requests_per_second));
  return policy;
}

std::unique_ptr<Connector> make_dropshipper(DropshipperSettings settings, ApiCallSink sink) {
  return std::make_unique<Dropshipper>(std::move(settings), std::move(sink));
}

}  // namespace comptoir::suppliers
