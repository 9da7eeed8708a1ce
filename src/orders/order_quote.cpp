#include "orders/order_quote.hpp"

#include <algorithm>

namespace comptoir::orders {

Quote quote(const std::vector<QuoteItem>& items, const std::vector<catalog::VariantOffer>& offers,
            const cart::RegionRules& rules) {
  Quote out;
  cart::TotalsInput input{.region = rules.region};
  input.shipping = rules.shipping;
  input.fees = rules.fees;
  for (const auto& item : items) {
    auto offer = std::ranges::find(offers, item.variant_id, &catalog::VariantOffer::variant_id);
    if (offer == offers.end()) return Quote{};
    out.lines.push_back({.variant_id = item.variant_id,
                         .product_id = item.product_id,
                         .sku = offer->sku,
                         .name = item.name.empty() ? offer->sku : item.name,
                         .variant_label = item.variant_label,
                         .unit_price = offer->price,
                         .quantity = item.quantity});
    out.tracked.push_back(offer->track_inventory);
    out.currencies.push_back(offer->currency);
    out.currency = offer->currency;
    input.lines.push_back({.unit_price = offer->price, .quantity = item.quantity});
  }
  out.totals = cart::compute_totals(input);
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    out.lines[i].amount = out.totals.lines[i].amount;
    out.lines[i].tax = out.totals.lines[i].tax;
  }
  out.complete = true;
  return out;
}

bool still_quoted(const Quote& quote, std::size_t i, const catalog::Reservation& taken) {
  if (!quote.complete || i >= quote.lines.size()) return false;
  bool counted = taken.outcome == catalog::Reservation::Outcome::reserved;
  return taken.sku == quote.lines[i].sku && taken.unit_price == quote.lines[i].unit_price &&
         taken.currency == quote.currencies[i] && counted == quote.tracked[i];
}

}  // namespace comptoir::orders
