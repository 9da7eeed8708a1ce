#pragma once

#include <string_view>

#include "core/locale.hpp"

namespace comptoir::i18n {

// Picks the storefront locale from an Accept-Language header (RFC 9110 §12.5.4): highest q-value
// wins, ties keep header order, q=0 excludes, regions match their language (fr-CA → fr), `*`
// means the default. Malformed items are skipped; French when nothing matches.
core::Locale negotiate_locale(std::string_view accept_language);

}  // namespace comptoir::i18n
