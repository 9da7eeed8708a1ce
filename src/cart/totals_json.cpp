#include "cart/totals_json.hpp"

#include <boost/json/array.hpp>

#include "i18n/money_json.hpp"

namespace comptoir::cart {

boost::json::object totals_json(const Totals& totals, std::string_view currency,
                                core::Locale locale, const i18n::Formatter& formatter) {
  auto money = [&](std::int64_t cents) {
    return i18n::money_json({.cents = cents, .currency = std::string(currency)}, locale, formatter);
  };
  boost::json::array taxes;
  for (const auto& tax : totals.taxes)
    taxes.push_back(boost::json::object{{"code", tax.code},
                                        {"rate_millionths", tax.millionths},
                                        {"base", money(tax.base)},
                                        {"amount", money(tax.amount)}});
  return {{"currency", currency},
          {"subtotal", money(totals.subtotal)},
          {"discount", money(totals.discount)},
          {"shipping", money(totals.shipping)},
          {"fees", money(totals.fees)},
          {"taxes", std::move(taxes)},
          {"tax", money(totals.tax)},
          {"tax_included", totals.tax_included},
          {"total", money(totals.total)}};
}

}  // namespace comptoir::cart
