#pragma once

#include "core/locale.hpp"

// The privacy pages' paths, one per locale: a signed-in customer's data and account.
namespace comptoir::privacy::urls {

using core::Localized;

// What the shop holds and the two rights: a copy of it, and closing the account.
inline constexpr Localized kData{"/fr/compte/donnees", "/en/account/data"};
inline constexpr Localized kExport{"/fr/compte/donnees/export", "/en/account/data/export"};
inline constexpr Localized kDelete{"/fr/compte/supprimer", "/en/account/delete"};
// Shown once the account is gone (signed out: no session needed).
inline constexpr Localized kDeleted{"/fr/compte/supprime", "/en/account/deleted"};

}  // namespace comptoir::privacy::urls
