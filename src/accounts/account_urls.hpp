#pragma once

#include <string_view>

#include "core/locale.hpp"

// The accounts pages' paths, one per locale (design.md §4 fixes login, register and account; the
// others follow the same pattern of localized words).
namespace comptoir::accounts::urls {

using core::Localized;

inline constexpr Localized kLogin{"/fr/connexion", "/en/login"};
inline constexpr Localized kLoginCode{"/fr/connexion/code", "/en/login/code"};
// The link mailed to an account's owner when logins on it are throttled account-wide.
inline constexpr Localized kUnlock{"/fr/connexion/deblocage", "/en/login/unlock"};
inline constexpr Localized kRegister{"/fr/inscription", "/en/register"};
inline constexpr Localized kLogout{"/fr/deconnexion", "/en/logout"};
inline constexpr Localized kAccount{"/fr/compte", "/en/account"};
inline constexpr Localized kProfile{"/fr/compte/profil", "/en/account/profile"};
inline constexpr Localized kPassword{"/fr/compte/mot-de-passe", "/en/account/password"};
inline constexpr Localized kSessions{"/fr/compte/sessions", "/en/account/sessions"};
inline constexpr Localized kAddresses{"/fr/compte/adresses", "/en/account/addresses"};
inline constexpr Localized kAddressDelete{"/fr/compte/adresses/{id}/supprimer",
                                          "/en/account/addresses/{id}/delete"};
inline constexpr Localized kTwoFactor{"/fr/compte/double-authentification",
                                      "/en/account/two-factor"};
inline constexpr Localized kVerify{"/fr/compte/verification", "/en/account/verify"};
inline constexpr Localized kVerifyResend{"/fr/compte/verification/renvoyer",
                                         "/en/account/verify/resend"};
inline constexpr Localized kForgot{"/fr/mot-de-passe-oublie", "/en/forgot-password"};
inline constexpr Localized kReset{"/fr/mot-de-passe/nouveau", "/en/reset-password"};
// The link mailed to a staff member invited from the back office: they choose their password.
inline constexpr Localized kInvitation{"/fr/invitation", "/en/invitation"};

}  // namespace comptoir::accounts::urls
