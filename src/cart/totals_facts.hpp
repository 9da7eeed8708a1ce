#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cart/totals.hpp"
#include "core/locale.hpp"

namespace comptoir::i18n {
class Catalog;
class Formatter;
}  // namespace comptoir::i18n

namespace comptoir::cart {

// Totals as the pages list them (label, amount): subtotal, discount, shipping ("free" when
// nothing), fees, each tax, total. The checkout's review and an order's page show the same rows.
std::vector<std::pair<std::string, std::string>> totals_facts(const Totals& totals,
                                                              std::string_view currency,
                                                              core::Locale locale,
                                                              const i18n::Catalog& messages,
                                                              const i18n::Formatter& formatter);

}  // namespace comptoir::cart
