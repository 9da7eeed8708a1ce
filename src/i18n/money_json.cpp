#include "i18n/money_json.hpp"

#include "i18n/formatter.hpp"

namespace comptoir::i18n {

boost::json::object money_json(const core::Money& money, core::Locale locale,
                               const Formatter& formatter) {
  return {{"amount_cents", money.cents},
          {"currency", money.currency},
          {"formatted", formatter.money(money.cents, money.currency, locale)}};
}

}  // namespace comptoir::i18n
