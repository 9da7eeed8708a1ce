#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace comptoir::catalog {

// GTINs, the numbers under a barcode (GS1 General Specifications §7.9): 8 digits (GTIN-8, EAN-8),
// 12 (GTIN-12, UPC-A), 13 (GTIN-13, EAN-13; ISBN-13 is one) or 14 (GTIN-14), the last one a check
// digit: from the right, the other digits are weighted 3, 1, 3, 1… and the check digit brings the
// sum to a multiple of ten.

// True when `gtin` is 8, 12, 13 or 14 digits, not all zeros, and its check digit is right.
bool is_valid_gtin(std::string_view gtin);

// The 14-digit form of a valid GTIN (zeros on the left), under which one trade item written as a
// UPC-A or as the same EAN-13 compares equal; nullopt when `gtin` is not a valid one.
std::optional<std::string> gtin14(std::string_view gtin);

// A GTIN read back from a spreadsheet, which takes "036000291452" for a number and drops its
// leading zeros: digits shorter than a GTIN get zeros back up to the next length (8 or 12) — the
// same trade item, as zeros weigh nothing in the check digit. Anything else is returned as is.
std::string gtin_from_spreadsheet(std::string_view cell);

}  // namespace comptoir::catalog
