#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/analytics_settings.hpp"
#include "core/locale.hpp"
#include "settings/shop_settings.hpp"

// The four legal documents and how each one's text is filled from the shop's settings. The prose
// lives in templates/legal/<document>.<locale>.tpl; this file decides only which of its sections
// show and what is substituted, so a template holds no logic and a rule here is unit-tested.
namespace comptoir::legal {

enum class Document { privacy, terms, legal_notice, cookies };

inline constexpr std::array kDocuments{Document::privacy, Document::terms, Document::legal_notice,
                                       Document::cookies};

// "privacy", "terms", "legal_notice", "cookies": the legal_versions.document value.
std::string_view code(Document document);
std::optional<Document> document_named(std::string_view code);
// The document's path per locale (legal_urls.hpp).
const core::Localized& path(Document document);
// "legal/privacy.fr.tpl"
std::string template_name(Document document, core::Locale locale);
// The message key of the document's title ("legal.privacy.title").
std::string title_key(Document document);

// The date the document's prose was last revised (YYYY-MM-DD): whoever edits a template moves
// its edition here, and the pages show it.
std::string_view edition(Document document);

// What the text shows besides the settings.
struct Facts {
  std::string site_url{};      // BASE_URL
  bool card_payments = false;  // STRIPE_SECRET_KEY is set: customers pay by card through Stripe
  // ANALYTICS' service: the cookie policy names the cookies it sets (none for Plausible).
  core::AnalyticsProvider analytics = core::AnalyticsProvider::none;
};

// A template's dictionary: values, sections to show, and lists (a section repeated once per
// item, each with {{LINE}}; "ADDRESS" holds the legal entity's address lines).
struct Fill {
  std::map<std::string, std::string> values{};
  std::set<std::string> sections{};
  std::map<std::string, std::vector<std::string>> lists{};

  bool shows(std::string_view section) const { return sections.contains(std::string(section)); }
};

// The dictionary of `document` in `locale` for the shop's `settings`. A sentence that needs a
// setting sits in a section shown only when the setting is set; where the law wants something
// said anyway, another section says it plainly (no privacy officer named: the person with the
// highest authority in the business is in charge, as Law 25 makes them by default).
Fill fill(Document document, core::Locale locale, const settings::ShopSettings& settings,
          const Facts& facts);

// A version: "<edition>.<the first 8 hex digits of SHA-256(text_fr NUL text_en)>". Both
// languages go in one hash, so a version names the document in both and changes when either
// text does.
std::string version_of(std::string_view edition, std::string_view text_fr,
                       std::string_view text_en);

}  // namespace comptoir::legal
