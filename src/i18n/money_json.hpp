#pragma once

#include <boost/json/object.hpp>

#include "core/locale.hpp"
#include "core/money.hpp"

namespace comptoir::i18n {

class Formatter;

// Money as every JSON API writes it (api/openapi.json's Money): {"amount_cents", "currency",
// "formatted"}, the last formatted by ICU for `locale` ("12,99 $" in French, "$12.99" in English).
boost::json::object money_json(const core::Money& money, core::Locale locale,
                               const Formatter& formatter);

}  // namespace comptoir::i18n
