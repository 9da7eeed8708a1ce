#pragma once

#include <string>
#include <string_view>

namespace comptoir::accounts {

// `text` as a QR code (byte mode, error correction level M, the smallest version that fits) in an
// inline SVG: one module per user unit, with the four-module light quiet zone ISO/IEC 18004 asks
// for, so the viewBox is `0 0 n n` with n = symbol width + 8. It has no width or height: the page
// sizes it with CSS. `aria_label` tells screen-reader users what the image is for.
// Throws std::runtime_error when libqrencode cannot encode `text` (empty, or longer than a
// version 40 symbol holds), std::invalid_argument when `text` holds a NUL byte.
std::string qr_svg(std::string_view text, std::string_view aria_label);

}  // namespace comptoir::accounts
