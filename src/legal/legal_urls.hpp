#pragma once

#include "core/locale.hpp"

// The legal pages' paths in each language (design.md §4). The layout's footer and the checkout
// link to them through this header (the footer's through views::Navigation, which app fills).
namespace comptoir::legal::urls {

inline constexpr core::Localized kPrivacy{"/fr/confidentialite", "/en/privacy"};
inline constexpr core::Localized kTerms{"/fr/conditions-de-vente", "/en/terms"};
inline constexpr core::Localized kLegalNotice{"/fr/mentions-legales", "/en/legal-notice"};
inline constexpr core::Localized kCookies{"/fr/temoins", "/en/cookies"};

}  // namespace comptoir::legal::urls
