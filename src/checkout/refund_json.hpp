#pragma once

#include <boost/json/object.hpp>

#include "checkout/refund_service.hpp"
#include "core/locale.hpp"

namespace comptoir::i18n {
class Formatter;
}

namespace comptoir::checkout {

// A refund as the JSON API shows it (api/openapi.json's Refund); amounts in the one JSON money
// shape, formatted for `locale`.
boost::json::object refund_json(const Refund& refund, core::Locale locale,
                                const i18n::Formatter& formatter);

// An order's refunds (api/openapi.json's OrderRefunds): what was paid, refunded, is pending and
// may still be refunded, and each refund.
boost::json::object order_refunds_json(const OrderRefunds& refunds, core::Locale locale,
                                       const i18n::Formatter& formatter);

}  // namespace comptoir::checkout
