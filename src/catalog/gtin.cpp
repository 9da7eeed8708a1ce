#include "catalog/gtin.hpp"

#include <algorithm>

namespace comptoir::catalog {

bool is_valid_gtin(std::string_view gtin) {
  auto size = gtin.size();
  if (size != 8 && size != 12 && size != 13 && size != 14) return false;
  if (!std::ranges::all_of(gtin, [](char c) { return c >= '0' && c <= '9'; })) return false;
  // All zeros passes the check digit but names nothing (a blank cell read as 0, padded).
  if (std::ranges::all_of(gtin, [](char c) { return c == '0'; })) return false;
  int sum = 0;
  for (std::size_t i = 0; i + 1 < size; ++i) {
    int digit = gtin[size - 2 - i] - '0';  // from the right, the check digit left out
    sum += i % 2 == 0 ? digit * 3 : digit;
  }
  return (10 - sum % 10) % 10 == gtin.back() - '0';
}

std::optional<std::string> gtin14(std::string_view gtin) {
  if (!is_valid_gtin(gtin)) return std::nullopt;
  std::string out(14 - gtin.size(), '0');
  out += gtin;
  return out;
}

std::string gtin_from_spreadsheet(std::string_view cell) {
  std::string out(cell);
  if (out.empty() || !std::ranges::all_of(out, [](char c) { return c >= '0' && c <= '9'; }))
    return out;
  if (out.size() < 8) return std::string(8 - out.size(), '0') + out;
  if (out.size() > 8 && out.size() < 12) return std::string(12 - out.size(), '0') + out;
  return out;
}

}  // namespace comptoir::catalog
