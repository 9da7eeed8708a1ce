#include "orders/order_mail.hpp"

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "cart/totals_facts.hpp"
#include "notify/outbox.hpp"
#include "orders/order_link.hpp"
#include "orders/order_urls.hpp"

namespace comptoir::orders {
namespace {

namespace json = boost::json;

json::array address_lines(const ShippingAddress& a, const i18n::Catalog& messages,
                          core::Locale locale) {
  json::array out;
  for (const auto* part : {&a.full_name, &a.line1, &a.line2}) {
    if (!part->empty()) out.emplace_back(*part);
  }
  auto city = fmt::format("{} {} {}", a.city, a.region, a.postal_code);
  out.emplace_back(city);
  auto country = fmt::format("orders.country.{}", a.country);
  out.emplace_back(messages.contains(locale, country) ? std::string(messages.t(locale, country))
                                                      : a.country);
  return out;
}

}  // namespace

std::string_view template_name(OrderMail mail) {
  switch (mail) {
    case OrderMail::confirmation:
      return "orders.confirmation";
    case OrderMail::awaiting_payment:
      return "orders.awaiting_payment";
    case OrderMail::payment_failed:
      return "orders.payment_failed";
    case OrderMail::shipped:
      return "orders.shipped";
    case OrderMail::refund:
      return "orders.refund";
  }
  return "orders.confirmation";
}

std::string order_link(const MailContext& context, core::Locale locale, std::string_view number) {
  return fmt::format("{}{}?t={}", context.base_url, urls::order(locale, number),
                     order_token(context.keys, number));
}

void enqueue_order_mail(db::Connection& conn, const Order& order, OrderMail mail,
                        const MailContext& context, std::int64_t refund) {
  auto locale = order.locale;
  auto money = [&](std::int64_t amount) {
    return context.formatter.money(amount, order.currency, locale);
  };
  json::array lines;
  for (const auto& line : order.lines) {
    auto name = line.variant_label.empty() ? line.name
                                           : fmt::format("{} ({})", line.name, line.variant_label);
    lines.push_back(
        json::object{{"name", name}, {"quantity", line.quantity}, {"amount", money(line.amount)}});
  }
  // The rows the order's page shows (fees included), so the mail adds up the same way.
  json::array totals;
  for (auto& [row, amount] : cart::totals_facts(order.totals, order.currency, locale,
                                                context.messages, context.formatter))
    totals.push_back(json::object{{"label", std::move(row)}, {"amount", std::move(amount)}});

  json::object payload{{"number", order.number},
                       {"link", order_link(context, locale, order.number)},
                       {"lines", std::move(lines)},
                       {"totals", std::move(totals)}};
  if (order.address) payload["address"] = address_lines(*order.address, context.messages, locale);
  if (!order.tracking_url.empty()) payload["tracking_url"] = order.tracking_url;
  if (!order.carrier.empty()) {
    std::string parcel(context.messages.t(locale, fmt::format("carriers.{}", order.carrier)));
    if (!order.tracking_number.empty())
      parcel = fmt::format("{} {}", parcel, order.tracking_number);
    payload["parcel"] = parcel;
  }
  if (mail == OrderMail::refund) payload["refund_amount"] = money(refund);
  notify::Mail out{.to = order.email,
                   .locale = locale,
                   .template_name = std::string(template_name(mail)),
                   .payload = std::move(payload)};
  notify::Outbox::enqueue(conn, out);
}

}  // namespace comptoir::orders
