#pragma once

#include "core/locale.hpp"

// The checkout's path in each language (design.md §4); the cart page's button leads there.
namespace comptoir::checkout::urls {

inline constexpr core::Localized kCheckout{"/fr/commande", "/en/checkout"};

}  // namespace comptoir::checkout::urls
