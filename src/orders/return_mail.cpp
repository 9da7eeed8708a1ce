#include "orders/return_mail.hpp"

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "notify/outbox.hpp"

namespace comptoir::orders {

std::string_view template_name(ReturnState state) {
  switch (state) {
    case ReturnState::requested:
      return "returns.requested";
    case ReturnState::approved:
      return "returns.approved";
    case ReturnState::refused:
      return "returns.refused";
    case ReturnState::received:
      return "returns.received";
    case ReturnState::refunded:
      return "returns.refunded";
    case ReturnState::closed:
      return "returns.closed";
  }
  return "returns.requested";
}

void enqueue_return_mail(db::Connection& conn, const Return& ret, const MailContext& context) {
  namespace json = boost::json;
  auto locale = ret.locale;
  json::array lines;
  for (const auto& line : ret.lines) {
    auto name = line.variant_label.empty() ? line.name
                                           : fmt::format("{} ({})", line.name, line.variant_label);
    lines.push_back(json::object{{"name", name}, {"quantity", line.quantity}});
  }
  auto amount = ret.refunded_amount.value_or(ret.refund_amount);
  json::object payload{{"rma", ret.number},
                       {"number", ret.order_number},
                       {"state", name(ret.state)},
                       {"link", order_link(context, locale, ret.order_number)},
                       {"lines", std::move(lines)},
                       {"refund_amount", context.formatter.money(amount, ret.currency, locale)}};
  if (ret.state == ReturnState::refused && !ret.history.empty())
    payload["note"] = ret.history.back().note;
  notify::Mail mail{.to = ret.email,
                    .locale = locale,
                    .template_name = std::string(template_name(ret.state)),
                    .payload = std::move(payload)};
  notify::Outbox::enqueue(conn, mail);
}

}  // namespace comptoir::orders
