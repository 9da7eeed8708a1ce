#include "orders/order_json.hpp"

#include <boost/json/array.hpp>

namespace comptoir::orders {

namespace json = boost::json;

json::object order_json(const Order& order) {
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
          {"status", name(order.status)},
          {"email", order.email},
          {"locale", core::code(order.locale)},
          {"currency", order.currency},
          {"region", order.region_code},
          {"payment_provider", name(order.provider)},
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

}  // namespace comptoir::orders
