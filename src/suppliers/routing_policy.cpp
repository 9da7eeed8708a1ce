#include "suppliers/routing_policy.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace comptoir::suppliers {

bool keeps_margin(std::int64_t cost, std::int64_t net_price, int margin_floor) {
  // (price - cost) / price >= floor / 100, without division. Amounts past 10^16 minor units
  // (which nothing sells for) would overflow: such a cost never keeps the margin.
  constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 100;
  if (cost < 0 || net_price < 0 || cost > kLimit || net_price > kLimit) return false;
  return cost * 100 <= net_price * (100 - std::clamp(margin_floor, 0, 100));
}

std::optional<std::int64_t> repriced(std::int64_t price, std::int64_t cost, int margin_floor,
                                     int limit) {
  constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 200;
  int keep = 100 - std::clamp(margin_floor, 0, 100);
  if (limit <= 0 || keep == 0 || price <= 0 || cost < 0 || price > kLimit || cost > kLimit ||
      keeps_margin(cost, price, margin_floor))
    return std::nullopt;
  auto least = (cost * 100 + keep - 1) / keep;  // the least p with cost * 100 <= p * keep
  if (least * 100 > price * (100 + std::min(limit, 100))) return std::nullopt;
  return least;
}

std::optional<Candidate> choose_supplier(const LineDemand& line,
                                         std::span<const Candidate> candidates, int margin_floor) {
  auto comparable = [&](const Candidate& c) { return c.cost && c.currency == line.currency; };
  const Candidate* best = nullptr;
  auto rank = [&](const Candidate& c) {
    return std::tuple{c.priority, !comparable(c), comparable(c) ? *c.cost : 0,
                      c.supplier_variant_id};
  };
  for (const auto& candidate : candidates) {
    if (candidate.stock && *candidate.stock < line.units) continue;
    if (comparable(candidate) && !keeps_margin(*candidate.cost, line.net_unit_price, margin_floor))
      continue;
    if (!best || rank(candidate) < rank(*best)) best = &candidate;
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace comptoir::suppliers
