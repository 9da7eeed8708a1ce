#pragma once

#include "core/locale.hpp"

// The audience-measurement preferences, per language (design.md §4). It is the cookie policy's
// address: the legal pages' cookie policy includes templates/analytics/_preferences.tpl there
// (analytics::fill_preferences) once both exist.
namespace comptoir::analytics::urls {

inline constexpr core::Localized kPreferences{"/fr/temoins", "/en/cookies"};

}  // namespace comptoir::analytics::urls
