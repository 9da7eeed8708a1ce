#include "cart/totals_facts.hpp"

#include <fmt/format.h>

#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

namespace comptoir::cart {

std::vector<std::pair<std::string, std::string>> totals_facts(const Totals& totals,
                                                              std::string_view currency,
                                                              core::Locale locale,
                                                              const i18n::Catalog& messages,
                                                              const i18n::Formatter& formatter) {
  auto t = [&](std::string_view key) { return std::string(messages.t(locale, key)); };
  auto money = [&](std::int64_t cents) { return formatter.money(cents, currency, locale); };
  std::vector<std::pair<std::string, std::string>> facts;
  facts.emplace_back(t("cart.subtotal"), money(totals.subtotal));
  if (totals.discount > 0) facts.emplace_back(t("cart.discount"), "−" + money(totals.discount));
  facts.emplace_back(t("cart.shipping"),
                     totals.shipping == 0 ? t("cart.shipping_free") : money(totals.shipping));
  if (totals.fees > 0) facts.emplace_back(t("cart.fees"), money(totals.fees));
  for (const auto& tax : totals.taxes)
    facts.emplace_back(t(fmt::format("taxes.{}", tax.code)), money(tax.amount));
  facts.emplace_back(t("cart.total"), money(totals.total));
  return facts;
}

}  // namespace comptoir::cart
