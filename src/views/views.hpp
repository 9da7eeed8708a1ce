#pragma once

// ctemplate's str_ref.h uses strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_dictionary.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/analytics_settings.hpp"
#include "core/locale.hpp"
#include "http/types.hpp"
#include "i18n/catalog.hpp"
#include "staticfiles/asset_store.hpp"
#include "views/dictionary.hpp"
#include "views/layout_skeleton.hpp"
#include "views/shop_name.hpp"

namespace ctemplate {
class TemplateCache;
}

namespace comptoir::views {

// The BCP 47 tags pages announce per locale (<html lang>, hreflang, og:locale). A shop in France
// would configure fr-FR; serve() gives the same tags to the ICU formatter.
struct LocaleTags {
  std::string fr = "fr-CA";
  std::string en = "en-CA";
  const std::string& operator[](core::Locale locale) const {
    return locale == core::Locale::fr ? fr : en;
  }
};

// Where the layout's links lead, per locale: the shop's home, its products (and the search form),
// the cart and the account. Each module owns its paths (catalog::urls, cart::urls,
// accounts::urls); app gathers them here, so the layout spells none of them. The views point at
// those constant tables.
// A link of the footer: its text's message key and its path per locale.
struct FooterLink {
  std::string_view label_key;
  core::Localized path;
};

struct Navigation {
  core::Localized home;
  core::Localized products;
  core::Localized cart;
  core::Localized account;
  // The footer's links, in order (the legal pages: legal::urls); every storefront page shows them.
  std::vector<FooterLink> footer{};
};

// What every page carries when ANALYTICS is set (docs/analytics.md): the consent script, a banner
// rendered hidden (the script reveals it while no choice is stored, so every visitor gets the same
// page) and the footer's link to the preferences page. Nothing at all when analytics is off.
struct AnalyticsParts {
  core::AnalyticsSettings settings{};
  std::string consent_script{};  // the fingerprinted /static/js/consent.js
  core::Localized preferences{};
};

// <link rel="alternate" hreflang="…" href="…">
struct AlternateLink {
  std::string hreflang{};
  std::string href{};  // absolute
};

// <meta name="…" content="…">, e.g. a search engine's site verification code.
struct MetaTag {
  std::string name{};
  std::string content{};
};

// Open Graph tags (https://ogp.me); none are written when `type` is empty.
struct OpenGraph {
  std::string type{};  // "website" or "product"
  std::string title{};
  std::string description{};
  std::string url{};    // absolute
  std::string image{};  // absolute; omitted when empty
  std::string site_name{};
  std::string locale{};  // "fr_CA"
  std::vector<std::string> alternate_locales{};
};

// What every page tells the layout; texts are already translated, URLs already built.
struct Page {
  core::Locale locale = core::kDefaultLocale;
  // Braced so callers may name only the fields they set (designated initializers).
  std::string
      title{};  // without the shop name, which the layout appends; the shop name alone if empty
  std::string description{};
  std::string alternate_url{};  // the same page in the other locale; its home when empty
  // The kind of page ("product", "cart"), on <body data-page>: the field Core Web Vitals are
  // reported per kind (observe/web_vitals). "other" when empty.
  std::string page_type{};
  int status = 200;
  // Search-engine and social tags, filled for storefront pages by the SEO module.
  std::string robots{};         // <meta name="robots">, e.g. "noindex, follow"; none when empty
  std::string canonical_url{};  // absolute; none when empty
  std::vector<AlternateLink> alternates{};
  OpenGraph open_graph{};
  std::vector<MetaTag> meta_tags{};  // the search engines' verification codes (home pages)
  // JSON-LD placed verbatim in <script type="application/ld+json">: the producer must have escaped
  // '<', '>' and '&' (seo::JsonLdGraph does) so the text cannot close the element.
  std::string json_ld{};
};

// HTML pages: a body template expanded with its own dictionary, placed in templates/layout.tpl.
// The layout is expanded once per locale and shop name into a LayoutSkeleton; a page fills its
// slots (title, description, head tags from templates/_head_tags.tpl, page type, the other
// language's URL, body).
// Every template is auto-escaped HTML. Thread-safe: templates are loaded and frozen at start.
class Views {
 public:
  // Loads every *.tpl under `templates_dir`; throws std::runtime_error if one fails to parse or a
  // label the views use is missing from the catalog, and std::out_of_range for a missing asset.
  Views(std::filesystem::path templates_dir, const i18n::Catalog& catalog,
        const staticfiles::AssetStore& assets, Navigation navigation, LocaleTags tags = {});
  ~Views();
  Views(Views&&) noexcept;
  Views& operator=(Views&&) = delete;

  const LocaleTags& tags() const { return tags_; }
  const Navigation& navigation() const { return navigation_; }
  // The shop's name the pages show (the settings' one once the refresher has read it).
  const ShopName& shop_name() const { return *shop_name_; }
  ShopName& shop_name() { return *shop_name_; }

  // Before the first page: the analytics parts every page shows from then on.
  void set_analytics(AnalyticsParts parts);
  const AnalyticsParts& analytics() const { return analytics_; }

  std::string render_home(const Page& page) const;
  // Translated page for 400, 403, 404, 405, 410, 413, 429, 431, 500 and 503; a generic one
  // otherwise.
  std::string render_error(core::Locale locale, http::Status status, std::string_view request_id,
                           std::string_view alternate_url) const;
  // `body_template` is relative to the templates directory, e.g. "catalog/product.tpl".
  std::string render(std::string_view body_template, ctemplate::TemplateDictionary& body,
                     const Page& page) const;
  // A partial template expanded on its own, for a fragment the caller caches and places in a page
  // as pre-escaped HTML (e.g. "catalog/_grid.tpl").
  std::string fragment(std::string_view template_name, ctemplate::TemplateDictionary& dict) const;

 private:
  std::string expand(std::string_view template_name, ctemplate::TemplateDictionary& dict) const;
  // templates/layout.tpl with `values` in the page's slots and this locale's constant parts.
  std::string expand_layout(core::Locale locale, const SlotValues& values) const;
  // The layout for `locale` with the current shop name, built at the first page after a change.
  struct Skeleton {
    std::uint64_t generation = 0;  // the shop name's
    LayoutSkeleton layout;
  };
  struct Skeletons;
  std::shared_ptr<const Skeleton> skeleton(core::Locale locale) const;
  void prepare_layout();
  // `variable`: a views::Key ("NAME"_key), or ts(name) for a name known only at run time.
  void set_text(ctemplate::TemplateDictionary& dict, const ctemplate::TemplateString& variable,
                core::Locale locale, std::string_view key) const;

  const i18n::Catalog& catalog_;
  Navigation navigation_;
  LocaleTags tags_;
  std::unique_ptr<ctemplate::TemplateCache> cache_;
  std::unique_ptr<ShopName> shop_name_;  // stays put when Views moves
  std::unique_ptr<Skeletons> skeletons_;
  std::string stylesheet_url_;
  std::string favicon_url_;
  std::string site_script_url_;
  std::string vitals_script_url_;
  AnalyticsParts analytics_{};
};

}  // namespace comptoir::views
