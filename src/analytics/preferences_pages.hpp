#pragma once

#include <string>

#include "analytics/consent.hpp"
#include "core/analytics_settings.hpp"
#include "http/router.hpp"
#include "i18n/catalog.hpp"
#include "views/dictionary.hpp"
#include "views/views.hpp"

namespace comptoir::accounts {
class SessionService;
}

namespace comptoir::analytics {

struct PreferencesDeps {
  const views::Views& views;
  const i18n::Catalog& messages;
  accounts::SessionService& sessions;
  core::AnalyticsSettings settings{};
  std::string allowed_origin{};  // BASE_URL's origin, for the CSRF check
  bool secure_cookie = false;    // production: the consent cookie is Secure
};

// What the preferences section shows (templates/analytics/_preferences.tpl): what is measured and
// how, the current choice, and the form that changes it (none when analytics is off). For the
// preferences page below, and for the cookie policy that includes the same section.
struct PreferencesSection {
  core::Locale locale = core::kDefaultLocale;
  Consent current = Consent::unknown;
  std::string csrf{};
  std::string return_to{};  // a path of this site the form goes back to; "" for this page
  std::string notice{};     // "Your choice is saved." after a save that came back here
};
void fill_preferences(views::Dict& dict, const PreferencesSection& section,
                      const core::AnalyticsSettings& settings, const i18n::Catalog& messages);

// A local path to go back to: "/fr/produit/x?y=1" from a same-origin Referer or form field;
// "" for anything else (another site, "//host", a scheme).
std::string safe_return(std::string_view target, std::string_view allowed_origin);

// The section of GET /fr/temoins, /en/cookies (the cookie policy, legal's page, shows it after its
// text): the visitor's current choice, the form with the session's CSRF token, the notice after a
// save. Included into `body` as `name`. The route must run accounts::with_session.
void add_preferences_section(http::Context& ctx, core::Locale locale, views::Dict& body,
                             std::string_view name, const PreferencesDeps& deps);

// POST /fr/temoins, /en/cookies: the choice, changed with a plain form (CSRF-checked) that sets
// comptoir_consent and goes back where the visitor came from (the cookie policy when it came from
// there). Works without JavaScript. A refused form answers the section alone with its error.
void add_preferences_routes(http::Router& router, const PreferencesDeps& deps);

}  // namespace comptoir::analytics
