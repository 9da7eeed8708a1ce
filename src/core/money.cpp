#include "core/money.hpp"

#include <unicode/ucurr.h>

#include <array>
#include <vector>

namespace comptoir::core {

int minor_unit_digits(std::string_view currency) {
  if (currency.size() != 3) return 2;
  struct Known {
    std::array<char, 3> code;
    int digits;
  };
  // ICU looks the digits up in its resource bundles, a few thousand instructions each time; a page
  // asks for the same one or two currencies once per price. Bounded: codes may come from data.
  thread_local std::vector<Known> known;
  for (const auto& entry : known)
    if (std::string_view(entry.code.data(), entry.code.size()) == currency) return entry.digits;
  std::array<UChar, 4> code{};
  for (std::size_t i = 0; i < 3; ++i) code[i] = static_cast<UChar>(currency[i]);
  UErrorCode status = U_ZERO_ERROR;
  auto digits = ucurr_getDefaultFractionDigits(code.data(), &status);
  if (U_FAILURE(status) || digits < 0) digits = 2;
  if (known.size() < 16) known.push_back({{currency[0], currency[1], currency[2]}, digits});
  return digits;
}

}  // namespace comptoir::core
