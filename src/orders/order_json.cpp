#include "orders/order_json.hpp"

#include <boost/json/array.hpp>

#include "cart/totals_json.hpp"
#include "i18n/money_json.hpp"

namespace comptoir::orders {

namespace json = boost::json;

json::object order_json(const Order& order, core::Locale locale, const i18n::Formatter& formatter) {
  auto money = [&](std::int64_t cents) {
    return i18n::money_json({.cents = cents, .currency = order.currency}, locale, formatter);
  };
  json::array lines;
  for (const auto& line : order.lines)
    lines.push_back(json::object{{"sku", line.sku},
                                 {"name", line.name},
                                 {"variant", line.variant_label},
                                 {"unit_price", money(line.unit_price)},
                                 {"quantity", line.quantity},
                                 {"amount", money(line.amount)},
                                 {"tax", money(line.tax)}});
  json::array history;
  for (const auto& entry : order.history)
    history.push_back(json::object{
        {"at", entry.occurred_at},
        {"actor", entry.actor_kind},
        {"actor_id", entry.actor_id},
        {"from", entry.from_status.empty() ? json::value(nullptr) : json::value(entry.from_status)},
        {"to", entry.to_status},
        {"note", entry.note}});
  return {{"number", order.number},
          {"status", name(order.status)},
          {"email", order.email},
          {"locale", core::code(order.locale)},
          {"currency", order.currency},
          {"region", order.region_code},
          {"payment_provider", name(order.provider)},
          {"payment_reference", order.payment_reference},
          {"created_at", order.created_at},
          {"lines", std::move(lines)},
          {"totals", cart::totals_json(order.totals, order.currency, locale, formatter)},
          {"refunded_amount", money(order.refunded_amount)},
          {"carrier", order.carrier},
          {"tracking_number", order.tracking_number},
          {"tracking_url", order.tracking_url},
          {"terms_version",
           order.terms_version.empty() ? json::value(nullptr) : json::value(order.terms_version)},
          {"history", std::move(history)}};
}

}  // namespace comptoir::orders
