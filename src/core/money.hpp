#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace comptoir::core {

// An amount in minor units (cents) of an ISO 4217 currency. Never floating point (design.md §5).
struct Money {
  std::int64_t cents = 0;
  std::string currency = "CAD";

  friend bool operator==(const Money&, const Money&) = default;
};

}  // namespace comptoir::core
