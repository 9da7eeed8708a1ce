#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Which supplier fulfils a paid line: the rule, pure, so it is tested on its own
// (suppliers/order_routing applies it to the database).
namespace comptoir::suppliers {

// A supplier variant mapped to the line's shop variant, as the last sync saw it.
struct Candidate {
  std::int64_t supplier_id = 0;
  std::int64_t supplier_variant_id = 0;
  int priority = 100;                  // the mapping's: lower is preferred
  std::optional<std::int64_t> cost{};  // per unit, minor units of `currency`; nullopt: unknown
  std::string currency{};
  std::optional<int> stock{};  // nullopt: the supplier does not count (print on demand)
};

// A line to fulfil: `units` of it, sold at `net_unit_price` (before tax) in `currency`.
struct LineDemand {
  int units = 0;
  std::int64_t net_unit_price = 0;
  std::string currency{};
};

// The policy (docs/suppliers.md, "Which supplier"): the candidates that have the units (or do not
// count them) and leave at least `margin_floor` percent of the net price, the preferred first
// (lowest priority), then the cheapest. A cost in another currency than the line's cannot be
// compared (the shop keeps no exchange rates): such a candidate is not held to the floor and ranks
// after those that can be compared, as does one whose cost is unknown. nullopt: no candidate.
std::optional<Candidate> choose_supplier(const LineDemand& line,
                                         std::span<const Candidate> candidates, int margin_floor);

// Whether `cost` leaves at least `margin_floor` percent of `net_price`.
bool keeps_margin(std::int64_t cost, std::int64_t net_price, int margin_floor);

// The price policy (docs/suppliers.md, "Price conflicts"): for a variant at `price` whose cheapest
// supplier in stock costs `cost`, past the margin floor, the least price that keeps the floor
// (to the minor unit, rounded up) — when it is at most `limit` percent above `price`. nullopt when
// the price already keeps the floor, when the rise would be larger (staff decide), when `limit` is
// 0 (the policy is off), or when no price could keep a floor of 100 %.
std::optional<std::int64_t> repriced(std::int64_t price, std::int64_t cost, int margin_floor,
                                     int limit);

}  // namespace comptoir::suppliers
