#pragma once

#include <boost/json/object.hpp>

#include <string_view>

#include "cart/totals.hpp"
#include "core/locale.hpp"

namespace comptoir::i18n {
class Formatter;
}

namespace comptoir::cart {

// Totals as the JSON APIs write them (the cart's and an order's): {"currency", "subtotal",
// "discount", "shipping", "fees", "taxes": [{"code", "rate_millionths", "base", "amount"}], "tax",
// "tax_included", "total"}, every amount a core::Money of `currency` in the one JSON money shape
// (i18n/money_json.hpp).
boost::json::object totals_json(const Totals& totals, std::string_view currency,
                                core::Locale locale, const i18n::Formatter& formatter);

}  // namespace comptoir::cart
