#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace comptoir::core {

// An amount in minor units (cents) of an ISO 4217 currency. Never floating point (design.md §5).
struct Money {
  std::int64_t cents = 0;
  std::string currency = "CAD";

  friend bool operator==(const Money&, const Money&) = default;
};

// How many digits an ISO 4217 currency's minor unit has after the decimal point (CAD 2, JPY 0,
// TND 3), from ICU's data; 2 for a code that is not three characters or that ICU refuses.
int minor_unit_digits(std::string_view currency);

}  // namespace comptoir::core
