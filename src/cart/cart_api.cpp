#include "cart/cart_api.hpp"

#include <fmt/format.h>

#include <charconv>

#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "cart/cart_count.hpp"
#include "cart/cart_errors.hpp"
#include "cart/cart_owner.hpp"
#include "cart/cart_routes.hpp"
#include "cart/cart_service.hpp"
#include "cart/totals_json.hpp"
#include "http/json_body.hpp"
#include "http/member_routes.hpp"
#include "i18n/money_json.hpp"

namespace comptoir::cart {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using http::Context;
using http::Response;
using http::Status;

std::string_view problem_name(LineProblem problem) {
  switch (problem) {
    case LineProblem::none:
      return "none";
    case LineProblem::price_changed:
      return "price_changed";
    case LineProblem::not_enough_stock:
      return "not_enough_stock";
    case LineProblem::out_of_stock:
      return "out_of_stock";
    case LineProblem::unavailable:
      return "unavailable";
  }
  return "none";
}

class CartApi {
 public:
  // The cart as the API shows it; every amount in the one JSON money shape, formatted for the
  // request's language.
  json::object cart_json(const CartContents& cart, const std::string& csrf_token,
                         core::Locale locale) const {
    auto money = [&](std::int64_t cents, const std::string& currency) {
      return i18n::money_json({.cents = cents, .currency = currency}, locale, deps_.formatter);
    };
    json::array items;
    for (const auto& line : cart.lines) {
      auto units = line.available > 0 ? std::min(line.quantity, line.available) : line.quantity;
      items.push_back(json::object{
          {"product_id", line.product_id},
          {"variant_id", line.variant_id},
          {"name", line.name},
          {"variant", line.variant_label},
          {"url", line.path},
          {"quantity", line.quantity},
          {"available", line.available < 0 ? json::value(nullptr) : json::value(line.available)},
          {"unit_price", money(line.unit_price, line.currency)},
          {"line_total", money(line.counted() ? line.unit_price * units : 0, line.currency)},
          {"problem", problem_name(line.problem)}});
    }
    return {{"items", std::move(items)},
            {"item_count", cart.item_count},
            {"region", cart.region_code},
            {"totals", totals_json(cart.totals, cart.currency, locale, deps_.formatter)},
            {"csrf_token", csrf_token}};
  }

  explicit CartApi(CartApiDeps deps) : deps_(std::move(deps)) {}

  // Reading the cart writes nothing: a visitor without a session gets an id and a CSRF token for
  // their first write, and an empty cart.
  net::awaitable<Response> get(Context& ctx) const {
    auto& session = accounts::session_of(ctx);
    deps_.sessions.prepare(session);
    co_return co_await current(ctx, Status::ok);
  }

  net::awaitable<Response> set_region(Context& ctx) const {
    auto body = checked_body(ctx);
    auto region = body.if_contains("region");
    if (!region || !region->is_string()) throw invalid(ctx, "region");
    auto owner = co_await owner_for_write(deps_.sessions, ctx);
    auto code = std::string(region->get_string());
    auto result = co_await deps_.carts.set_region(owner, std::move(code));
    if (!result) throw refused(ctx, result.error());
    co_return co_await current(ctx, Status::ok);
  }

  net::awaitable<Response> add(Context& ctx) const {
    auto body = checked_body(ctx);
    auto product_id = integer(body, "product_id");
    auto variant_id = integer(body, "variant_id");
    auto quantity = body.contains("quantity") ? integer(body, "quantity") : 1;
    if (!product_id) throw invalid(ctx, "product_id");
    if (!variant_id) throw invalid(ctx, "variant_id");
    if (!quantity) throw invalid(ctx, "quantity");
    auto owner = co_await owner_for_write(deps_.sessions, ctx);
    auto result =
        co_await deps_.carts.add(owner, *product_id, *variant_id, static_cast<int>(*quantity));
    if (!result) throw refused(ctx, result.error());
    co_return co_await current(ctx, Status::created);
  }

