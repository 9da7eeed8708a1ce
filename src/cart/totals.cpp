#include "cart/totals.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace comptoir::cart {
namespace {

constexpr std::int64_t kMillion = 1'000'000;
// Amounts stay below this so that an amount times a rate (≤ 5·10^5 millionths) fits in 64 bits:
// 10^13 × 5·10^5 = 5·10^18 < 9.2·10^18.
constexpr std::int64_t kMaxAmount = 10'000'000'000'000;  // 10^11 dollars
constexpr std::int64_t kMaxRate = 500'000;               // 50 %: no sales tax comes near

// 128-bit intermediates for shares (amount × weight reaches 10^26); a GCC and Clang extension.
__extension__ using Wide = __int128;

std::int64_t checked_amount(std::int64_t value) {
  if (value < 0 || value > kMaxAmount) throw std::invalid_argument("amount out of range");
  return value;
}

std::int64_t times(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) throw std::invalid_argument("amount out of range");
  return checked_amount(out);
}

// Shares `total` among `weights` in proportion, each rounded down, then the cents left over go to
// the largest remainders (first ones on ties): the shares always add up to `total`.
std::vector<std::int64_t> share(std::int64_t total, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> out(weights.size(), 0);
  auto sum = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
  if (sum == 0 || total == 0) return out;
  std::vector<std::pair<std::int64_t, std::size_t>> remainders;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    auto product = static_cast<Wide>(total) * weights[i];
    out[i] = static_cast<std::int64_t>(product / sum);
    remainders.emplace_back(static_cast<std::int64_t>(product % sum), i);
    given += out[i];
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < total; ++k, ++given) ++out[remainders[k].second];
  return out;
}

}  // namespace

std::int64_t divide_half_up(std::int64_t numerator, std::int64_t denominator) {
  if (numerator < 0 || denominator <= 0) throw std::invalid_argument("divide_half_up");
  return numerator / denominator + (numerator % denominator * 2 >= denominator ? 1 : 0);
}

Totals compute_totals(const TotalsInput& input) {
  Totals out;
  out.tax_included = input.region.prices_include_tax;

  for (const auto& line : input.lines) {
    if (line.quantity < 0) throw std::invalid_argument("negative quantity");
    auto amount = times(checked_amount(line.unit_price), line.quantity);
    out.lines.push_back({.amount = amount});
    out.subtotal = checked_amount(out.subtotal + amount);
  }

  for (const auto& discount : input.discounts)
    out.discount = checked_amount(out.discount + checked_amount(discount.amount));
  out.discount = std::min(out.discount, out.subtotal);
  auto goods = out.subtotal - out.discount;

  // Nothing to ship, nothing to pay for shipping.
  bool ships_free = input.lines.empty() || out.subtotal == 0 ||
                    (input.shipping.free_from && goods >= *input.shipping.free_from);
  out.shipping = ships_free ? 0 : checked_amount(input.shipping.flat_fee);

  std::int64_t taxable_fees = 0;
  for (const auto& fee : input.fees) {
    out.fees = checked_amount(out.fees + checked_amount(fee.amount));
    if (fee.taxable) taxable_fees += fee.amount;
  }

  // The discount lowers each line in proportion to its amount, taxable or not.
  std::vector<std::int64_t> line_amounts;
  for (const auto& line : out.lines) line_amounts.push_back(line.amount);
  auto discounts = share(out.discount, line_amounts);

  // What each tax is computed on, part by part: each taxable line after its discount, then
  // shipping, then the taxable fees.
  std::vector<std::int64_t> parts;
  for (std::size_t i = 0; i < out.lines.size(); ++i)
    parts.push_back(input.lines[i].taxable ? out.lines[i].amount - discounts[i] : 0);
  parts.push_back(input.shipping.taxable ? out.shipping : 0);
  parts.push_back(taxable_fees);
  auto base = checked_amount(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}));

  std::int64_t rates = 0;
  for (const auto& rate : input.region.taxes) {
    if (rate.millionths < 0 || rate.millionths > kMaxRate)
      throw std::invalid_argument("tax rate out of range");
    rates += rate.millionths;
  }
  std::vector<std::int64_t> part_taxes(parts.size(), 0);
  for (const auto& rate : input.region.taxes) {
    // Tax-exclusive: base × r. Tax-inclusive: the base already holds every tax, so this one is
    // base × r / (1 + Σr) (e.g. TVA: 24,00 € TTC holds 4,00 € of TVA).
    auto denominator = out.tax_included ? kMillion + rates : kMillion;
    auto amount = divide_half_up(base * rate.millionths, denominator);
    out.taxes.push_back(
        {.code = rate.code, .millionths = rate.millionths, .base = base, .amount = amount});
    out.tax += amount;
    auto shares = share(amount, parts);
    for (std::size_t i = 0; i < parts.size(); ++i) part_taxes[i] += shares[i];
  }
  for (std::size_t i = 0; i < out.lines.size(); ++i) out.lines[i].tax = part_taxes[i];
  out.shipping_tax = part_taxes[out.lines.size()];

  out.total = goods + out.shipping + out.fees + (out.tax_included ? 0 : out.tax);
  return out;
}

}  // namespace comptoir::cart
