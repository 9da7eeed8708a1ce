#pragma once

#include <boost/json/object.hpp>

#include "orders/order.hpp"

namespace comptoir::i18n {
class Formatter;
}

namespace comptoir::orders {

// An order as the JSON API shows it (the staff order API and the checkout's answer): its lines,
// totals with each tax, refunds, tracking and history; every amount in the one JSON money shape,
// formatted for `locale`. The shape is api/openapi.json's Order.
boost::json::object order_json(const Order& order, core::Locale locale,
                               const i18n::Formatter& formatter);

}  // namespace comptoir::orders
