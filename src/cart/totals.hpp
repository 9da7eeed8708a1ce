#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The one computation of what a cart costs: the cart page, the checkout, the Stripe line items and
// the stored order all take their amounts from compute_totals, so they cannot disagree.
// Amounts are integer minor units (cents) of one currency (design.md §5); nothing here is floating
// point.
namespace comptoir::cart {

// A tax rate in millionths of the taxable amount: 5 % is 50 000. Basis points cannot hold
// Québec's QST (9.975 % = 997.5 bp); one basis point is 100 of these.
struct TaxRate {
  std::string code{};  // "gst", "qst", "hst", "tva": the label's i18n key is taxes.<code>
  std::int64_t millionths = 0;
};

// The taxes of a destination. Canadian prices are shown before tax; French prices include TVA.
struct TaxRegion {
  std::string code{};  // "CA-QC", "CA-ON", "FR"
  std::vector<TaxRate> taxes{};
  bool prices_include_tax = false;
};

struct ShippingRule {
  std::int64_t flat_fee = 0;
  // Goods (after discounts) at or above this amount ship free.
  std::optional<std::int64_t> free_from{};
  bool taxable = true;  // shipping is taxed like goods in Québec, Ontario and France

  bool operator==(const ShippingRule&) const = default;
};

struct Fee {
  std::string code{};
  std::int64_t amount = 0;
  bool taxable = true;
};

// A reduction of the goods (coupons come later; the pipeline has their place). Taxes apply to
// what is left.
struct Discount {
  std::string code{};
  std::int64_t amount = 0;
};

struct LineInput {
  std::int64_t unit_price = 0;
  std::int64_t quantity = 0;
  bool taxable = true;
};

struct TotalsInput {
  std::vector<LineInput> lines{};
  std::vector<Discount> discounts{};
  std::vector<Fee> fees{};
  ShippingRule shipping{};
  TaxRegion region{};
};

struct TaxLine {
  std::string code{};
  std::int64_t millionths = 0;
  std::int64_t base = 0;    // the taxable amount it was computed on
  std::int64_t amount = 0;  // rounded half-up to the cent
};

struct LineTotals {
  std::int64_t amount = 0;  // unit price × quantity
  std::int64_t tax = 0;     // this line's share of the taxes, for the order's line snapshot
};

struct Totals {
  std::int64_t subtotal = 0;  // the lines, as priced (tax included where prices include it)
  std::int64_t discount = 0;
  std::int64_t shipping = 0;
  std::int64_t fees = 0;
  std::vector<TaxLine> taxes{};
  std::int64_t tax = 0;
  bool tax_included = false;  // the taxes are inside subtotal, shipping and fees, not added
  std::int64_t total = 0;     // what the customer pays
  std::vector<LineTotals> lines{};
  std::int64_t shipping_tax = 0;  // shipping's share of the taxes
};

// Subtotal, discounts, shipping (flat, or free from a threshold), fees, then each tax of the
// region computed once on the whole taxable amount and rounded half-up to the cent. With
// tax-inclusive prices each tax is the part of the price it accounts for: base × r / (1 + Σr).
// Each tax is then shared among the taxable lines, shipping and fees (largest remainder, so the
// shares add up exactly). Throws std::invalid_argument on negative prices or quantities and on
// amounts past 10^13 cents, which no cart reaches.
Totals compute_totals(const TotalsInput& input);

// numerator / denominator rounded half-up, for numerator ≥ 0 and denominator > 0.
std::int64_t divide_half_up(std::int64_t numerator, std::int64_t denominator);

}  // namespace comptoir::cart
