// GET /api/v1/orders: the staff's order list for integrations (orders:read), the same filters
// as the back office's list, newest first, with an opaque cursor to the next page.
#include <charconv>

#include "accounts/authorization.hpp"
#include "core/text.hpp"
#include "http/member_routes.hpp"
#include "http/pages.hpp"
#include "i18n/catalog.hpp"
#include "i18n/money_json.hpp"
#include "orders/order_api.hpp"
#include "orders/order_service.hpp"

namespace comptoir::orders {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using http::Context;
using http::Response;
using http::Status;

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;
constexpr std::size_t kMaxSearch = 100;

std::optional<std::int64_t> positive(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

class OrderListApi {
 public:
  explicit OrderListApi(OrderApiDeps deps) : deps_(deps) {}

  net::awaitable<Response> list(Context& ctx) const {
    co_await deps_.authorizer.require(ctx, "orders:read");
    auto filter = parse(ctx);
    auto page = co_await deps_.orders.list(filter);
    json::array items;
    for (const auto& row : page.rows)
      items.push_back(
          json::object{{"number", row.number},
                       {"status", name(row.status)},
                       {"email", row.email},
                       {"currency", row.currency},
                       {"total", i18n::money_json({.cents = row.total, .currency = row.currency},
                                                  ctx.locale, deps_.formatter)},
                       {"refunded_amount",
                        i18n::money_json({.cents = row.refunded_amount, .currency = row.currency},
                                         ctx.locale, deps_.formatter)},
                       {"payment_provider", name(row.provider)},
                       {"items", row.items},
                       {"created_at", row.created_at}});
    json::object out{{"items", std::move(items)}};
    out["next_cursor"] = page.next_before_id ? json::value(std::to_string(*page.next_before_id))
                                             : json::value(nullptr);
    co_return http::json(Status::ok, out);
  }

 private:
  // The query's filters; 400 problem+json naming every parameter that does not parse.
  OrderFilter parse(const Context& ctx) const {
    auto query = http::query_of(ctx);
    OrderFilter filter{.limit = kDefaultLimit};
    json::array errors;
    auto refuse = [&](std::string_view field, std::string_view key) {
      errors.push_back(json::object{{"field", field}, {"message", t(ctx, key)}});
    };
    if (auto status = query.get("status"); !status.empty()) {
      filter.status = parse_status(status);
      if (!filter.status) refuse("status", "orders.api.bad_status");
    }
    for (auto [name, target] : {std::pair{"created_from", &filter.created_from},
                                std::pair{"created_to", &filter.created_to}}) {
      auto text = query.get(name);
      if (text.empty()) continue;
      if (is_iso_date(text))
        *target = std::string(text);
      else
        refuse(name, "orders.api.bad_date");
    }
    if (auto provider = query.get("payment_provider"); !provider.empty()) {
      if (provider == "stripe")
        filter.provider = PaymentProvider::stripe;
      else if (provider == "manual")
        filter.provider = PaymentProvider::manual;
      else
        refuse("payment_provider", "orders.api.bad_provider");
    }
    auto search = core::trim_blanks(query.get("q"));
    if (search.size() > kMaxSearch)
      refuse("q", "orders.api.bad_search");
    else
      filter.search = std::string(search);
    if (auto cursor = query.get("cursor"); !cursor.empty()) {
      filter.before_id = positive(cursor);
      if (!filter.before_id) refuse("cursor", "orders.api.bad_cursor");
    }
    if (auto limit = query.get("limit"); !limit.empty()) {
      auto value = positive(limit);
      if (!value || *value > kMaxLimit)
        refuse("limit", "orders.api.bad_limit");
      else
        filter.limit = static_cast<int>(*value);
    }
    if (!errors.empty())
      throw http::HttpError(Status::bad_request, t(ctx, "orders.api.bad_query"),
                            json::object{{"code", "orders.invalid_query"}, {"errors", errors}});
    return filter;
  }

  std::string t(const Context& ctx, std::string_view key) const {
    return std::string(deps_.messages.t(ctx.locale, key));
  }

  OrderApiDeps deps_;
};

}  // namespace

void add_order_list_api(http::Router& router, OrderApiDeps deps) {
  const http::MemberRoutes routes(router, std::make_shared<const OrderListApi>(deps));
  routes.add(http::Method::get, "/api/v1/orders", &OrderListApi::list);
}

}  // namespace comptoir::orders
