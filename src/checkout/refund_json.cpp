#include "checkout/refund_json.hpp"

#include <boost/json/array.hpp>

#include "i18n/money_json.hpp"

namespace comptoir::checkout {

namespace json = boost::json;

namespace {

json::value text_or_null(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

}  // namespace

json::object refund_json(const Refund& refund, core::Locale locale,
                         const i18n::Formatter& formatter) {
  return {{"id", refund.id},
          {"order", refund.order_number},
          {"state", name(refund.state)},
          {"amount", i18n::money_json({.cents = refund.amount, .currency = refund.currency}, locale,
                                      formatter)},
          {"currency", refund.currency},
          {"provider", orders::name(refund.provider)},
          {"stripe_refund_id", text_or_null(refund.stripe_refund_id)},
          {"stripe_status", text_or_null(refund.stripe_status)},
          {"reason", name(refund.reason)},
          {"note", refund.note},
          {"return_id", refund.return_id ? json::value(*refund.return_id) : json::value(nullptr)},
          {"actor", refund.actor.kind},
          {"actor_id", refund.actor.id},
          {"error", text_or_null(refund.error)},
          {"attempts", refund.attempts},
          {"created_at", refund.created_at},
          {"settled_at", text_or_null(refund.settled_at)}};
}

json::object order_refunds_json(const OrderRefunds& refunds, core::Locale locale,
                                const i18n::Formatter& formatter) {
  auto money = [&](std::int64_t cents) {
    return i18n::money_json({.cents = cents, .currency = refunds.currency}, locale, formatter);
  };
  json::array list;
  for (const auto& refund : refunds.refunds) list.push_back(refund_json(refund, locale, formatter));
  return {{"order", refunds.order_number},
          {"status", orders::name(refunds.status)},
          {"payment_provider", orders::name(refunds.provider)},
          {"total", money(refunds.total)},
          {"refunded", money(refunds.refunded)},
          {"pending", money(refunds.pending)},
          {"refundable", money(refunds.refundable)},
          {"refunds", std::move(list)}};
}

}  // namespace comptoir::checkout