  net::awaitable<Response> update(Context& ctx) const {
    auto body = checked_body(ctx);
    auto quantity = integer(body, "quantity");
    if (!quantity) throw invalid(ctx, "quantity");
    co_return co_await change(ctx, static_cast<int>(*quantity));
  }

  net::awaitable<Response> remove(Context& ctx) const {
    check_token(ctx);
    co_return co_await change(ctx, 0);
  }

 private:
  net::awaitable<Response> change(Context& ctx, int quantity) const {
    auto variant_id = integer_text(ctx.param("variant_id"));
    if (!variant_id) throw refused(ctx, CartError::unknown_item);
    auto owner = co_await owner_for_write(deps_.sessions, ctx);
    auto result = co_await deps_.carts.set_quantity(owner, *variant_id, quantity);
    if (!result) throw refused(ctx, result.error());
    co_return co_await current(ctx, Status::ok);
  }

  net::awaitable<Response> current(Context& ctx, Status status) const {
    auto& session = accounts::session_of(ctx);
    auto owner = owner_of(ctx);
    auto contents = co_await deps_.carts.contents(owner, ctx.locale);
    auto res = http::json(status, cart_json(contents, session.csrf_token, ctx.locale));
    set_count_cookie(ctx.request, res, contents.item_count);
    co_return res;
  }

  static CartOwner owner_of(const Context& ctx) {
    return cart::owner_of(accounts::session_of(ctx));
  }

  void check_token(const Context& ctx) const {
    if (accounts::check_csrf(ctx, accounts::session_of(ctx), ctx.request[accounts::kCsrfHeader],
                             deps_.allowed_origin) != accounts::CsrfVerdict::ok)
      throw http::HttpError(Status::forbidden, t(ctx, "cart.api.csrf"),
                            json::object{{"code", "cart.csrf"}});
  }

  json::object checked_body(const Context& ctx) const {
    check_token(ctx);
    return http::json_object_body(ctx, {.content_type = t(ctx, "cart.api.content_type"),
                                        .malformed = t(ctx, "cart.api.malformed"),
                                        .code_prefix = "cart"});
  }

  static std::optional<std::int64_t> integer(const json::object& body, std::string_view key) {
    auto value = body.if_contains(key);
    if (!value || !value->is_int64()) return std::nullopt;
    return value->get_int64();
  }

  static std::optional<std::int64_t> integer_text(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
  }

  std::string t(const Context& ctx, std::string_view key) const {
    return std::string(deps_.messages.t(ctx.locale, key));
  }

  http::HttpError invalid(const Context& ctx, std::string_view field) const {
    auto message = t(ctx, fmt::format("cart.api.invalid_{}", field));
    json::array errors{json::object{{"field", field}, {"message", message}}};
    return http::HttpError(Status::unprocessable_entity, message,
                           json::object{{"code", "cart.invalid"}, {"errors", std::move(errors)}});
  }

  http::HttpError refused(const Context& ctx, CartError error) const {
    auto refusal = refusal_of(error);
    return http::HttpError(refusal.status, t(ctx, fmt::format("cart.error.{}", refusal.name)),
                           json::object{{"code", fmt::format("cart.{}", refusal.code)}});
  }

  CartApiDeps deps_;
};

}  // namespace

void add_cart_api(http::Router& router, CartApiDeps deps) {
  auto api = std::make_shared<const CartApi>(deps);
  auto options = cart_route_options(deps.sessions, deps.write_middleware);
  const http::MemberRoutes reads(router, api, std::move(options.reads));
  const http::MemberRoutes writes(router, api, std::move(options.writes));
  using M = http::Method;
  reads.add(M::get, "/api/v1/cart", &CartApi::get);
  writes.add(M::patch, "/api/v1/cart", &CartApi::set_region);
  writes.add(M::post, "/api/v1/cart/items", &CartApi::add);
  writes.add(M::patch, "/api/v1/cart/items/{variant_id}", &CartApi::update);
  writes.add(M::delete_, "/api/v1/cart/items/{variant_id}", &CartApi::remove);
}

}  // namespace comptoir::cart
